package dev.yunrag.cli;

import dev.yunrag.config.OperatorConfigFile;
import java.io.UncheckedIOException;
import picocli.CommandLine;

/**
 * The thin client the launcher starts for {@code ./yunrag ask}: the same {@link AskCommand} (its options, help and
 * output), parsed by plain picocli and sent to the running server by {@link ServerAsk}, in a JVM that boots neither
 * Quarkus nor CDI nor a model (docs/benchmarks.md: about a tenth of the CPU time of the application's start). Its
 * class path is a handful of jars (see the launcher), so it must not reach the application's services: when the
 * question is to be answered in-process ({@code --local}, or no server answers at the default URL), it exits with
 * {@link #IN_PROCESS} and the launcher starts the application, which does.
 */
public final class AskClient {

    /** Exit code that hands the question to the application's own process; never seen by users of the launcher. */
    public static final int IN_PROCESS = 90;

    /** Where {@code quarkus.http.port} is in force when nothing sets it (as in the packaged application.properties). */
    private static final int DEFAULT_PORT = 8080;

    private AskClient() {
    }

    public static void main(String... args) {
        System.exit(run(args));
    }

    static int run(String... args) {
        AskCommand ask = new AskCommand();
        try {
            ask.port = localServerPort();
        } catch (NumberFormatException | UncheckedIOException e) {
            return IN_PROCESS; // the application says what is wrong with the setting or the file
        }
        CommandLine commandLine = new CommandLine(ask).setCommandName("yunrag ask");
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        return commandLine.execute(args);
    }

    /**
     * The port the local server listens on, from the settings the application itself reads, highest first:
     * {@code -Dquarkus.http.port}, {@code QUARKUS_HTTP_PORT}, the operator's application.properties.
     */
    static int localServerPort() {
        String port = System.getProperty("quarkus.http.port");
        if (port == null) {
            port = System.getenv("QUARKUS_HTTP_PORT");
        }
        if (port == null) {
            port = OperatorConfigFile.read().get("quarkus.http.port");
        }
        return port == null ? DEFAULT_PORT : Integer.parseInt(port.strip());
    }
}

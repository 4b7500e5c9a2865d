package dev.yunrag.cli;

import java.io.UncheckedIOException;
import picocli.CommandLine;

/**
 * The thin client the launcher starts for {@code ./yunrag ask}: the same {@link AskCommand} (its options, help and
 * output), parsed by plain picocli and sent to the running server by {@link ServerAsk}, in a JVM that boots neither
 * Quarkus nor CDI nor a model (docs/benchmarks.md: about a tenth of the CPU time of the application's start). Its
 * class path is a handful of jars (see the launcher), so it must not reach the application's services: when the
 * question is to be answered in-process ({@code --local}, or no server answers at the local URL, on the port
 * {@link LocalServerPort} finds), it exits with
 * {@link #IN_PROCESS} and the launcher starts the application, which does.
 */
public final class AskClient {

    /** Exit code that hands the question to the application's own process; never seen by users of the launcher. */
    public static final int IN_PROCESS = 90;

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

    /** The port the local server listens on: {@link LocalServerPort}, the settings the application itself reads. */
    static int localServerPort() {
        return LocalServerPort.ofThisProcess().port();
    }
}

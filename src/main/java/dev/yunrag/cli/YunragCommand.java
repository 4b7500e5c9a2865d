package dev.yunrag.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top command: {@code yunrag [serve|ingest|...]}. */
@Command(name = "yunrag", mixinStandardHelpOptions = true, version = "YunRAG 0.1.0",
        description = "Question answering over your own documents, with citations.",
        subcommands = {ServeCommand.class, IngestCommand.class, AskCommand.class, EvalCommand.class, BenchCommand.class,
                CheckApiCommand.class})
public class YunragCommand implements Runnable {

    private static final Set<String> HELP = Set.of("-h", "--help", "-V", "--version");

    /** True when the arguments ask for the long-running server (the default when no command is given). */
    public static boolean isServe(String... args) {
        for (String arg : args) {
            if (HELP.contains(arg)) {
                return false;
            }
            if (!arg.startsWith("-")) {
                return "serve".equals(arg);
            }
        }
        return true;
    }

    /** True for {@code bench load}, which runs the HTTP server in its own process to load it. */
    public static boolean isLoadBenchmark(String... args) {
        List<String> words = Arrays.stream(args).filter(arg -> !arg.startsWith("-")).limit(2).toList();
        return words.equals(List.of("bench", "load")) && Arrays.stream(args).noneMatch(HELP::contains);
    }

    public static CommandLine commandLine(CommandLine.IFactory factory) {
        CommandLine commandLine = new CommandLine(new YunragCommand(), factory);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        return commandLine;
    }

    @Override
    public void run() {
        // Reached only with options and no subcommand; serving is chosen in YunragMain.
    }
}

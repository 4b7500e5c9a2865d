package dev.yunrag.app;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * How this process runs, from its command line: a server ({@code serve}, the default), the load benchmark (a server in
 * this process, measured) or a one-shot command ({@code ingest}, {@code ask}, {@code eval} ...), which opens no port,
 * loads no model it does not need and logs warnings only. Injected where it matters (model warm-up, start-up lines).
 */
public enum RunMode {
    SERVER,
    LOAD_BENCHMARK,
    ONE_SHOT;

    private static final Set<String> HELP = Set.of("-h", "--help", "-V", "--version");

    /** The mode of a process started with these arguments. */
    public static RunMode of(String... args) {
        if (isLoadBenchmark(args)) {
            return LOAD_BENCHMARK;
        }
        return isServe(args) ? SERVER : ONE_SHOT;
    }

    /** Whether the process serves HTTP and so pays for warm-ups and says at start-up what is in force. */
    public boolean serves() {
        return this != ONE_SHOT;
    }

    /** The first word that is not an option is the command; none means {@code serve}. Help is never serving. */
    private static boolean isServe(String... args) {
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
    private static boolean isLoadBenchmark(String... args) {
        List<String> words = Arrays.stream(args).filter(arg -> !arg.startsWith("-")).limit(2).toList();
        return words.equals(List.of("bench", "load")) && Arrays.stream(args).noneMatch(HELP::contains);
    }
}

package dev.yunrag.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * {@code bench load} from the command line: the server of this very process (started on a free loopback port, see
 * {@link #serverProperties()}), a corpus folder uploaded first, its {@code questions.jsonl} asked.
 */
public final class LoadBenchmarkRun {

    /** The collection the benchmark fills and asks; it lives in the benchmark's own data directory. */
    public static final String COLLECTION = "load";
    private static final Set<String> NOT_DOCUMENTS = Set.of("README.md", "questions.jsonl");

    private LoadBenchmarkRun() {
    }

    /**
     * System properties for a process that runs {@code bench load}: the HTTP server on a free port of the loopback
     * interface only, and (unless the user chose one) a data directory of its own, so that neither a running server
     * nor the user's collections are touched.
     */
    public static void serverProperties() {
        try (ServerSocket socket = new ServerSocket(0)) {
            System.setProperty("quarkus.http.port", String.valueOf(socket.getLocalPort()));
        } catch (IOException e) {
            throw new UncheckedIOException("No free port for the load benchmark's server", e);
        }
        System.setProperty("quarkus.http.host", "127.0.0.1");
        if (System.getProperty("yunrag.data-dir") == null && System.getenv("YUNRAG_DATA_DIR") == null) {
            System.setProperty("yunrag.data-dir",
                    Path.of(System.getProperty("java.io.tmpdir"), "yunrag-load").toString());
        }
    }

    public static LoadBenchmark.Result run(Path corpus, int clients, int seconds, int warmUpSeconds)
            throws Exception {
        int port = ConfigProvider.getConfig().getValue("quarkus.http.port", Integer.class);
        String url = "http://127.0.0.1:" + port;
        List<LoopbackClient.Upload> files = new ArrayList<>();
        for (Path file : documents(corpus)) {
            files.add(LoopbackClient.Upload.of(file));
        }
        LoadBenchmark.prepare(url, COLLECTION, files);
        List<String> questions = LoadBenchmark.questions(corpus.resolve("questions.jsonl"));
        return LoadBenchmark.run(new LoadBenchmark.Settings(url, COLLECTION, clients, Duration.ofSeconds(seconds),
                Duration.ofSeconds(warmUpSeconds), Duration.ofSeconds(60), Duration.ofSeconds(10), questions));
    }

    /** The top-level files of the corpus folder, except its README, its questions and hidden files. */
    static List<Path> documents(Path corpus) throws IOException {
        try (Stream<Path> files = Files.list(corpus)) {
            return files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith("."))
                    .filter(f -> !NOT_DOCUMENTS.contains(f.getFileName().toString())).sorted().toList();
        }
    }

    public static String describe(LoadBenchmark.Result r) {
        return String.format("load %d clients, %.1f s (load average %s -> %s): %d requests, %d errors (%.1f/s);"
                        + " ask %d, p50 %.0f ms, p99 %.0f ms; search %d, p50 %.0f ms, p99 %.0f ms; upload %d, p50 %.0f ms;"
                        + " ask stage medians (ms) %s; threads %d -> %d (peak %d); heap after GC %.1f -> %.1f MB, slope %.2f MB/min over %d samples",
                r.clients(), r.seconds(), r.loadAverageStart(), r.loadAverageEnd(), r.requests(), r.errors(),
                r.requestsPerSecond(), r.ask().requests(), r.ask().latency().p50(), r.ask().latency().p99(),
                r.search().requests(), r.search().latency().p50(), r.search().latency().p99(), r.upload().requests(),
                r.upload().latency().p50(), r.askStageMedianMs(), r.threadsBefore(), r.threadsAfter(), r.peakThreads(), r.heapFirstMb(),
                r.heapLastMb(), r.heapSlopeMbPerMinute(), r.heapAfterGc().size());
    }
}

package dev.yunrag.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Concurrent clients asking ({@code POST /api/ask}) and searching ({@code POST /api/search}) for a fixed time while
 * one more client uploads documents into the same collection, against a server in this JVM reached over loopback.
 * Any non-2xx response, timeout or upload with a failed file is an error. Before and after the measured run (each
 * time with no request in flight) it counts live threads; during it, it samples the heap after a full GC.
 *
 * <p>A warm-up with the same clients runs first and is not measured: the server's worker pool, the models' sessions
 * and the JIT grow to their working size there, so that growth is not mistaken for a leak.
 */
public final class LoadBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Documents the uploading client cycles through: later uploads replace earlier ones (updates, not only adds). */
    private static final int UPLOAD_NAMES = 8;

    /** What to run. */
    public record Settings(String baseUrl, String collection, int clients, Duration duration, Duration warmUp,
                           Duration timeout, Duration heapSampleEvery, List<String> questions) {
    }

    /** One endpoint's requests in the measured run. */
    public record Endpoint(String name, int requests, int errors, Percentiles latency) {
    }

    /**
     * The measured run. {@code askStageMedianMs}: the median of each stage time the server reported in its answers
     * ({@code timings}), to show where an answer's time goes under load.
     */
    public record Result(String url, String collection, int clients, double seconds, String startedUtc,
                         String loadAverageStart, String loadAverageEnd, int requests, int errors,
                         List<String> errorSamples, double requestsPerSecond, Endpoint ask, Endpoint search,
                         Endpoint upload, Map<String, Double> askStageMedianMs, int threadsBefore, int threadsAfter, int peakThreads,
                         List<JvmProbe.HeapSample> heapAfterGc, double heapFirstMb, double heapLastMb,
                         double heapSlopeMbPerMinute) {
    }

    private LoadBenchmark() {
    }

    /** Uploads the corpus the clients will ask about; fails when any file is refused. */
    public static void prepare(String baseUrl, String collection, List<LoopbackClient.Upload> files)
            throws Exception {
        LoopbackClient client = new LoopbackClient(baseUrl, Duration.ofMinutes(10));
        LoopbackClient.Reply reply = client.upload(collection, files);
        if (!reply.ok() || JSON.readTree(reply.body()).path("failed").size() > 0) {
            throw new IllegalStateException("Uploading the corpus failed: " + reply.status() + " " + reply.body());
        }
    }

    public static Result run(Settings settings) throws Exception {
        if (settings.questions().isEmpty()) {
            throw new IllegalArgumentException("No questions to ask");
        }
        LoopbackClient client = new LoopbackClient(settings.baseUrl(), settings.timeout());
        // A run lasts minutes with nothing else to show: say what phase it is in, and the heap as it is sampled.
        System.err.printf("load: warm-up, %d clients for %d s (not measured)%n", settings.clients(),
                settings.warmUp().toSeconds());
        runClients(settings, client, settings.warmUp(), new LatencyLog(), new LatencyLog(), new LatencyLog());
        System.err.printf("load: measuring, %d clients for %d s, then waiting for requests in flight%n",
                settings.clients(), settings.duration().toSeconds());

        int threadsBefore = JvmProbe.threads();
        JvmProbe.resetPeakThreads();
        String loadStart = JvmProbe.loadAverage();
        String started = Instant.now().toString();
        List<JvmProbe.HeapSample> heap = new ArrayList<>();
        heap.add(new JvmProbe.HeapSample(0, JvmProbe.heapAfterGcMegabytes()));
        long t0 = System.nanoTime();
        Thread sampler = Thread.ofPlatform().name("load-heap-sampler").daemon().start(() -> {
            try {
                while (true) {
                    Thread.sleep(settings.heapSampleEvery());
                    double mb = JvmProbe.heapAfterGcMegabytes();
                    double at = (System.nanoTime() - t0) / 1e9;
                    synchronized (heap) {
                        heap.add(new JvmProbe.HeapSample(at, mb));
                    }
                    System.err.printf("load: %.0f s, heap after GC %.1f MB, %d threads%n", at, mb, JvmProbe.threads());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        LatencyLog ask = new LatencyLog();
        ask.keepStages = true;
        LatencyLog search = new LatencyLog();
        LatencyLog upload = new LatencyLog();
        runClients(settings, client, settings.duration(), ask, search, upload);
        double seconds = (System.nanoTime() - t0) / 1e9;
        sampler.interrupt();
        sampler.join();
        int peak = JvmProbe.peakThreads();
        heap.add(new JvmProbe.HeapSample(seconds, JvmProbe.heapAfterGcMegabytes()));
        int threadsAfter = JvmProbe.threads();
        String loadEnd = JvmProbe.loadAverage();

        int requests = ask.count() + search.count() + upload.count();
        int errors = ask.errors() + search.errors() + upload.errors();
        List<String> samples = new ArrayList<>();
        for (LatencyLog log : List.of(ask, search, upload)) {
            samples.addAll(log.errorSamples());
        }
        return new Result(settings.baseUrl(), settings.collection(), settings.clients(), seconds, started, loadStart,
                loadEnd, requests, errors, samples, requests / seconds, ask.summary("ask"), search.summary("search"),
                upload.summary("upload"), ask.stageMedians(), threadsBefore, threadsAfter, peak, List.copyOf(heap),
                heap.get(0).megabytes(), heap.get(heap.size() - 1).megabytes(), JvmProbe.slopePerMinute(heap));
    }

    /** {@code clients} askers/searchers and one uploader, all stopping after {@code duration}. */
    private static void runClients(Settings settings, LoopbackClient client, Duration duration, LatencyLog ask,
                                   LatencyLog search, LatencyLog upload) throws InterruptedException {
        long end = System.nanoTime() + duration.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < settings.clients(); c++) {
            int id = c;
            threads.add(Thread.ofVirtual().name("load-client-" + c).start(() -> {
                List<String> questions = settings.questions();
                for (int n = 0; System.nanoTime() < end; n++) {
                    String question = questions.get((id * 7 + n) % questions.size());
                    if ((id + n) % 2 == 0) {
                        call(ask, () -> client.postJson("/api/ask", json(Map.of("question", question,
                                "collection", settings.collection()))));
                    } else {
                        call(search, () -> client.postJson("/api/search", json(Map.of("query", question,
                                "collection", settings.collection(), "topK", 10))));
                    }
                }
            }));
        }
        threads.add(Thread.ofVirtual().name("load-uploader").start(() -> {
            for (int n = 0; System.nanoTime() < end; n++) {
                String name = "load-doc-" + (n % UPLOAD_NAMES) + ".md";
                byte[] content = uploadText(n).getBytes(StandardCharsets.UTF_8);
                call(upload, () -> {
                    LoopbackClient.Reply reply = client.upload(settings.collection(),
                            List.of(new LoopbackClient.Upload(name, content)));
                    // An upload answers 200 with the file under "failed" when its ingestion failed.
                    return reply.ok() && JSON.readTree(reply.body()).path("failed").size() > 0
                            ? new LoopbackClient.Reply(500, reply.body()) : reply;
                });
            }
        }));
        for (Thread thread : threads) {
            thread.join();
        }
    }

    @FunctionalInterface
    private interface Call {
        LoopbackClient.Reply send() throws Exception;
    }

    private static void call(LatencyLog log, Call call) {
        long start = System.nanoTime();
        try {
            LoopbackClient.Reply reply = call.send();
            log.add(System.nanoTime() - start, reply.ok() ? null : "HTTP " + reply.status() + ": "
                    + reply.body().substring(0, Math.min(200, reply.body().length())));
            if (reply.ok() && log.keepStages) {
                log.addStages(JSON.readTree(reply.body()).path("timings"));
            }
        } catch (Exception e) {
            log.add(System.nanoTime() - start, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** A changed document each time (new content under a recurring name), so every upload is really ingested. */
    static String uploadText(int n) {
        StringBuilder text = new StringBuilder("# 负载测试文档 " + n + "\n\n");
        for (int i = 1; i <= 12; i++) {
            text.append("第").append(i).append("条（版本").append(n).append("）：出差人员应在返回后十个工作日内")
                    .append("提交报销单，附发票原件；住宿标准按城市等级执行，一线城市每晚不超过").append(400 + n % 50 * 10)
                    .append("元。");
            text.append(i % 4 == 0 ? "\n\n" : "");
        }
        return text.toString();
    }

    private static String json(Map<String, Object> body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Latencies and errors of one endpoint, from many threads. */
    private static final class LatencyLog {
        private final List<Long> nanos = new ArrayList<>();
        private final List<String> errorSamples = new ArrayList<>();
        private final Map<String, List<Double>> stages = new java.util.TreeMap<>();
        private int errors;
        volatile boolean keepStages;

        synchronized void addStages(JsonNode timings) {
            timings.properties().forEach(stage -> stages.computeIfAbsent(stage.getKey(), k -> new ArrayList<>())
                    .add(stage.getValue().asDouble()));
        }

        synchronized Map<String, Double> stageMedians() {
            Map<String, Double> medians = new java.util.LinkedHashMap<>();
            stages.forEach((stage, values) -> medians.put(stage,
                    values.stream().sorted().toList().get((values.size() - 1) / 2)));
            return medians;
        }

        synchronized void add(long latency, String error) {
            nanos.add(latency);
            if (error != null) {
                errors++;
                if (errorSamples.size() < 5) {
                    errorSamples.add(error);
                }
            }
        }

        synchronized int count() {
            return nanos.size();
        }

        synchronized int errors() {
            return errors;
        }

        synchronized List<String> errorSamples() {
            return List.copyOf(errorSamples);
        }

        synchronized Endpoint summary(String name) {
            long[] all = nanos.stream().mapToLong(Long::longValue).toArray();
            return new Endpoint(name, all.length, errors, all.length == 0 ? null : Percentiles.of(all));
        }
    }

    /** The {@code question} field of each line of a questions.jsonl file. */
    public static List<String> questions(java.nio.file.Path jsonl) throws java.io.IOException {
        List<String> questions = new ArrayList<>();
        for (String line : java.nio.file.Files.readAllLines(jsonl)) {
            if (!line.isBlank()) {
                JsonNode node = JSON.readTree(line);
                questions.add(node.path("question").asText());
            }
        }
        return questions;
    }
}

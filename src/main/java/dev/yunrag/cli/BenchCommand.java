package dev.yunrag.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.yunrag.bench.HttpSearchBenchmark;
import dev.yunrag.bench.IngestBenchmark;
import dev.yunrag.bench.IngestWorkload;
import dev.yunrag.bench.LoadBenchmark;
import dev.yunrag.bench.LoadBenchmarkRun;
import dev.yunrag.bench.MemoryStoreBenchmark;
import dev.yunrag.bench.QueryBenchmark;
import dev.yunrag.bench.StubIngestBenchmark;
import dev.yunrag.app.Pipelines;
import dev.yunrag.config.IndexBackend;
import dev.yunrag.config.YunragConfig;
import dev.yunrag.embed.EmbedderRegistry;
import dev.yunrag.eval.EvalDataset;
import dev.yunrag.index.lucene.LuceneCollections;
import dev.yunrag.index.CollectionCatalog;
import dev.yunrag.index.lucene.WriterTuning;
import dev.yunrag.ingest.DocumentParser;
import dev.yunrag.ingest.IngestionPipeline;
import dev.yunrag.ingest.SentenceChunker;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bench ingest|query}: throughput and latency figures for docs/benchmarks.md. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks: 'ingest' (throughput on an evaluation corpus), 'stub-ingest' (the same through the"
                + " 云网 embedding client against a local stub of known capacity), 'query' (hybrid retrieval latency"
                + " and HNSW recall on synthetic collections), 'memory-store' (LangChain4j's InMemoryEmbeddingStore on"
                + " the same vectors), 'http' (POST /api/search latency against a running"
                + " server whose data dir holds the 'query' collections) or 'load' (concurrent clients asking and"
                + " searching while documents are uploaded, against a server started in this process on loopback).")
public class BenchCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "WHAT", description = "ingest, stub-ingest, query, memory-store, http or load")
    String what;

    @Option(names = "--dataset", paramLabel = "DIR", description = "ingest: dataset directory with corpus.jsonl.")
    Path dataset;

    @Option(names = "--limit", description = "ingest: first N corpus records (default: all).")
    int limit = Integer.MAX_VALUE;

    @Option(names = "--embedding-model", split = ",", description = "ingest: models to compare (default: hashing,bge-small-zh-v15).")
    List<String> models = List.of(EmbedderRegistry.HASHING, EmbedderRegistry.BGE_SMALL_ZH);

    @Option(names = "--chunks", split = ",", description = "query: collection sizes (default: 10000,100000).")
    List<Integer> sizes = List.of(10_000, 100_000);

    @Option(names = "--dim", description = "query: vector dimension (default: 512, as bge-small-zh).")
    int dimension = 512;

    @Option(names = "--queries", description = "query: measured queries per size (default: 500).")
    int queries = 500;

    @Option(names = "--vector-format", split = ",", description = "query: vector formats to compare (float32, int8,"
            + " int4, binary; default: float32).")
    List<String> vectorFormats = List.of("float32");

    @Option(names = "--build-threads", description = "query: writer threads when building a collection (default: 1).")
    int buildThreads = 1;

    @Option(names = "--ram-buffer-mb", description = "query: IndexWriter RAM buffer when building (default: 64, as"
            + " ingestion; larger means fewer, larger segments).")
    int ramBufferMb = WriterTuning.DEFAULT.ramBufferMb();

    @Option(names = "--merge-workers", description = "query: threads per HNSW graph merge when building (default: 1).")
    int mergeWorkers = 1;

    @Option(names = "--rescore-oversample", description = "query: for quantized formats, take N times the kNN"
            + " candidates and re-rank them by the float32 vectors (default: 1, off).")
    int rescoreOversample = 1;

    @Option(names = "--reuse", description = "query: reuse synthetic collections of the same size from an earlier run.")
    boolean reuse;

    @Option(names = "--latency-ms", split = ",", description = "stub-ingest: the stub's fixed latency per request,"
            + " one or several to compare (default: 50).")
    List<Long> latencies = List.of(50L);

    @Option(names = "--server-concurrency", description = "stub-ingest: requests the stub serves at once (default: 4).")
    int serverConcurrency = 4;

    @Option(names = "--concurrency", split = ",", description = "stub-ingest: client max-concurrency values to compare"
            + " (default: 1,4).")
    List<Integer> concurrencies = List.of(1, 4);

    @Option(names = "--batch", description = "stub-ingest: texts per request, the client's batch-size (default: 16).")
    int clientBatch = 16;

    @Option(names = "--embed-batch-size", split = ",", description = "stub-ingest: pipeline embed-batch-size values"
            + " to compare (default: the configured yunrag.ingest.embed-batch-size).")
    List<Integer> embedBatchSizes;

    @Option(names = "--calls-in-flight", split = ",", description = "stub-ingest: pipeline embed-calls-in-flight"
            + " values to compare (default: the configured yunrag.ingest.embed-calls-in-flight).")
    List<Integer> callsInFlight;

    @Option(names = "--as-files", description = "stub-ingest: write the dataset's records as one text file each"
            + " (under --work-dir) and ingest that folder through file ingestion (walk, hash, Tika).")
    boolean asFiles;

    @Option(names = "--files", paramLabel = "DIR", description = "stub-ingest: ingest this folder of files instead"
            + " of a dataset.")
    Path files;

    @Option(names = "--stub-dim", description = "stub-ingest: vector dimension served (default: 1024, bge-large-zh).")
    int stubDimension = 1024;

    @Option(names = "--url", description = "http: server base URL (default: ${DEFAULT-VALUE}).")
    String url = "http://localhost:8080";

    @Option(names = "--clients", description = "load: concurrent clients asking and searching (default: 20).")
    int clients = 20;

    @Option(names = "--seconds", description = "load: length of the measured run (default: 60).")
    int seconds = 60;

    @Option(names = "--warm-up-seconds", description = "load: unmeasured run before it (default: 10).")
    int warmUpSeconds = 10;

    @Option(names = "--corpus", description = "load: folder whose files are uploaded first and questions.jsonl asked"
            + " (default: ${DEFAULT-VALUE}).")
    Path corpus = Path.of("sample-corpus");

    @Option(names = "--work-dir", description = "Scratch data directory (default: ${DEFAULT-VALUE}).")
    Path workDir = Path.of(System.getProperty("java.io.tmpdir"), "yunrag-bench");

    @Option(names = "--backend", split = ",", description = "ingest, query: lucene (the embedded index under"
            + " --work-dir, the default) or solr (the SolrCloud of yunrag.solr.*); 'query' with solr, or with both,"
            + " runs one harness on each (embedded, then each --shards layout).")
    List<IndexBackend> backends = List.of(IndexBackend.LUCENE);

    @Option(names = "--shards", split = ",", description = "--backend solr: shard counts to compare (default: 1,2).")
    List<Integer> shards = List.of(1, 2);

    @Option(names = "--replicas", description = "--backend solr: replicas per shard (default: 1).")
    int replicas = 1;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the results as JSON to FILE.")
    Path json;

    @Inject
    YunragConfig config;

    @Inject
    EmbedderRegistry embedders;

    @Inject
    DocumentParser parser;

    @Inject
    SentenceChunker chunker;

    @Inject
    Pipelines pipelines;

    @Override
    public Integer call() throws Exception {
        Files.createDirectories(workDir);
        List<Object> results = new ArrayList<>();
        try (LuceneCollections store = new LuceneCollections(workDir, rescoreOversample)) {
            switch (what) {
                case "ingest" -> {
                    if (dataset == null) {
                        System.err.println("error: bench ingest needs --dataset DIR");
                        return 2;
                    }
                    EvalDataset data = EvalDataset.readCorpusOnly(dataset);
                    CollectionCatalog scratch = backends.contains(IndexBackend.SOLR)
                            ? pipelines.solrCollections(shards.getFirst(), replicas) : store;
                    for (String model : models) {
                        IngestBenchmark.Result r = IngestBenchmark.run(data, limit, model, scratch, this::pipeline,
                                new ProgressBar(System.err, System.console() != null));
                        results.add(r);
                        System.out.printf("ingest %s with %s: %d docs, %d chunks, %.2f MB in %.1f s: %.1f chunks/s,"
                                        + " %.3f MB/s, %.2f cores busy, %.1f chunks per CPU-second%n", r.dataset(), r.embeddingModel(),
                                r.documents(), r.chunks(), r.megabytes(), r.seconds(), r.chunksPerSecond(),
                                r.megabytesPerSecond(), r.coresBusy(), r.chunksPerCpuSecond());
                    }
                    if (scratch != store) {
                        scratch.close();
                    }
                }
                case "stub-ingest" -> {
                    IngestWorkload workload = stubWorkload();
                    if (workload == null) {
                        System.err.println("error: bench stub-ingest needs --dataset DIR or --files DIR");
                        return 2;
                    }
                    for (int embedBatch : orDefault(embedBatchSizes, config.ingest().embedBatchSize())) {
                        for (int calls : orDefault(callsInFlight, config.ingest().embedCallsInFlight())) {
                            for (long latency : latencies) {
                                for (int concurrency : concurrencies) {
                                    results.add(stubIngest(workload, store, latency, embedBatch, calls, concurrency));
                                }
                            }
                        }
                    }
                }
                case "query" -> {
                    if (!backends.equals(List.of(IndexBackend.LUCENE))) {
                        results.addAll(BackendBenchRun.queries(store, backends, shards, replicas,
                                layout -> pipelines.solrCollections(layout, replicas), sizes, dimension, queries,
                                reuse));
                        break;
                    }
                    for (String format : vectorFormats) {
                        for (int size : sizes) {
                            QueryBenchmark.Result r = QueryBenchmark.run(store, size, dimension, queries, 42, reuse,
                                    format, new QueryBenchmark.Build(buildThreads,
                                            new WriterTuning(ramBufferMb, mergeWorkers)), pipelines::retriever);
                            results.add(r);
                            System.out.printf("query %d chunks (%d-d, %s, rescore x%d): build %.1f s, %d segments, %.1f MB on disk"
                                            + " %s, heap after GC %.1f MB before opening, %.1f MB open; retrieval"
                                            + " p50 %.2f ms p99 %.2f ms (bm25 p50 %.2f, knn p50 %.2f, fusion p50 %.2f);"
                                            + " kNN top-50 alone p50 %.2f p99 %.2f; HNSW recall@10 %.3f;"
                                            + " CPU %.2f ms per retrieval%n",
                                    r.chunks(), r.dimension(), r.vectorFormat(), r.rescoreOversample(),
                                    r.buildSeconds(), r.segments(),
                                    r.bytesOnDisk() / 1e6, r.vectorFileBytes(), r.heapBytesBaseline() / 1e6,
                                    r.heapBytesOpen() / 1e6, r.retrieval().p50(),
                                    r.retrieval().p99(), r.bm25().p50(), r.vector().p50(), r.fusion().p50(),
                                    r.knnOnly().p50(), r.knnOnly().p99(), r.hnswRecallAt10(),
                                    r.cpuMsPerRetrieval());
                        }
                    }
                }
                case "memory-store" -> {
                    for (int size : sizes) {
                        MemoryStoreBenchmark.Result r = MemoryStoreBenchmark.run(size, dimension, queries, 50, 42);
                        results.add(r);
                        System.out.printf("memory-store %d chunks (%d-d): build %.1f s, heap +%.1f MB (%.0f bytes per"
                                        + " chunk); search top %d p50 %.2f ms p99 %.2f ms%n", r.chunks(), r.dimension(),
                                r.buildSeconds(), r.heapBytesAdded() / 1e6, r.heapBytesPerChunk(), r.k(),
                                r.search().p50(), r.search().p99());
                    }
                }
                case "http" -> {
                    for (int size : sizes) {
                        HttpSearchBenchmark.Result r = HttpSearchBenchmark.run(url, "bench-" + size + "-" + dimension,
                                queries, 42);
                        results.add(r);
                        System.out.printf("http /api/search %s: %d queries, %d errors, p50 %.2f ms, p90 %.2f ms,"
                                        + " p99 %.2f ms%n", r.collection(), r.queries(), r.errors(), r.latency().p50(),
                                r.latency().p90(), r.latency().p99());
                    }
                }
                case "load" -> {
                    LoadBenchmark.Result r = LoadBenchmarkRun.run(corpus, clients, seconds, warmUpSeconds);
                    results.add(r);
                    System.out.println(LoadBenchmarkRun.describe(r));
                }
                default -> {
                    System.err.println("error: unknown benchmark '" + what + "': use ingest, stub-ingest, query,"
                            + " memory-store, http or load");
                    return 2;
                }
            }
        }
        if (json != null) {
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), results);
        }
        return 0;
    }

    private IngestWorkload stubWorkload() throws java.io.IOException {
        if (files != null) {
            return IngestWorkload.files(files);
        }
        if (dataset == null) {
            return null;
        }
        EvalDataset data = EvalDataset.readCorpusOnly(dataset);
        return asFiles ? IngestWorkload.asFiles(data, limit, workDir.resolve("stub-ingest-files"))
                : IngestWorkload.records(data, limit);
    }

    private StubIngestBenchmark.Result stubIngest(IngestWorkload workload, CollectionCatalog store, long latencyMillis,
                                                  int embedBatch, int calls, int concurrency) {
        StubIngestBenchmark.Result r = StubIngestBenchmark.run(workload, latencyMillis, serverConcurrency,
                concurrency, clientBatch, embedBatch, calls, stubDimension, store,
                (s, embedderLookup, id, batch, inFlight) -> pipelines.ingestion(s, embedderLookup, parser, chunker,
                        pipelines.ingestionSettings(id).withEmbedBatchSize(batch).withEmbedCallsInFlight(inFlight)),
                new ProgressBar(System.err, System.console() != null));
        System.out.printf("stub-ingest %s (%s): %d docs, %d chunks, embed-batch %d, calls in flight %d, batch %d,"
                        + " client concurrency %d, stub %d ms x %d slots (capacity %.0f texts/s): %.1f s, %.1f texts/s"
                        + " overall (%.0f%% of capacity), %.1f texts/s while embedding (%.0f%%), %d requests, max %d in"
                        + " flight, stub busy %.0f%%, %.2f cores busy, first request after %.2f s, %.2f s after the last"
                        + " response%n", r.dataset(), r.source(), r.documents(),
                r.chunks(), r.embedBatchSize(), r.callsInFlight(), r.clientBatch(), r.clientConcurrency(),
                r.latencyMillis(), r.serverConcurrency(), r.capacity(), r.seconds(), r.textsPerSecond(),
                100 * r.shareOfCapacity(), r.embeddingTextsPerSecond(), 100 * r.embeddingShareOfCapacity(),
                r.requests(), r.maxInFlight(), 100 * r.serverUtilisation(), r.coresBusy(), r.startupSeconds(),
                r.tailSeconds());
        return r;
    }

    private static List<Integer> orDefault(List<Integer> values, int configured) {
        return values == null ? List.of(configured) : values;
    }

    private IngestionPipeline pipeline(CollectionCatalog store) {
        return pipelines.ingestion(store, embedders::get, parser, chunker,
                pipelines.ingestionSettings(embedders.defaultId()));
    }
}

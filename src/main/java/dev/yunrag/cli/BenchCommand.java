package dev.yunrag.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.yunrag.bench.HttpSearchBenchmark;
import dev.yunrag.bench.IngestBenchmark;
import dev.yunrag.bench.QueryBenchmark;
import dev.yunrag.config.YunragConfig;
import dev.yunrag.embed.EmbedderRegistry;
import dev.yunrag.eval.EvalDataset;
import dev.yunrag.index.CollectionStore;
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
        description = "Benchmarks: 'ingest' (throughput on an evaluation corpus), 'query' (hybrid retrieval latency"
                + " and HNSW recall on synthetic collections) or 'http' (POST /api/search latency against a running"
                + " server whose data dir holds the 'query' collections).")
public class BenchCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "WHAT", description = "ingest or query")
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

    @Option(names = "--reuse", description = "query: reuse synthetic collections of the same size from an earlier run.")
    boolean reuse;

    @Option(names = "--url", description = "http: server base URL (default: ${DEFAULT-VALUE}).")
    String url = "http://localhost:8080";

    @Option(names = "--work-dir", description = "Scratch data directory (default: ${DEFAULT-VALUE}).")
    Path workDir = Path.of(System.getProperty("java.io.tmpdir"), "yunrag-bench");

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

    @Override
    public Integer call() throws Exception {
        Files.createDirectories(workDir);
        List<Object> results = new ArrayList<>();
        try (CollectionStore store = new CollectionStore(workDir)) {
            switch (what) {
                case "ingest" -> {
                    if (dataset == null) {
                        System.err.println("error: bench ingest needs --dataset DIR");
                        return 2;
                    }
                    EvalDataset data = EvalDataset.readCorpusOnly(dataset);
                    for (String model : models) {
                        IngestBenchmark.Result r = IngestBenchmark.run(data, limit, model, store, this::pipeline,
                                new ProgressBar(System.err, System.console() != null));
                        results.add(r);
                        System.out.printf("ingest %s with %s: %d docs, %d chunks, %.2f MB in %.1f s: %.1f chunks/s,"
                                        + " %.3f MB/s, %.2f cores busy, %.1f chunks per CPU-second%n", r.dataset(), r.embeddingModel(),
                                r.documents(), r.chunks(), r.megabytes(), r.seconds(), r.chunksPerSecond(),
                                r.megabytesPerSecond(), r.coresBusy(), r.chunksPerCpuSecond());
                    }
                }
                case "query" -> {
                    for (int size : sizes) {
                        QueryBenchmark.Result r = QueryBenchmark.run(store, size, dimension, queries, 42, reuse);
                        results.add(r);
                        System.out.printf("query %d chunks (%d-d): build %.1f s, %.1f MB on disk; retrieval p50 %.2f ms"
                                        + " p99 %.2f ms (bm25 p50 %.2f, knn p50 %.2f, fusion p50 %.2f); HNSW recall@10 %.3f%n",
                                r.chunks(), r.dimension(), r.buildSeconds(), r.bytesOnDisk() / 1e6, r.retrieval().p50(),
                                r.retrieval().p99(), r.bm25().p50(), r.vector().p50(), r.fusion().p50(),
                                r.hnswRecallAt10());
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
                default -> {
                    System.err.println("error: unknown benchmark '" + what + "': use ingest, query or http");
                    return 2;
                }
            }
        }
        if (json != null) {
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), results);
        }
        return 0;
    }

    private IngestionPipeline pipeline(CollectionStore store) {
        return new IngestionPipeline(store, embedders::get, embedders.defaultId(), parser, chunker,
                config.index().analyzer(), config.ingest().embedBatchSize(), config.ingest().commitInterval());
    }
}

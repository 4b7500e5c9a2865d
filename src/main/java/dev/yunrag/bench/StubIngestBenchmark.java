package dev.yunrag.bench;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import dev.yunrag.embed.Embedder;
import dev.yunrag.index.CollectionCatalog;
import dev.yunrag.ingest.IngestOptions;
import dev.yunrag.ingest.IngestProgress;
import dev.yunrag.ingest.IngestReport;
import dev.yunrag.ingest.IngestionPipeline;
import dev.yunrag.yunwang.AuthScheme;
import dev.yunrag.yunwang.YunwangEmbeddingModel;
import dev.yunrag.yunwang.YunwangEndpoint;
import dev.yunrag.yunwang.YunwangHttp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Ingestion through the real pipeline and the real 云网 embedding client against {@link LatencyEmbeddingServer}, whose
 * capacity is known: does batching and concurrency keep the remote model busy? The achieved rate is compared with
 * the server's capacity twice: over the whole run (chunking and Lucene indexing included) and over the time the
 * pipeline spent waiting for embeddings (the client's own efficiency).
 */
public final class StubIngestBenchmark {

    /**
     * One setting and its figures.
     *
     * @param source                 {@code records} (text documents) or {@code files} (file ingestion: walk, Tika)
     * @param callsInFlight          the pipeline's embedding calls in flight ({@code embed-calls-in-flight})
     * @param capacity               server capacity in texts/s: serverConcurrency × clientBatch / latency
     * @param textsPerSecond         chunks / wall time of the whole ingestion
     * @param embeddingSeconds       time during which at least one embedding call was in flight
     * @param embeddingTextsPerSecond chunks / embeddingSeconds
     * @param serverUtilisation      time the server's slots were busy / (slots × wall time)
     * @param startupSeconds         from the start of the ingestion to the first request at the server (opening
     *                               the collection, loading the tokenizer, chunking the first batch)
     * @param tailSeconds            from the last response to the end of the ingestion (writing the last documents,
     *                               the final commit)
     */
    public record Result(String dataset, String source, int documents, int chunks, long latencyMillis,
                         int serverConcurrency, int clientConcurrency, int clientBatch, int embedBatchSize,
                         int callsInFlight, int dimension, double capacity,
                         double seconds, double embeddingSeconds, double textsPerSecond,
                         double embeddingTextsPerSecond, double shareOfCapacity, double embeddingShareOfCapacity,
                         long requests, int maxInFlight, double serverUtilisation, double coresBusy,
                         double startupSeconds, double tailSeconds) {
    }

    private StubIngestBenchmark() {
    }

    /**
     * @param pipelines builds the pipeline for a given embed batch size (the pipeline's {@code embed-batch-size})
     */
    public static Result run(IngestWorkload workload, long latencyMillis, int serverConcurrency,
                             int clientConcurrency, int clientBatch, int embedBatchSize, int callsInFlight,
                             int dimension, CollectionCatalog scratch, PipelineFactory pipelines,
                             IngestProgress progress) {
        try (LatencyEmbeddingServer server = new LatencyEmbeddingServer(latencyMillis, serverConcurrency, dimension)) {
            YunwangEndpoint endpoint = YunwangEndpoint.of("embedding", server.baseUrl().toString(), null,
                    AuthScheme.BEARER).withMaxConcurrency(clientConcurrency);
            YunwangEmbeddingModel remote = new YunwangEmbeddingModel(new YunwangHttp(endpoint), "bge-large-zh-v1.5",
                    dimension, clientBatch, "", text -> text);
            TimedModel timed = new TimedModel(remote);
            String id = "stub-" + dimension;
            Embedder embedder = new Embedder(id, dimension, "", timed);
            String collection = "bench-stub-ingest";
            scratch.drop(collection);
            long start = System.nanoTime();
            CpuClock clock = new CpuClock();
            IngestionPipeline pipeline = pipelines.create(scratch, model -> embedder, id, embedBatchSize,
                    callsInFlight);
            IngestReport report = workload.ingest(pipeline, new IngestOptions(collection, id, false, true), progress);
            if (report.hasFailures()) {
                throw new IllegalStateException(report.failed().size() + " documents failed, e.g. "
                        + report.failed().getFirst());
            }
            double seconds = clock.wallSeconds();
            long end = System.nanoTime();
            double capacity = serverConcurrency * (double) clientBatch / (latencyMillis / 1000.0);
            double embeddingSeconds = timed.busySeconds();
            int chunks = report.chunks();
            double rate = chunks / seconds;
            double embeddingRate = chunks / embeddingSeconds;
            return new Result(workload.name(), workload.kind(), report.documents(), chunks, latencyMillis,
                    serverConcurrency, clientConcurrency, clientBatch, embedBatchSize, callsInFlight, dimension,
                    capacity, seconds, embeddingSeconds,
                    rate, embeddingRate, rate / capacity, embeddingRate / capacity, server.requests(),
                    server.maxInFlight(), server.busySeconds() / (serverConcurrency * seconds), clock.coresBusy(),
                    (server.firstArrivalNanos() - start) / 1e9, (end - server.lastDepartureNanos()) / 1e9);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Builds an ingestion pipeline over the given embedders with the given embed batch size and calls in flight. */
    @FunctionalInterface
    public interface PipelineFactory {
        IngestionPipeline create(CollectionCatalog store, java.util.function.Function<String, Embedder> embedders,
                                 String defaultEmbedder, int embedBatchSize, int embedCallsInFlight);
    }

    /**
     * Measures the wall time during which at least one {@code embedAll} call was running (calls overlap when the
     * pipeline keeps several in flight, so their durations are not simply added).
     */
    private static final class TimedModel implements EmbeddingModel {
        private final EmbeddingModel delegate;
        private int running;
        private long busySince;
        private long busyNanos;

        TimedModel(EmbeddingModel delegate) {
            this.delegate = delegate;
        }

        @Override
        public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
            synchronized (this) {
                if (running++ == 0) {
                    busySince = System.nanoTime();
                }
            }
            try {
                return delegate.embedAll(segments);
            } finally {
                synchronized (this) {
                    if (--running == 0) {
                        busyNanos += System.nanoTime() - busySince;
                    }
                }
            }
        }

        synchronized double busySeconds() {
            return busyNanos / 1e9;
        }

        @Override
        public int dimension() {
            return delegate.dimension();
        }
    }
}

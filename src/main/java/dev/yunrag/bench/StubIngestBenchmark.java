package dev.yunrag.bench;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import dev.yunrag.embed.Embedder;
import dev.yunrag.eval.EvalDataset;
import dev.yunrag.index.CollectionStore;
import dev.yunrag.ingest.IngestOptions;
import dev.yunrag.ingest.IngestProgress;
import dev.yunrag.ingest.IngestReport;
import dev.yunrag.ingest.IngestionPipeline;
import dev.yunrag.model.ParsedDocument;
import dev.yunrag.yunwang.AuthScheme;
import dev.yunrag.yunwang.YunwangEmbeddingModel;
import dev.yunrag.yunwang.YunwangEndpoint;
import dev.yunrag.yunwang.YunwangHttp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

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
     * @param capacity               server capacity in texts/s: serverConcurrency × clientBatch / latency
     * @param textsPerSecond         chunks / wall time of the whole ingestion
     * @param embeddingTextsPerSecond chunks / time spent inside embedding calls
     * @param serverUtilisation      time the server's slots were busy / (slots × wall time)
     */
    public record Result(String dataset, int documents, int chunks, long latencyMillis, int serverConcurrency,
                         int clientConcurrency, int clientBatch, int embedBatchSize, int dimension, double capacity,
                         double seconds, double embeddingSeconds, double textsPerSecond,
                         double embeddingTextsPerSecond, double shareOfCapacity, double embeddingShareOfCapacity,
                         long requests, int maxInFlight, double serverUtilisation, double coresBusy) {
    }

    private StubIngestBenchmark() {
    }

    /**
     * @param pipelines builds the pipeline for a given embed batch size (the pipeline's {@code embed-batch-size})
     */
    public static Result run(EvalDataset dataset, int limit, long latencyMillis, int serverConcurrency,
                             int clientConcurrency, int clientBatch, int embedBatchSize, int dimension,
                             CollectionStore scratch, PipelineFactory pipelines, IngestProgress progress) {
        List<EvalDataset.CorpusRecord> records = dataset.corpus().subList(0, Math.min(limit, dataset.corpus().size()));
        List<IngestionPipeline.IdentifiedDocument> documents = records.stream()
                .map(r -> new IngestionPipeline.IdentifiedDocument(r.id(), new ParsedDocument(r.id(), r.title(),
                        "text/plain", r.text(), List.of(), List.of(), Map.of())))
                .toList();
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
            CpuClock clock = new CpuClock();
            IngestReport report = pipelines.create(scratch, model -> embedder, id, embedBatchSize)
                    .ingestDocuments(documents, new IngestOptions(collection, id, false, true), progress);
            double seconds = clock.wallSeconds();
            double capacity = serverConcurrency * (double) clientBatch / (latencyMillis / 1000.0);
            double embeddingSeconds = timed.nanos.get() / 1e9;
            int chunks = report.chunks();
            double rate = chunks / seconds;
            double embeddingRate = chunks / embeddingSeconds;
            return new Result(dataset.name(), report.documents(), chunks, latencyMillis, serverConcurrency,
                    clientConcurrency, clientBatch, embedBatchSize, dimension, capacity, seconds, embeddingSeconds,
                    rate, embeddingRate, rate / capacity, embeddingRate / capacity, server.requests(),
                    server.maxInFlight(), server.busySeconds() / (serverConcurrency * seconds), clock.coresBusy());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Builds an ingestion pipeline over the given embedders with the given embed batch size. */
    @FunctionalInterface
    public interface PipelineFactory {
        IngestionPipeline create(CollectionStore store, java.util.function.Function<String, Embedder> embedders,
                                 String defaultEmbedder, int embedBatchSize);
    }

    /** Adds up the wall time spent inside {@code embedAll} (the pipeline calls it from one thread at a time). */
    private static final class TimedModel implements EmbeddingModel {
        private final EmbeddingModel delegate;
        final AtomicLong nanos = new AtomicLong();

        TimedModel(EmbeddingModel delegate) {
            this.delegate = delegate;
        }

        @Override
        public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
            long start = System.nanoTime();
            try {
                return delegate.embedAll(segments);
            } finally {
                nanos.addAndGet(System.nanoTime() - start);
            }
        }

        @Override
        public int dimension() {
            return delegate.dimension();
        }
    }
}

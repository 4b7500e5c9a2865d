package dev.yunrag.ingest;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.output.Response;
import dev.yunrag.app.Pipelines;
import dev.yunrag.app.TestConfigs;
import dev.yunrag.embed.BertTokenCounter;
import dev.yunrag.embed.Embedder;
import dev.yunrag.embed.HashingEmbeddingModel;
import dev.yunrag.index.CollectionCatalog;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real pipeline that knows two cheap embedding models, {@code model-a} (64 dims) and {@code model-b} (48 dims), for
 * re-indexing a collection with another model. {@code model-b} can be told to fail from a given call on, or to be
 * slow, to break a rebuild half-way.
 */
public final class TwoModelPipelines {

    public static final String MODEL_A = "model-a";
    public static final String MODEL_B = "model-b";

    /** A hashing model that fails every call from {@code failFromCall} on (0: never) and sleeps per call. */
    public static final class BreakableModel extends HashingEmbeddingModel {
        private final AtomicInteger calls = new AtomicInteger();
        private final int failFromCall;
        private final long sleepMillis;

        public BreakableModel(int dimension, int failFromCall, long sleepMillis) {
            super(dimension);
            this.failFromCall = failFromCall;
            this.sleepMillis = sleepMillis;
        }

        @Override
        public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
            int call = calls.incrementAndGet();
            if (sleepMillis > 0) {
                try {
                    Thread.sleep(sleepMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (failFromCall > 0 && call >= failFromCall) {
                throw new IllegalStateException("embedding endpoint down (test)");
            }
            return super.embedAll(segments);
        }
    }

    private TwoModelPipelines() {
    }

    /** {@code model-b} breaks from call {@code failFromCall} on (0: never) and takes {@code sleepMillis} per call. */
    public static IngestionPipeline pipeline(CollectionCatalog store, int failFromCall, long sleepMillis) {
        Map<String, Embedder> embedders = Map.of(
                MODEL_A, new Embedder(MODEL_A, 64, "", new HashingEmbeddingModel(64)),
                MODEL_B, new Embedder(MODEL_B, 48, "", new BreakableModel(48, failFromCall, sleepMillis)));
        Pipelines pipelines = TestConfigs.pipelines(Map.of());
        return pipelines.ingestion(store, id -> {
            Embedder embedder = embedders.get(id);
            if (embedder == null) {
                throw new IllegalArgumentException("Unknown embedding model '" + id + "'");
            }
            return embedder;
        }, new TikaDocumentParser(50_000_000, Duration.ofSeconds(30), 20_000_000),
                new SentenceChunker(new BertTokenCounter(), 128, 16),
                pipelines.ingestionSettings(MODEL_A).withEmbedBatchSize(4).withCommitInterval(Duration.ZERO));
    }
}

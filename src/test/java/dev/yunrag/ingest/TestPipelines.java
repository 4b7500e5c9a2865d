package dev.yunrag.ingest;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import dev.yunrag.app.Pipelines;
import dev.yunrag.app.TestConfigs;
import dev.yunrag.embed.BertTokenCounter;
import dev.yunrag.embed.Embedder;
import dev.yunrag.embed.HashingEmbeddingModel;
import dev.yunrag.index.CollectionCatalog;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Builds a real pipeline (Tika, chunker, Lucene on disk) with a cheap, counting embedding model for tests, through
 * the composition root from the packaged configuration (small chunks, the test's batch size and commit interval).
 */
public final class TestPipelines {

    /** Counts the texts it is asked to embed, so tests can prove that unchanged files cost no embedding work. */
    public static final class CountingEmbeddingModel extends HashingEmbeddingModel {
        public final AtomicInteger embedded = new AtomicInteger();

        public CountingEmbeddingModel() {
            super(64);
        }

        @Override
        public Response<List<dev.langchain4j.data.embedding.Embedding>> embedAll(List<TextSegment> segments) {
            embedded.addAndGet(segments.size());
            return super.embedAll(segments);
        }
    }

    private TestPipelines() {
    }

    public static IngestionPipeline pipeline(CollectionCatalog store, EmbeddingModel model, Duration commitInterval) {
        return pipeline(store, model, commitInterval, defaultParser());
    }

    /** As above, with the given parser (its limits and timeout). */
    public static IngestionPipeline pipeline(CollectionCatalog store, EmbeddingModel model, Duration commitInterval,
                                             DocumentParser parser) {
        return pipeline(store, new Embedder("hashing", 64, "", model), 16, commitInterval, parser);
    }

    /** A pipeline whose only embedding model is {@code embedder}, embedding {@code embedBatchSize} chunks per call. */
    public static IngestionPipeline pipeline(CollectionCatalog store, Embedder embedder, int embedBatchSize,
                                             Duration commitInterval) {
        return pipeline(store, embedder, embedBatchSize, commitInterval, defaultParser());
    }

    private static DocumentParser defaultParser() {
        return new TikaDocumentParser(50_000_000, Duration.ofSeconds(30), 20_000_000);
    }

    private static IngestionPipeline pipeline(CollectionCatalog store, Embedder embedder, int embedBatchSize,
                                              Duration commitInterval, DocumentParser parser) {
        Pipelines pipelines = TestConfigs.pipelines(Map.of());
        return pipelines.ingestion(store, id -> {
            if (!id.equals(embedder.id())) {
                throw new IllegalArgumentException("Unknown embedding model '" + id + "'");
            }
            return embedder;
        }, parser, new SentenceChunker(new BertTokenCounter(), 128, 16), pipelines.ingestionSettings(embedder.id())
                .withEmbedBatchSize(embedBatchSize).withCommitInterval(commitInterval));
    }

    public static Path sampleCorpus() {
        return Path.of("sample-corpus").toAbsolutePath();
    }
}

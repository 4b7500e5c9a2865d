package dev.yunrag.app;
import dev.yunrag.config.YunragConfig;

import dev.yunrag.embed.Embedder;
import dev.yunrag.embed.EmbedderRegistry;
import dev.yunrag.embed.TokenCounter;
import dev.yunrag.embed.TokenCounters;
import dev.yunrag.index.CollectionCatalog;
import dev.yunrag.index.lucene.LuceneCollections;
import dev.yunrag.ingest.DocumentParser;
import dev.yunrag.ingest.IngestionPipeline;
import dev.yunrag.ingest.SentenceChunker;
import dev.yunrag.ingest.TikaDocumentParser;
import dev.yunrag.ingest.image.ImageReading;
import dev.yunrag.rerank.EmbeddedReranker;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.function.Function;

/** Builds the ingestion services from configuration; the server and the commands share them. */
@Singleton
public class IngestionProducers {

    @Produces
    @Singleton
    CollectionCatalog collections(YunragConfig config) {
        return new LuceneCollections(config.dataDir(), config.index().rescoreOversample());
    }

    void closeCollections(@Disposes CollectionCatalog collections) throws IOException {
        collections.close();
    }

    /** One tokenizer per embedding model vocabulary: each collection is counted in its own model's tokens. */
    @Produces
    @Singleton
    TokenCounters tokenCounters() {
        return new TokenCounters();
    }

    void closeTokenCounters(@Disposes TokenCounters counters) {
        counters.close();
    }

    /** The zh vocabulary's counter, for code that has no collection at hand. */
    @Produces
    @Singleton
    TokenCounter tokenCounter(TokenCounters counters) {
        return counters.forModel(EmbedderRegistry.BGE_SMALL_ZH);
    }

    @Produces
    @Singleton
    DocumentParser parser(YunragConfig config, ImageReading images) {
        return TikaDocumentParser.fromConfig(config.ingest(), images);
    }

    @Produces
    @Singleton
    SentenceChunker chunker(YunragConfig config, TokenCounters counters) {
        return new SentenceChunker(counters::forModel, EmbedderRegistry.BGE_SMALL_ZH, config.chunking().maxTokens(),
                config.chunking().overlapTokens());
    }

    @Produces
    @Singleton
    IngestionPipeline pipeline(YunragConfig config, CollectionCatalog collections, EmbedderRegistry embedders,
                               DocumentParser parser, SentenceChunker chunker) {
        return pipeline(config, collections, embedders::get, embedders.defaultId(), parser, chunker,
                config.ingest().embedBatchSize());
    }

    /**
     * The pipeline as configured (analyzer, vector format, commit interval, embedding calls in flight), for the service
     * and for commands that ingest into a store or with embedders of their own (the benchmarks).
     */
    public static IngestionPipeline pipeline(YunragConfig config, CollectionCatalog collections,
                                             Function<String, Embedder> embedders, String defaultEmbedder,
                                             DocumentParser parser, SentenceChunker chunker, int embedBatchSize) {
        return new IngestionPipeline(collections, embedders, defaultEmbedder, parser, chunker,
                config.index().analyzer(), config.index().vectorFormat(), embedBatchSize,
                config.ingest().commitInterval()).withEmbedCallsInFlight(config.ingest().embedCallsInFlight())
                .withCollectionReranker(recordedReranker(config));
    }

    /** A configured embedded reranker is recorded in new collections; {@code auto} records none (language default). */
    private static String recordedReranker(YunragConfig config) {
        String configured = config.retrieval().embeddedReranker().strip();
        return EmbeddedReranker.AUTO.equals(configured) ? null : configured;
    }
}

package dev.yunrag.app;

import dev.yunrag.config.YunragConfig;
import dev.yunrag.embed.EmbedderRegistry;
import dev.yunrag.embed.TokenCounter;
import dev.yunrag.embed.TokenCounters;
import dev.yunrag.index.CollectionCatalog;
import dev.yunrag.ingest.DocumentParser;
import dev.yunrag.ingest.IngestionPipeline;
import dev.yunrag.ingest.SentenceChunker;
import dev.yunrag.ingest.image.ImageReading;
import dev.yunrag.ingest.isolation.ProcessIsolatedParser;
import org.jboss.logging.Logger;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;

/** The ingestion services, built by {@link Pipelines}; the server and the commands share them. */
@Singleton
public class IngestionProducers {

    private static final Logger LOG = Logger.getLogger(IngestionProducers.class);

    @Produces
    @Singleton
    CollectionCatalog collections(Pipelines pipelines, YunragConfig config) {
        return pipelines.collections(config.dataDir());
    }

    void closeCollections(@Disposes CollectionCatalog collections) throws IOException {
        collections.close();
    }

    /**
     * A backend that cannot work as configured ({@code solr} without an address) stops the start-up of the server
     * and of every command, naming the key to set, rather than failing the first request.
     */
    void checkIndexBackend(@Observes StartupEvent event, Pipelines pipelines) {
        pipelines.indexBackend();
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
    DocumentParser parser(Pipelines pipelines, ImageReading images) {
        DocumentParser parser = pipelines.parser(images);
        if (parser instanceof ProcessIsolatedParser isolated) {
            LOG.debugf("Files are parsed %s", isolated.describe());
        } else if (pipelines.config().parse().isolation().strip().equalsIgnoreCase("process")) {
            LOG.warnf("Files are parsed in the server, not in parser processes: %s", pipelines.parsesInProcess(images));
        }
        return parser;
    }

    /** Parser processes die with the server (they also end by themselves when the server's end of the pipe closes). */
    void closeParser(@Disposes DocumentParser parser) {
        if (parser instanceof ProcessIsolatedParser isolated) {
            isolated.close();
        }
    }

    @Produces
    @Singleton
    SentenceChunker chunker(Pipelines pipelines, TokenCounters counters) {
        return pipelines.chunker(counters::forModel, EmbedderRegistry.BGE_SMALL_ZH);
    }

    /** The pipeline, once built: a shutdown has to stop it, and must not build one to do so. */
    private volatile IngestionPipeline built;

    @Produces
    @Singleton
    IngestionPipeline pipeline(Pipelines pipelines, CollectionCatalog collections, EmbedderRegistry embedders,
                               DocumentParser parser, SentenceChunker chunker) {
        IngestionPipeline pipeline = pipelines.ingestion(collections, embedders::get, parser, chunker,
                pipelines.ingestionSettings(embedders.defaultId()));
        built = pipeline;
        // SIGTERM runs the JVM's shutdown hooks side by side: this one tells ingestion to commit what is complete at
        // once, while the server's graceful shutdown still waits for in-flight requests (an upload being ingested).
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("ingestion-stop").unstarted(() ->
                pipeline.stop(java.time.Duration.ZERO)));
        return pipeline;
    }

    /**
     * Before the collections are closed at shutdown: ingestion still running (a one-shot {@code ingest} that got
     * SIGTERM, an upload) commits what is complete and returns first.
     */
    void stopIngestion(@Observes io.quarkus.runtime.ShutdownEvent event) {
        IngestionPipeline pipeline = built;
        if (pipeline != null && !pipeline.stop(SHUTDOWN_WAIT)) {
            org.jboss.logging.Logger.getLogger(IngestionProducers.class).warnf(
                    "Ingestion did not stop within %s of the shutdown; its last commit stands", SHUTDOWN_WAIT);
        }
    }

    private static final java.time.Duration SHUTDOWN_WAIT = java.time.Duration.ofSeconds(60);
}

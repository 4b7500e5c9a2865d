package dev.yunrag.api.health;

import dev.yunrag.config.ModelsInForce;
import dev.yunrag.config.YunragConfig;
import dev.yunrag.embed.EmbedderRegistry;
import dev.yunrag.index.CollectionStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.TreeSet;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Per model: its id, which implementation serves it (the same words as {@link ModelsInForce} and the start-up log:
 * {@code remote}, {@code in-process}, {@code embedded}, {@code extractive}), and whether an embedding model is loaded,
 * including the models existing collections were built with. Remote endpoints are not called: a probe must stay cheap,
 * and {@code yunrag-models} reports their circuit breakers. Down only when the in-process embedding model was to be
 * loaded at start-up and is not; a collection whose model is unavailable degrades to BM25 and is only reported.
 */
@Readiness
@ApplicationScoped
public class ModelsHealthCheck implements HealthCheck {

    static final String NAME = "models";

    @Inject
    ModelsInForce inForce;

    @Inject
    EmbedderRegistry embedders;

    @Inject
    CollectionStore collections;

    @Inject
    YunragConfig config;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder health = HealthCheckResponse.named(NAME).up();
        for (ModelsInForce.ModelInUse model : inForce.models()) {
            health.withData(model.role() + ".implementation", model.implementation())
                    .withData(model.role() + ".model", model.description());
        }
        String embedding = embedders.defaultId();
        boolean remote = embedders.remoteId().filter(embedding::equals).isPresent();
        boolean loaded = embedders.isLoaded(embedding);
        health.withData("embedding.id", embedding).withData("embedding.loaded", loaded);
        if (!remote && !loaded && config.embedding().eagerLoad()) {
            health.down();
        }
        // Collections keep the model they were built with, which may not be today's default.
        TreeSet<String> collectionModels = new TreeSet<>();
        for (String name : collections.names()) {
            try {
                collections.find(name).ifPresent(index -> collectionModels.add(index.settings().embeddingModel()));
            } catch (RuntimeException e) {
                // the index check reports collections that do not open
            }
        }
        collectionModels.remove(embedding);
        for (String id : collectionModels) {
            boolean known = embedders.isKnown(id);
            boolean remoteModel = embedders.remoteId().filter(id::equals).isPresent();
            health.withData("embedding." + id, !known ? "NOT AVAILABLE: collections built with it are searched by"
                    + " BM25 only" : (remoteModel ? "remote" : "in-process")
                    + (embedders.isLoaded(id) ? ", loaded" : ", not loaded yet"));
        }
        // Every answer falls back to extractive sentences, which are ranked with the in-process model.
        health.withData("extractive.sentenceModel", EmbedderRegistry.BGE_SMALL_ZH + " (in-process, "
                + (embedders.isLoaded(EmbedderRegistry.BGE_SMALL_ZH) ? "loaded" : "not loaded yet") + ")");
        return health.build();
    }
}

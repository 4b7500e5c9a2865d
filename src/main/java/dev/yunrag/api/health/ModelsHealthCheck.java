package dev.yunrag.api.health;

import dev.yunrag.app.ModelsInForce;
import dev.yunrag.config.YunragConfig;
import dev.yunrag.embed.EmbedderRegistry;
import dev.yunrag.index.CollectionCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * {@code /q/health} check {@code models}: per model role, which implementation serves it (the words of
 * {@link ModelsInForce} and the start-up log: {@code remote}, {@code in-process}, {@code embedded},
 * {@code extractive}) and, for remote ones, the endpoint's circuit breaker state; whether the embedding model is loaded,
 * including the models existing collections were built with.
 * <p>
 * Remote endpoints are not called: a probe must stay cheap. An open breaker keeps the check UP: answers degrade (BM25
 * only, fused order, extractive) but the service still answers, so it must not be taken out of rotation for it. DOWN
 * only when the in-process embedding model was to be loaded at start-up and is not.
 */
@Readiness
@ApplicationScoped
public class ModelsHealthCheck implements HealthCheck {

    static final String NAME = "models";

    private final ModelsInForce inForce;
    private final EmbedderRegistry embedders;
    private final CollectionCatalog collections;
    private final YunragConfig config;

    public ModelsHealthCheck(ModelsInForce inForce, EmbedderRegistry embedders, CollectionCatalog collections,
                             YunragConfig config) {
        this.inForce = inForce;
        this.embedders = embedders;
        this.collections = collections;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder health = HealthCheckResponse.named(NAME).up();
        Map<String, String> breakers = inForce.breakerStates();
        List<ModelsInForce.ModelInUse> models = inForce.models();
        for (ModelsInForce.ModelInUse model : models) {
            health.withData(model.role(), model.implementation() + ": " + model.description());
            model.endpoint().ifPresent(endpoint ->
                    health.withData(model.role() + ".breaker", breakers.getOrDefault(endpoint, "unknown")));
        }
        ModelsInForce.ModelInUse embeddingModel = models.getFirst(); // embedding, reranker, answer
        String embedding = embeddingModel.names().getFirst();
        boolean remote = embeddingModel.remote();
        boolean loaded = embedders.isLoaded(embedding);
        health.withData("embedding.id", embedding).withData("embedding.loaded", loaded);
        if (!remote && !loaded && config.embedding().eagerLoad()) {
            health.down();
        }
        reportCollectionModels(health, embedding);
        // Every answer falls back to extractive sentences, which are ranked with the in-process model.
        health.withData("extractive.sentenceModel", EmbedderRegistry.BGE_SMALL_ZH + " (in-process, "
                + (embedders.isLoaded(EmbedderRegistry.BGE_SMALL_ZH) ? "loaded" : "not loaded yet") + ")");
        return health.build();
    }

    /** Collections keep the model they were built with, which may not be today's default. */
    private void reportCollectionModels(HealthCheckResponseBuilder health, String defaultModel) {
        TreeSet<String> collectionModels = new TreeSet<>();
        for (String name : collections.names()) {
            try {
                collections.find(name).ifPresent(index -> collectionModels.add(index.settings().embeddingModel()));
            } catch (RuntimeException e) {
                // the index check reports collections that do not open
            }
        }
        collectionModels.remove(defaultModel);
        for (String id : collectionModels) {
            boolean known = embedders.isKnown(id);
            boolean remoteModel = embedders.remoteId().filter(id::equals).isPresent();
            health.withData("embedding." + id, !known ? "NOT AVAILABLE: collections built with it are searched by"
                    + " BM25 only" : (remoteModel ? "remote" : "in-process")
                    + (embedders.isLoaded(id) ? ", loaded" : ", not loaded yet"));
        }
    }
}

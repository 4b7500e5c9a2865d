package dev.yunrag.api.health;

import dev.yunrag.answer.AnswerModels;
import dev.yunrag.config.YunragConfig;
import dev.yunrag.embed.EmbedderRegistry;
import dev.yunrag.index.CollectionStore;
import dev.yunrag.retrieve.Reranker;
import dev.yunrag.yunwang.YunwangClients;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.TreeSet;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Says which implementation serves each model role: the embedding model (in process or the 云网 API, and whether it
 * is loaded), the reranker, and the answer models (or extractive answers when no chat endpoint is configured). Remote
 * endpoints are not called here: a health probe must stay cheap, and the answer path already degrades with a warning
 * when one is down. Down only when the in-process embedding model should have been loaded at start-up and was not.
 */
@Readiness
@ApplicationScoped
public class ModelsHealthCheck implements HealthCheck {

    static final String NAME = "models";
    static final String IN_PROCESS = "in-process";
    static final String REMOTE = "remote (云网 API)";

    @Inject
    YunragConfig config;

    @Inject
    EmbedderRegistry embedders;

    @Inject
    Reranker reranker;

    @Inject
    AnswerModels answerModels;

    @Inject
    YunwangClients yunwang;

    @Inject
    CollectionStore collections;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder health = HealthCheckResponse.named(NAME).up();

        String embedding = embedders.defaultId();
        boolean remoteEmbedding = embedders.remoteId().filter(embedding::equals).isPresent();
        boolean loaded = embedders.isLoaded(embedding);
        health.withData("embedding.model", embedding)
                .withData("embedding.implementation", remoteEmbedding ? REMOTE : IN_PROCESS)
                .withData("embedding.loaded", loaded);
        if (!remoteEmbedding && !loaded && config.embedding().eagerLoad()) {
            health.down();
        }
        // Collections keep the model they were built with, which may not be today's default.
        TreeSet<String> collectionModels = new TreeSet<>();
        for (String name : collections.names()) {
            collections.find(name).ifPresent(index -> collectionModels.add(index.settings().embeddingModel()));
        }
        collectionModels.remove(embedding);
        for (String id : collectionModels) {
            boolean remote = embedders.remoteId().filter(id::equals).isPresent();
            health.withData("embedding." + id, (remote ? REMOTE : IN_PROCESS)
                    + (embedders.isKnown(id) ? embedders.isLoaded(id) ? ", loaded" : ", not loaded yet"
                    : ", not available: collections using it cannot be searched"));
            if (!embedders.isKnown(id)) {
                health.down();
            }
        }

        health.withData("reranker.model", reranker.name())
                .withData("reranker.implementation", yunwang.scoringModel().isPresent() ? REMOTE : IN_PROCESS);

        if (answerModels.names().isEmpty()) {
            health.withData("answer.models", "extractive")
                    .withData("answer.implementation", IN_PROCESS + " extractive (no chat endpoint configured)");
        } else {
            health.withData("answer.models", String.join(", ", answerModels.names()) + ", extractive")
                    .withData("answer.default", answerModels.resolve(config.answer().defaultModel())
                            .orElse(answerModels.names().getFirst()))
                    .withData("answer.implementation", REMOTE);
        }
        // The extractive answerer (the fallback of every answer) ranks sentences with the in-process model.
        health.withData("extractive.sentenceModel", EmbedderRegistry.BGE_SMALL_ZH + " (" + IN_PROCESS + ", "
                + (embedders.isLoaded(EmbedderRegistry.BGE_SMALL_ZH) ? "loaded" : "not loaded yet") + ")");
        return health.build();
    }
}

package dev.yunrag.app;
import dev.yunrag.config.YunragConfig;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.yunrag.answer.AnswerModels;
import dev.yunrag.answer.AnswerService;
import dev.yunrag.answer.AnswerStreamer;
import dev.yunrag.answer.CatalogueAnswerModels;
import dev.yunrag.answer.ExtractiveAnswerer;
import dev.yunrag.embed.EmbedderRegistry;
import dev.yunrag.embed.TokenCounters;
import dev.yunrag.index.CollectionCatalog;
import dev.yunrag.rerank.EmbeddedReranker;
import dev.yunrag.retrieve.HybridRetriever;
import dev.yunrag.retrieve.RankingPolicy;
import dev.yunrag.retrieve.Reranker;
import dev.yunrag.yunwang.CallBudget;
import dev.yunrag.yunwang.YunwangClients;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;

/** Chooses the question-answering implementations: 云网 models where configured, embedded defaults otherwise. */
@Singleton
public class QueryProducers {

    @Produces
    @Singleton
    Reranker reranker(YunwangClients yunwang, EmbedderRegistry embedders, YunragConfig config) {
        return yunwang.scoringModel()
                .map(model -> new Reranker(config.api().rerank().model(), model))
                // auto: per collection by language; reported as the Chinese collections' (the default language's)
                .orElseGet(() -> EmbeddedReranker.create(embeddedDefault(config), embedders));
    }

    /** The configured embedded reranker, {@code auto} read as the one Chinese collections get. */
    private static String embeddedDefault(YunragConfig config) {
        String configured = config.retrieval().embeddedReranker().strip();
        return EmbeddedReranker.AUTO.equals(configured) ? RankingPolicy.CHINESE_RERANKER : configured;
    }

    /**
     * Rerankers per collection: the remote cross-encoder when configured; else a configured embedded reranker for
     * collections that recorded none, or with {@code auto} the default of each collection's language.
     */
    @Produces
    @Singleton
    RankingPolicy rankingPolicy(YunwangClients yunwang, Reranker reranker, YunragConfig config) {
        if (yunwang.scoringModel().isPresent()) {
            return RankingPolicy.perCollection(reranker);
        }
        String configured = config.retrieval().embeddedReranker().strip();
        return EmbeddedReranker.AUTO.equals(configured) ? RankingPolicy.perCollection(null)
                : RankingPolicy.perCollection(null).withFallback(configured);
    }

    @Produces
    @Singleton
    HybridRetriever retriever(CollectionCatalog collections, EmbedderRegistry embedders, RankingPolicy ranking,
                              TokenCounters tokens, YunragConfig config) {
        YunragConfig.Retrieval r = config.retrieval();
        return new HybridRetriever(collections, embedders::get, ranking, tokens::forModel,
                new HybridRetriever.Settings(r.candidates(), r.rrfK(), r.rerankCandidates(), r.topK(),
                        r.promptTokenBudget()));
    }

    void closeRetriever(@Disposes HybridRetriever retriever) {
        retriever.close();
    }

    @Produces
    @Singleton
    AnswerModels answerModels(YunwangClients yunwang, YunragConfig config) {
        return yunwang.chatModel().<AnswerModels>map(chat -> {
            // Answer models are the catalogue's text models; vision models are for images, not answers.
            List<String> names = config.api().models().entrySet().stream()
                    .filter(entry -> List.of("chat", "reasoning").contains(entry.getValue().kind().strip()))
                    .map(java.util.Map.Entry::getKey).toList();
            return new CatalogueAnswerModels(chat, yunwang.streamingChatModel().orElse(null), names);
        }).orElse(AnswerModels.NONE);
    }

    @Produces
    @Singleton
    AnswerStreamer answerStreamer(AnswerService answers) {
        return new AnswerStreamer(answers);
    }

    @Produces
    @Singleton
    AnswerService answerService(HybridRetriever retriever, AnswerModels models, EmbedderRegistry embedders,
                                YunragConfig config) {
        ExtractiveAnswerer extractive = extractiveAnswerer(embedders.get(EmbedderRegistry.BGE_SMALL_ZH).model(),
                config.answer());
        // The question scope makes the answer model's deadline count from the question's start.
        return new AnswerService(AnswerService.Stages.defaults(retriever, models, config.answer().defaultModel(),
                extractive, CallBudget::question), config.answer().defaultModel(), config.defaultCollection());
    }

    /**
     * The extractive answerer as configured, for the service and the {@code eval} command alike. It reads every
     * passage retrieval selected: the request's topK decides how many.
     */
    public static ExtractiveAnswerer extractiveAnswerer(EmbeddingModel sentenceModel,
                                                        YunragConfig.Answer answer) {
        return new ExtractiveAnswerer(sentenceModel, answer.extractiveSentences(),
                ExtractiveAnswerer.ALL_PASSAGES, answer.extractiveEmbeddedSentences());
    }
}

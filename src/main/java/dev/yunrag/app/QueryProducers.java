package dev.yunrag.app;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import dev.yunrag.answer.AnswerModels;
import dev.yunrag.answer.AnswerService;
import dev.yunrag.ingest.image.ImageReading;
import dev.yunrag.answer.AnswerStreamer;
import dev.yunrag.answer.CatalogueAnswerModels;
import dev.yunrag.config.YunragConfig;
import dev.yunrag.embed.EmbedderRegistry;
import dev.yunrag.embed.TokenCounters;
import dev.yunrag.index.CollectionCatalog;
import dev.yunrag.retrieve.HybridRetriever;
import dev.yunrag.retrieve.RankingPolicy;
import dev.yunrag.rerank.Reranker;
import dev.yunrag.yunwang.YunwangClients;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The question-answering services, built by {@link Pipelines}: 云网 models where configured, embedded defaults
 * otherwise.
 */
@Singleton
public class QueryProducers {

    @Produces
    @Singleton
    Reranker reranker(Pipelines pipelines, YunwangClients yunwang) {
        return pipelines.reranker(yunwang.scoringModel().map(model -> model));
    }

    @Produces
    @Singleton
    RankingPolicy rankingPolicy(Pipelines pipelines, YunwangClients yunwang, Reranker reranker) {
        return pipelines.rankingPolicy(yunwang.scoringModel().isPresent() ? Optional.of(reranker) : Optional.empty());
    }

    @Produces
    @Singleton
    HybridRetriever retriever(Pipelines pipelines, CollectionCatalog collections, EmbedderRegistry embedders,
                              RankingPolicy ranking, TokenCounters tokens) {
        return pipelines.retriever(collections, embedders::get, ranking, tokens::forModel,
                pipelines.retrievalSettings());
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
                    .filter(entry -> entry.getValue().kind().answers())
                    .map(Map.Entry::getKey).toList();
            return new CatalogueAnswerModels(chat, yunwang.streamingChatModel().orElse(null), names);
        }).orElse(AnswerModels.NONE);
    }

    @Produces
    @Singleton
    AnswerStreamer answerStreamer(Pipelines pipelines, AnswerService answers) {
        return pipelines.answerStreamer(answers);
    }

    @Produces
    @Singleton
    AnswerService answerService(Pipelines pipelines, HybridRetriever retriever, AnswerModels models,
                                EmbedderRegistry embedders, ImageReading images) {
        // The in-process zh model compares sentences with the question in extractive answers, in every mode; it is
        // looked up on each use, so building the service (for a status call, say) does not load it.
        return pipelines.answerService(retriever, models,
                new ModelOnFirstUse(embedders, EmbedderRegistry.BGE_SMALL_ZH)).withImages(QuestionImages.of(images));
    }

    /** The registry's model with this id, loaded when it first embeds something. */
    private record ModelOnFirstUse(EmbedderRegistry embedders, String id) implements EmbeddingModel {
        @Override
        public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
            return embedders.get(id).model().embedAll(segments);
        }

        @Override
        public int dimension() {
            return embedders.dimensionOf(id);
        }
    }
}

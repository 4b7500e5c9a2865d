package dev.yunrag.app;

import dev.yunrag.index.lucene.LuceneCollections;
import static org.assertj.core.api.Assertions.assertThat;

import dev.yunrag.answer.AnswerModels;
import dev.yunrag.api.health.ModelsHealthCheck;
import dev.yunrag.config.YunragConfig;
import dev.yunrag.embed.BertTokenCounter;
import dev.yunrag.embed.Embedder;
import dev.yunrag.embed.EmbedderRegistry;
import dev.yunrag.embed.HashingEmbeddingModel;
import dev.yunrag.index.CollectionCatalog;
import dev.yunrag.ingest.IngestOptions;
import dev.yunrag.ingest.IngestProgress;
import dev.yunrag.ingest.IngestReport;
import dev.yunrag.ingest.IngestionPipeline;
import dev.yunrag.ingest.SentenceChunker;
import dev.yunrag.ingest.image.ImageReading;
import dev.yunrag.rerank.LexicalRerankers;
import dev.yunrag.retrieve.HybridRetriever;
import dev.yunrag.retrieve.RetrievalQuery;
import dev.yunrag.retrieve.RetrievalResult;
import dev.yunrag.rerank.Reranker;
import dev.yunrag.yunwang.YunwangClients;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Without any {@code yunrag.api.*} setting: the models in force are the in-process ones, and a collection that was
 * built with the remote embedding model is flagged, searched by BM25 only, and not extended.
 */
class ModelsInForceWithoutApiTest {

    private static final String REMOTE = "BAAI/bge-large-zh-v1.5";

    @TempDir
    Path dataDir;

    private YunragConfig config;
    private EmbedderRegistry registry;
    private Reranker reranker;
    private CollectionCatalog store;
    private ModelsInForce models;

    @BeforeEach
    void setUp() throws IOException {
        config = config(Map.of("yunrag.embedding.eager-load", "false", "yunrag.data-dir", dataDir.toString()));
        YunwangClients clients = YunwangClients.fromConfig(config.api());
        registry = new EmbeddingProducers().embedders(config, clients);
        reranker = new Pipelines(config).reranker(clients.scoringModel().map(model -> model));
        store = new LuceneCollections(dataDir);
        models = new ModelsInForce(registry, reranker, AnswerModels.NONE, clients, store, config, RunMode.SERVER);
    }

    @AfterEach
    void tearDown() throws IOException {
        store.close();
    }

    @Test
    void everyRoleIsInProcessAndHealthHasNoBreakers() {
        List<ModelsInForce.ModelInUse> inUse = models.models();

        assertThat(inUse).extracting(ModelsInForce.ModelInUse::implementation)
                .containsExactly("in-process", "embedded", "extractive");
        assertThat(inUse.get(0).description()).startsWith("bge-small-zh-v15 (loaded on first use)");
        assertThat(inUse.get(1).description()).startsWith("lexical-coverage");
        assertThat(inUse).allMatch(m -> m.endpoint().isEmpty());

        HealthCheckResponse health = new ModelsHealthCheck(models, registry, store, config).call();
        assertThat(health.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        Map<String, Object> data = health.getData().orElseThrow();
        assertThat(data).containsKeys("embedding", "reranker", "answer")
                .doesNotContainKeys("embedding.breaker", "reranker.breaker", "answer.breaker");
        assertThat(data.get("answer").toString()).startsWith("extractive: ");
        assertThat(data).containsEntry("embedding.loaded", false); // eager-load is off here
    }

    @Test
    void onlyTheConfiguredEndpointIsRemote() throws IOException {
        // given: only the chat endpoint has a base URL (nothing listens there: describing makes no call)
        YunragConfig chatOnly = config(Map.of("yunrag.embedding.eager-load", "false",
                "yunrag.api.chat.base-url", "http://127.0.0.1:9", "yunrag.api.chat.api-key", "sk-never-shown"));
        YunwangClients clients = YunwangClients.fromConfig(chatOnly.api());
        EmbedderRegistry embedders = new EmbeddingProducers().embedders(chatOnly, clients);
        AnswerModels answers = new dev.yunrag.answer.CatalogueAnswerModels(clients.chatModel().orElseThrow(), null,
                List.of("TianQing-72B", "DeepSeek-R1-32B"));
        ModelsInForce mixed = new ModelsInForce(embedders, LexicalRerankers.create("none"), answers,
                clients, store, chatOnly, RunMode.SERVER);

        // then
        assertThat(mixed.models()).extracting(ModelsInForce.ModelInUse::implementation)
                .containsExactly("in-process", "none", "remote");
        assertThat(mixed.models().get(2).description()).contains("TianQing-72B [default]").contains("DeepSeek-R1-32B");
        Map<String, Object> data = new ModelsHealthCheck(mixed, embedders, store, chatOnly).call().getData().orElseThrow();
        assertThat(data).containsEntry("answer.breaker", "CLOSED").doesNotContainKeys("embedding.breaker",
                "reranker.breaker");
        assertThat(data.toString()).doesNotContain("sk-never-shown");
    }

    @Test
    void aCollectionBuiltRemotelyIsFlaggedSearchedByBm25AndNotExtended() throws IOException {
        // given: a collection built while the remote model was configured (a hashing stand-in of 1024 dims)
        Embedder remote = new Embedder(REMOTE, 1024, "", new HashingEmbeddingModel(1024));
        IngestReport built = pipeline(id -> remote, REMOTE).ingest(
                List.of(Path.of("sample-corpus/travel-expense-policy.md")),
                new IngestOptions("remote-built", null, false, false), IngestProgress.NONE);
        assertThat(built.failed()).isEmpty();

        // then: the operator is told the collection's model is not available
        assertThat(models.collectionNotes()).singleElement().asString()
                .contains("'remote-built'").contains(REMOTE + " (1024 dims, NOT AVAILABLE)").contains("--reindex");

        // and its queries come from BM25 alone, with a warning
        try (HybridRetriever retriever = new HybridRetriever(store, registry::get, reranker, new BertTokenCounter(),
                new HybridRetriever.Settings(20, 60, 20, 5, 3000))) {
            RetrievalResult result = retriever.retrieve(new RetrievalQuery("remote-built", "住宿标准", 5, null));
            assertThat(result.selected()).isNotEmpty();
            assertThat(result.vector()).isEmpty();
            assertThat(result.warnings()).anyMatch(w -> w.contains("Embedding model " + REMOTE + " is unavailable")
                    && w.contains("BM25 keyword search only"));
        }

        // and a changed file is reported failed instead of being mixed with another model's vectors
        Path changed = dataDir.resolve("notes.md");
        Files.writeString(changed, "# 说明\n\n出差住宿标准以城市等级为准。\n", StandardCharsets.UTF_8);
        IngestReport more = pipeline(registry::get, registry.defaultId()).ingest(List.of(changed),
                new IngestOptions("remote-built", null, false, false), IngestProgress.NONE);
        assertThat(more.failed()).singleElement()
                .satisfies(f -> assertThat(f.reason()).contains("Unknown embedding model '" + REMOTE + "'"));
        assertThat(store.find("remote-built").orElseThrow().stats().documents()).isEqualTo(1);
    }

    private IngestionPipeline pipeline(java.util.function.Function<String, Embedder> embedders, String defaultId) {
        Pipelines pipelines = new Pipelines(config);
        return pipelines.ingestion(store, embedders, pipelines.parser(ImageReading.off(null)),
                new SentenceChunker(new BertTokenCounter(), 128, 16), pipelines.ingestionSettings(defaultId));
    }

    static YunragConfig config(Map<String, String> overrides) {
        return TestConfigs.config(overrides);
    }
}

package dev.yunrag.eval;

import dev.yunrag.index.lucene.LuceneCollections;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.yunrag.app.Pipelines;
import dev.yunrag.app.TestConfigs;
import dev.yunrag.embed.BertTokenCounter;
import dev.yunrag.embed.Embedder;
import dev.yunrag.embed.HashingEmbeddingModel;
import dev.yunrag.index.CollectionCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the whole evaluation on six short documents with the cheap hashing embedder, built from the configuration as
 * the {@code eval} command builds it.
 */
class EvalRunnerTest {

    private static final Path MINI = Path.of("src/test/resources/eval-mini");
    private static final Embedder HASHING = new Embedder("hashing", 256, "", new HashingEmbeddingModel(256));
    private static final Function<String, Embedder> EMBEDDERS = id -> {
        if (!id.equals("hashing")) {
            throw new IllegalArgumentException("Unknown embedding model '" + id + "'");
        }
        return HASHING;
    };

    private static final Pipelines PIPELINES = TestConfigs.pipelines(Map.of());

    @TempDir
    Path dataDir;

    private CollectionCatalog collections;
    private EvalRunner runner;

    @BeforeEach
    void setUp() {
        collections = new LuceneCollections(dataDir);
        runner = runner(PIPELINES);
    }

    private EvalRunner runner(Pipelines pipelines) {
        BertTokenCounter tokens = new BertTokenCounter();
        return new EvalRunner(collections, pipelines.forEvaluation(EMBEDDERS, model -> tokens), EMBEDDERS,
                new dev.yunrag.answer.ExtractiveAnswerer(null, 3, 5));
    }

    @AfterEach
    void tearDown() throws Exception {
        collections.close();
    }

    private static EvalSettings settings(Integer limit, boolean answers, boolean baseline) {
        return settings(limit, null, answers, baseline);
    }

    private static EvalSettings settings(Integer limit, Integer answersLimit, boolean answers, boolean baseline) {
        return settings(PIPELINES, limit, new EvalSettings.Answering(answers, answersLimit, null, null), baseline);
    }

    private static EvalSettings settings(Pipelines pipelines, Integer limit, EvalSettings.Answering answering,
                                         boolean baseline) {
        return new EvalSettings(new EvalSettings.Dataset(MINI, null, null, limit),
                pipelines.evalIndexing("hashing", "cjk", 128, 16),
                pipelines.evalRanking("lexical-coverage", null, 60), answering, baseline);
    }

    @Test
    void reportsEveryStageWithTheJsonShapeAndPlausibleValues() throws Exception {
        // given the mini dataset, answers and the baseline requested
        // when
        EvalReport report = runner.run(settings(null, true, true), EvalProgress.NONE);
        JsonNode json = new ObjectMapper().valueToTree(report.toJson());
        // then the JSON has exactly the documented keys, in order
        assertThat(iterable(json.fieldNames())).containsExactly("dataset", "queries", "stages", "answerInContext",
                "answerMatch", "citationPrecision", "firstSentencePrecision", "citedPassagePrecision", "falseAbstention",
                "config");
        assertThat(json.get("dataset").asText()).isEqualTo("eval-mini");
        assertThat(json.get("queries").asInt()).isEqualTo(5);
        assertThat(iterable(json.get("stages").fieldNames()))
                .containsExactly("bm25", "vector", "hybrid", "reranked", "langchain4j");
        for (String stage : List.of("bm25", "vector", "hybrid", "reranked", "langchain4j")) {
            JsonNode metrics = json.get("stages").get(stage);
            for (String metric : StageScores.METRICS) {
                assertThat(metrics.get(metric).isNumber()).as(stage + " " + metric).isTrue();
                assertThat(metrics.get(metric).asDouble()).as(stage + " " + metric).isBetween(0.0, 1.0);
            }
        }
        // and every question shares words with its one document, so BM25 finds each one among six
        assertThat(json.get("stages").get("bm25").get("recall@10").asDouble()).isEqualTo(1.0);
        assertThat(json.get("stages").get("bm25").get("mrr@10").asDouble()).isGreaterThanOrEqualTo(0.8);
        assertThat(json.get("stages").get("hybrid").get("recall@50").asDouble()).isEqualTo(1.0);
        // and each document is one chunk holding its answer, so the top six passages hold every answer
        assertThat(json.get("answerInContext").asDouble()).isEqualTo(1.0);
        assertThat(json.get("stages").get("langchain4j").get("answerInContext").asDouble()).isEqualTo(1.0);
        JsonNode atDepth = json.get("config").get("answerInContextAt");
        assertThat(iterable(atDepth.fieldNames())).containsExactly("1", "3");
        assertThat(atDepth.get("1").asDouble()).isBetween(0.6, atDepth.get("3").asDouble());
        assertThat(json.get("answerMatch").asDouble()).isBetween(0.6, 1.0);
        assertThat(json.get("citationPrecision").asDouble()).isBetween(0.0, 1.0);
        // an answer whose first sentence holds a reference answer matches: first-sentence hits ≤ matches
        double answered = 1 - json.get("falseAbstention").asDouble();
        assertThat(json.get("firstSentencePrecision").asDouble()).isBetween(0.0, 1.0);
        assertThat(json.get("firstSentencePrecision").asDouble() * answered)
                .isLessThanOrEqualTo(json.get("answerMatch").asDouble() + 1e-9);
        assertThat(json.get("config").get("collection").asText()).isEqualTo("eval-eval-mini-hashing-cjk-128-16");
        assertThat(json.get("config").get("candidatesPerList").asInt()).isEqualTo(EvalSettings.MIN_CANDIDATES);
        assertThat(report.toTable()).contains("bm25", "reranked", "answerInContext");
    }

    @Test
    void withoutAnswersOrBaselineThoseFiguresAreNullAndTheLimitHolds() {
        // given a limit of two queries and neither answers nor the baseline
        // when
        EvalReport report = runner.run(settings(2, false, false), EvalProgress.NONE);
        // then
        assertThat(report.queries()).isEqualTo(2);
        assertThat(report.stages()).containsOnlyKeys("bm25", "vector", "hybrid", "reranked");
        assertThat(report.toJson()).containsEntry("answerMatch", null).containsEntry("citationPrecision", null);
        assertThat(report.answerInContext()).isEqualTo(1.0);
    }

    @Test
    void anAnswersLimitAnswersOnlyTheFirstQueriesButRetrievesForAll() {
        // given answers for the first two of the five queries
        // when
        EvalReport report = runner.run(settings(null, 2, true, false), EvalProgress.NONE);
        // then retrieval and answerInContext cover all five, the answer figures the first two
        assertThat(report.queries()).isEqualTo(5);
        assertThat(report.config()).containsEntry("answersScored", 2).containsEntry("answersLimit", 2);
        assertThat(report.answerMatch()).isNotNull();
        EvalReport all = runner.run(settings(null, null, true, false), EvalProgress.NONE);
        assertThat(all.config()).containsEntry("answersScored", 5);
    }

    @Test
    void questionsOfAnotherSetAreAnsweredNotFoundAndTheirDetailsWritten(@TempDir Path tmp) throws Exception {
        // given three questions the mini corpus cannot answer, and a details file
        Path details = tmp.resolve("details.jsonl");
        EvalSettings settings = settings(PIPELINES, null,
                new EvalSettings.Answering(true, null, MINI.resolve("unanswerable.jsonl"), details), false);
        // when
        EvalReport report = runner.run(settings, EvalProgress.NONE);
        // then every one of them is answered "not found", and no answerable one is
        assertThat(report.abstention()).containsEntry("correctAbstention", 1.0).containsEntry("falseAbstention", 0.0);
        assertThat(report.config()).containsEntry("unanswerableScored", 3);
        // and the details hold one line per answered question, the unanswerable ones marked so
        List<JsonNode> lines = Files.readAllLines(details).stream().map(l -> {
            try {
                return new ObjectMapper().readTree(l);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).toList();
        assertThat(lines).hasSize(8);
        assertThat(lines.stream().filter(l -> l.get("kind").asText().equals("unanswerable")))
                .allMatch(l -> !l.get("answered").asBoolean()).hasSize(3);
        assertThat(lines.getFirst().get("sentences").get(0).has("coverage")).isTrue();
    }

    @Test
    void anAnswersLimitWithoutAnswersIsRefused() {
        assertThatThrownBy(() -> settings(null, 2, false, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--answers");
    }

    @Test
    void aSecondRunReusesTheScratchCollectionWithoutEmbeddingAgain() {
        // given a first run that built the collection
        runner.run(settings(1, false, false), EvalProgress.NONE);
        // when the same settings run again
        EvalReport again = runner.run(settings(1, false, false), EvalProgress.NONE);
        // then nothing was embedded the second time
        assertThat(again.config()).containsEntry("chunksEmbeddedThisRun", 0).containsEntry("documents", 6);
    }

    @Test
    void theScratchCollectionGetsTheConfiguredVectorFormat() {
        // given a configuration whose new collections store int8 vectors
        Pipelines int8 = TestConfigs.pipelines(Map.of("yunrag.index.vector-format", "int8"));
        // when an evaluation runs with it
        EvalReport report = runner(int8).run(settings(int8, 1, EvalSettings.Answering.NONE, false),
                EvalProgress.NONE);
        // then its scratch collection was built as production would build it, and is named apart from float32 ones
        String collection = "eval-eval-mini-hashing-cjk-128-16-int8";
        assertThat(report.config()).containsEntry("collection", collection).containsEntry("vectorFormat", "int8");
        assertThat(collections.find(collection).orElseThrow().settings().vectorFormat()).isEqualTo("int8");
        assertThat(collections.find("eval-eval-mini-hashing-cjk-128-16")).isEmpty();
    }

    @Test
    void theRunTakesTheConfiguredRetrievalSettingsWithAtLeastTheMinimumCandidates() {
        // given a configuration with other retrieval settings than the shipped ones
        Pipelines tuned = TestConfigs.pipelines(Map.of("yunrag.retrieval.candidates", "150",
                "yunrag.retrieval.top-k", "4", "yunrag.retrieval.rerank-candidates", "30"));
        // when
        EvalReport report = runner(tuned).run(settings(tuned, 1, EvalSettings.Answering.NONE, false),
                EvalProgress.NONE);
        // then the run used them, its own RRF k on top
        assertThat(report.config()).containsEntry("candidatesPerList", 150).containsEntry("topK", 4)
                .containsEntry("rerankCandidates", 30).containsEntry("rrfK", 60);
    }

    private static <T> List<T> iterable(java.util.Iterator<T> iterator) {
        List<T> list = new java.util.ArrayList<>();
        iterator.forEachRemaining(list::add);
        return list;
    }
}

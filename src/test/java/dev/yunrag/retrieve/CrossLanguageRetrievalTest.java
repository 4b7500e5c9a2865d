package dev.yunrag.retrieve;

import dev.yunrag.index.lucene.LuceneCollections;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.model.embedding.onnx.bgesmallzhv15.BgeSmallZhV15EmbeddingModel;
import dev.yunrag.app.Pipelines;
import dev.yunrag.app.TestConfigs;
import dev.yunrag.embed.Embedder;
import dev.yunrag.embed.EmbedderRegistry;
import dev.yunrag.embed.TokenCounters;
import dev.yunrag.index.CollectionCatalog;
import dev.yunrag.ingest.IngestOptions;
import dev.yunrag.ingest.IngestProgress;
import dev.yunrag.ingest.IngestionPipeline;
import dev.yunrag.ingest.TikaDocumentParser;
import dev.yunrag.model.ScoredChunk;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * English questions over the mostly Chinese sample corpus, with the real in-process bge-small-zh, Tika and Lucene:
 * the dense branch, moved across languages, finds the Chinese passage, and the result says the sources are Chinese.
 * The questions are English translations of sample-corpus/questions.jsonl (src/test/resources/cross-language).
 * Measured with this setup (docs/evaluation.md): the expected document among the 6 selected passages for 21 of 25
 * (13 of 25 first); without the move 3 of 25.
 */
class CrossLanguageRetrievalTest {

    @TempDir
    static Path dataDir;

    private static CollectionCatalog store;
    private static HybridRetriever retriever;

    @BeforeAll
    static void ingestSampleCorpus() {
        TokenCounters counters = new TokenCounters();
        Embedder embedder = new Embedder(EmbedderRegistry.BGE_SMALL_ZH, 512, "为这个句子生成表示以用于检索相关文章：",
                new BgeSmallZhV15EmbeddingModel());
        store = new LuceneCollections(dataDir);
        Pipelines pipelines = TestConfigs.pipelines(Map.of());
        IngestionPipeline pipeline = pipelines.ingestion(store, id -> embedder,
                new TikaDocumentParser(50_000_000, Duration.ofSeconds(30), 20_000_000),
                pipelines.chunker(counters::forModel, embedder.id()), pipelines.ingestionSettings(embedder.id()));
        assertThat(pipeline.ingest(List.of(Path.of("sample-corpus")), new IngestOptions("s", null, false, false),
                IngestProgress.NONE).failed()).isEmpty();
        retriever = pipelines.retriever(store, id -> embedder, RankingPolicy.perCollection(null), counters::forModel,
                pipelines.retrievalSettings());
    }

    @AfterAll
    static void close() throws IOException {
        retriever.close();
        store.close();
    }

    @Test
    void anEnglishQuestionFindsTheChineseAnnualLeavePassageAndIsToldTheSourceIsChinese() {
        RetrievalResult result = retriever.retrieve(new RetrievalQuery("s", "how many days of annual leave", 6, null));

        // found through the dense branch: among the passages handed to the answer step (the issue's "at least
        // finds the right passage"; which place it takes depends on how the handbook is chunked)
        assertThat(result.selected()).anySatisfy(passage -> assertThat(passage.text()).contains("年假为每年10天"));
        assertThat(result.timings()).containsKey("crossLanguage");
        assertThat(result.reranker()).isEqualTo("none");
        assertThat(result.warnings()).contains("The sources are in Chinese; the question is in English.");
    }

    @Test
    void mostEnglishTranslationsOfTheSampleQuestionsFindTheirChineseDocument() throws IOException {
        int found = 0;
        List<String> lines = Files.readAllLines(Path.of("src/test/resources/cross-language/"
                + "sample-corpus-questions-en.jsonl")).stream().filter(line -> !line.isBlank()).toList();
        ObjectMapper json = new ObjectMapper();
        for (String line : lines) {
            JsonNode question = json.readTree(line);
            RetrievalResult result = retriever.retrieve(new RetrievalQuery("s", question.get("question").asText(), 6,
                    null));
            if (result.selected().stream().map(ScoredChunk::source)
                    .anyMatch(source -> source.equals("sample-corpus/" + question.get("source").asText()))) {
                found++;
            }
        }
        assertThat(lines).hasSize(25);
        assertThat(found).as("English questions whose Chinese document is among the 6 passages").isGreaterThanOrEqualTo(18);
    }

    @Test
    void chineseQuestionsAreNotMovedAndGetNoNote() {
        for (String question : List.of("员工工作满10年不满20年的，每年有多少天年假？", "在一类城市出差，每晚住宿费报销上限是多少？")) {
            RetrievalResult result = retriever.retrieve(new RetrievalQuery("s", question, 6, null));

            assertThat(result.timings()).doesNotContainKey("crossLanguage");
            assertThat(result.reranker()).isEqualTo("lexical-coverage");
            assertThat(result.warnings()).isEmpty();
        }
    }
}

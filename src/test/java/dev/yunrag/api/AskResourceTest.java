package dev.yunrag.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.emptyOrNullString;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.yunrag.ingest.IngestionPipeline;
import dev.yunrag.testing.Json;
import dev.yunrag.testing.SampleCorpus;
import dev.yunrag.testing.Sse;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code POST /api/ask} and {@code /api/ask/stream} on the sample corpus, with no chat endpoint (extractive). */
@QuarkusTest
class AskResourceTest {

    static final String ANNUAL_LEAVE = "员工工作满10年不满20年的，每年有多少天年假？";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    IngestionPipeline pipeline;

    @BeforeEach
    void corpus() {
        SampleCorpus.ingest(pipeline);
    }

    @Test
    void anEnglishQuestionOverChineseDocumentsSaysTheSourcesAreChineseInWordsAndInCodes() {
        // when an English question is asked of the (Chinese) handbook
        JsonNode answer = ask(Map.of("question", "how many days of annual leave"));

        // then the answer says so, and a client can tell it from the code
        assertThat(answer.get("warnings").toString()).contains("The sources are in Chinese");
        assertThat(answer.get("warningCodes").toString()).contains("\"source_language\"");
    }

    @Test
    void answersWithCitationsThatPointIntoTheDocument() {
        // when a question about page 2 of the PDF handbook is asked
        JsonNode answer = ask(Map.of("question", ANNUAL_LEAVE));

        // then the extractive answer states the fact and cites the handbook's page 2
        assertThat(answer.get("mode").asText()).isEqualTo("extractive");
        assertThat(answer.get("model").asText()).isEqualTo("extractive");
        assertThat(answer.get("answer").asText()).contains("15天").containsPattern("\\[\\d+]");
        JsonNode citations = answer.get("citations");
        assertThat(citations).isNotEmpty();
        JsonNode handbook = null;
        for (JsonNode c : citations) {
            assertThat(answer.get("answer").asText()).contains("[" + c.get("n").asInt() + "]");
            assertThat(c.get("end").asInt()).isGreaterThan(c.get("start").asInt());
            assertThat(c.get("text").asText()).hasSize(c.get("end").asInt() - c.get("start").asInt());
            // and each citation is the numbered source passage, character for character
            JsonNode source = answer.get("sources").get(c.get("n").asInt() - 1);
            assertThat(source.get("n").asInt()).isEqualTo(c.get("n").asInt());
            assertThat(source.get("chunkId").asText()).isEqualTo(c.get("chunkId").asText());
            assertThat(source.get("text").asText()).isEqualTo(c.get("text").asText());
            if (c.get("source").asText().equals("sample-corpus/employee-handbook.pdf") && c.get("text").asText().contains("15天")) {
                handbook = c;
            }
        }
        assertThat(handbook).as("a citation of the handbook passage with the answer").isNotNull();
        // (the citation names the passage's first page; the passage spans the fact's page 2)
        JsonNode passage = answer.get("sources").get(handbook.get("n").asInt() - 1);
        assertThat(handbook.get("page").asInt()).isEqualTo(passage.get("page").asInt());
        assertThat(2).isBetween(passage.get("page").asInt(), passage.get("pageEnd").asInt());

        // and the cited text is exactly the chunk the document browser shows at those offsets
        JsonNode document = get("/api/collections/default/documents/" + handbook.get("documentId").asText());
        JsonNode chunk = null;
        for (JsonNode c : document.get("chunks")) {
            if ((c.get("documentId").asText() + "#" + c.get("ordinal").asInt())
                    .equals(handbook.get("chunkId").asText())) {
                chunk = c;
            }
        }
        assertThat(chunk).isNotNull();
        assertThat(chunk.get("text").asText()).isEqualTo(handbook.get("text").asText());
        assertThat(chunk.get("start").asInt()).isEqualTo(handbook.get("start").asInt());

        // and highlights lie inside their citation's passage
        for (JsonNode h : answer.get("highlights")) {
            JsonNode c = citationNumbered(citations, h.get("n").asInt());
            assertThat(h.get("start").asInt()).isBetween(c.get("start").asInt(), c.get("end").asInt());
            assertThat(h.get("end").asInt()).isBetween(h.get("start").asInt(), c.get("end").asInt());
        }
    }

    @Test
    void reportsTimingsPerStage() {
        JsonNode timings = ask(Map.of("question", ANNUAL_LEAVE)).get("timings");

        assertThat(fieldNames(timings)).contains("embed", "vector", "bm25", "fusion", "rerank", "extract", "total");
        timings.forEach(ms -> assertThat(ms.asLong()).isNotNegative());
    }

    @Test
    void topKLimitsTheSources() {
        JsonNode answer = ask(Map.of("question", ANNUAL_LEAVE, "topK", 2));

        assertThat(answer.get("sources").size()).isBetween(1, 2);
    }

    @Test
    void aRequestedModelWithoutChatEndpointIsAnsweredExtractivelyWithAWarning() {
        // given no chat endpoint is configured (the test profile has no yunrag.api.base-url)
        // when a model is requested anyway, then the answer is extractive and a warning says why
        JsonNode answer = ask(Map.of("question", ANNUAL_LEAVE, "model", "deepseek-r1"));

        assertThat(answer.get("mode").asText()).isEqualTo("extractive");
        assertThat(answer.get("warnings").toString()).contains("deepseek-r1").contains("no chat endpoint");
    }

    @Test
    void followUpIsRewrittenWithTheHistory() {
        JsonNode answer = ask(Map.of("question", "那工作满20年的呢？", "history", List.of(
                Map.of("role", "user", "content", ANNUAL_LEAVE),
                Map.of("role", "assistant", "content", "每年15天年假。"))));

        assertThat(answer.get("question").asText()).isNotEqualTo("那工作满20年的呢？").contains("年假");
        assertThat(answer.get("timings").has("rewrite")).isTrue();
    }

    @Test
    void streamsSourcesThenDeltasThenDone() throws IOException {
        // when the answer is streamed
        String body = given().contentType(ContentType.JSON).body(Map.of("question", ANNUAL_LEAVE))
                .when().post("/api/ask/stream")
                .then().statusCode(200).contentType(org.hamcrest.Matchers.startsWith("text/event-stream"))
                .extract().asString();
        List<Sse.Event> events = Sse.parse(body);

        // then the sources come first, then the deltas, then done
        assertThat(events).hasSizeGreaterThanOrEqualTo(3);
        assertThat(events.getFirst().name()).isEqualTo("sources");
        assertThat(events.getLast().name()).isEqualTo("done");
        List<Sse.Event> middle = events.subList(1, events.size() - 1);
        assertThat(middle).extracting(Sse.Event::name).containsOnly("delta");
        JsonNode sources = JSON.readTree(events.getFirst().data());
        assertThat(sources.get("sources")).isNotEmpty();

        // and the deltas add up to the final answer
        StringBuilder text = new StringBuilder();
        for (Sse.Event delta : middle) {
            text.append(JSON.readTree(delta.data()).get("text").asText());
        }
        JsonNode done = JSON.readTree(events.getLast().data());
        assertThat(text.toString()).isEqualTo(done.get("answer").asText()).contains("15天");
        assertThat(done.get("citations")).isNotEmpty();
        assertThat(done.get("sources").size()).isEqualTo(sources.get("sources").size());
    }

    @Test
    void streamErrorsComeBeforeTheFirstEventWithAStatus() {
        given().contentType(ContentType.JSON).body(Map.of("question", ""))
                .when().post("/api/ask/stream")
                .then().statusCode(400).contentType("application/problem+json").body("code", equalTo("invalid_question"));
    }

    @Test
    void rejectsInvalidRequestsWithProblemJson() {
        assertProblem(Map.of("question", ""), 400, "invalid_question");
        assertProblem(Map.of("question", "   "), 400, "invalid_question");
        assertProblem(Map.of("question", "问".repeat(2001)), 400, "invalid_question");
        assertProblem(Map.of("question", ANNUAL_LEAVE, "collection", "no-such-collection"), 404, "unknown_collection");
        assertProblem(Map.of("question", ANNUAL_LEAVE, "collection", "../etc"), 400, "invalid_request");
        assertProblem(Map.of("question", ANNUAL_LEAVE, "topK", 0), 400, "invalid_request");
        assertProblem(Map.of("question", ANNUAL_LEAVE, "topK", 51), 400, "invalid_request");
        assertProblem(Map.of("question", ANNUAL_LEAVE, "filters", Map.of("modifiedAfter", "yesterday")), 400,
                "invalid_request");
        assertProblem("{\"question\": ", 400, "invalid_json");
        assertProblem("{\"question\": \"x\",}", 400, "invalid_json");
        assertProblem("{\"question\": 5, \"topK\": \"x\"}", 400, "invalid_json");
        assertProblem("{\"question\": [\"a\"]}", 400, "invalid_json");
        assertProblem("", 400, "invalid_request");
    }

    @Test
    void exactly2000CharactersIsStillAQuestion() {
        given().contentType(ContentType.JSON).body(Map.of("question", "年假".repeat(1000)))
                .when().post("/api/ask")
                .then().statusCode(200).body("answer", not(emptyOrNullString()));
    }

    private static void assertProblem(Object body, int status, String code) {
        given().contentType(ContentType.JSON).body(body)
                .when().post("/api/ask")
                .then().statusCode(status).contentType("application/problem+json")
                .body("code", equalTo(code)).body("status", equalTo(status))
                .body("detail", not(emptyOrNullString()));
    }

    static JsonNode ask(Map<String, ?> body) {
        return Json.read(given().contentType(ContentType.JSON).body(body)
                .when().post("/api/ask")
                .then().statusCode(200).contentType(ContentType.JSON).extract().asString());
    }

    static JsonNode get(String path) {
        return Json.read(given().when().get(path).then().statusCode(200).extract().asString());
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static JsonNode citationNumbered(JsonNode citations, int n) {
        for (JsonNode c : citations) {
            if (c.get("n").asInt() == n) {
                return c;
            }
        }
        throw new AssertionError("no citation [" + n + "]");
    }
}

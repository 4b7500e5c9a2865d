package dev.yunrag.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.yunrag.index.CollectionCatalog;
import dev.yunrag.index.IndexStats;
import dev.yunrag.ingest.IngestOptions;
import dev.yunrag.ingest.IngestProgress;
import dev.yunrag.ingest.IngestReport;
import dev.yunrag.ingest.IngestionPipeline;
import dev.yunrag.testing.Json;
import dev.yunrag.testing.SampleCorpus;
import dev.yunrag.testing.Sse;
import dev.yunrag.yunwang.YunwangClients;
import dev.yunrag.yunwang.YunwangException;
import dev.yunrag.yunwang.YunwangStub;
import dev.yunrag.yunwang.YunwangStub.Fault;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each 云网 endpoint failing in turn, through the stub's faults: a question is still answered (HTTP 200) with a
 * warning that says what degraded; ingestion reports the file failed and leaves the index as it was. No response is
 * a 500, carries a stack trace or the key.
 */
@QuarkusTest
@TestProfile(E2eProfile.class)
class DegradationThroughStubTest {

    private static final Fault SERVER_ERROR = new Fault.Status(500, null,
            "{\"error\":{\"message\":\"model backend crashed\"}}");
    /** A refusal that echoes the key, as some gateways do: it must be redacted everywhere. */
    private static final Fault UNAUTHORIZED = new Fault.Status(401, null,
            "{\"error\":{\"message\":\"invalid api key " + YunwangStubResource.KEY + "\"}}");

    @InjectStub
    YunwangStub stub;

    @Inject
    IngestionPipeline pipeline;

    @Inject
    CollectionCatalog collections;

    @Inject
    YunwangClients clients;

    /** Every response body of the test, checked after it. */
    private final List<String> bodies = new ArrayList<>();

    @BeforeEach
    void ready() throws InterruptedException {
        StubState.reset(stub, clients);
        SampleCorpus.ingestInto(pipeline, E2eProfile.COLLECTION);
        stub.clearReceived();
    }

    @AfterEach
    void noResponseLeaksAStackTraceOrTheKey() throws InterruptedException {
        for (String body : bodies) {
            assertThat(body).doesNotContain(YunwangStubResource.KEY).doesNotContain("Exception")
                    .doesNotContain("\tat ").doesNotContain("internal_error");
        }
        StubState.reset(stub, clients);
    }

    @Test
    void rerankDownKeepsTheFusedOrderWithAWarning() {
        stub.failAlways(YunwangStub.RERANK, SERVER_ERROR);

        JsonNode search = post("/api/search", Map.of("query", "年假有多少天"));
        assertThat(search.path("results")).isNotEmpty();
        assertThat(warnings(search)).anyMatch(w -> w.contains("Reranking (BAAI/bge-reranker-v2-m3) is unavailable")
                && w.contains("fused (BM25 + vector) order"));
        int expectedFused = 1;
        for (JsonNode passage : search.path("results")) {
            assertThat(passage.path("ranks").has("rerank")).isFalse();
            assertThat(passage.path("ranks").path("fused").asInt()).isEqualTo(expectedFused++);
        }

        JsonNode answer = post("/api/ask", Map.of("question", "员工工作满10年不满20年的，每年有多少天年假？"));
        assertThat(answer.path("mode").asText()).isEqualTo("generative");
        assertThat(warnings(answer)).anyMatch(w -> w.contains("Reranking (BAAI/bge-reranker-v2-m3) is unavailable"));
    }

    @Test
    void chatDownGivesAnExtractiveAnswerWithAWarning() {
        stub.failAlways(YunwangStub.CHAT, SERVER_ERROR);

        JsonNode answer = post("/api/ask", Map.of("question", "公司每月几号发放工资？"));

        assertThat(answer.path("mode").asText()).isEqualTo("extractive");
        assertThat(answer.path("model").asText()).isEqualTo("extractive");
        assertThat(answer.path("answer").asText()).isNotBlank();
        assertThat(answer.path("citations")).isNotEmpty();
        assertThat(warnings(answer)).anyMatch(w -> w.contains("The answer model TianQing-72B is unavailable")
                && w.contains("server error") && w.contains("extractive answer"));
        // one try and one retry (max-retries 1)
        assertThat(stub.received(YunwangStub.CHAT)).hasSize(2);
    }

    @Test
    void chatDownForAFollowUpRewritesItByRuleAndAnswersExtractively() {
        stub.failAlways(YunwangStub.CHAT, SERVER_ERROR);

        JsonNode answer = post("/api/ask", Map.of("question", "那产假呢？", "history", List.of(
                Map.of("role", "user", "content", "员工每年有多少天年假？"),
                Map.of("role", "assistant", "content", "工作满1年不满10年的，年假为每年10天[1]。"))));

        assertThat(answer.path("mode").asText()).isEqualTo("extractive");
        assertThat(answer.path("question").asText()).contains("产假");
        assertThat(warnings(answer)).anyMatch(w -> w.contains("could not be rewritten by TianQing-72B"));
        assertThat(warnings(answer)).anyMatch(w -> w.contains("TianQing-72B is unavailable"));
    }

    @Test
    void chatDownWhileStreamingFallsBackToAnExtractiveStream() {
        stub.failAlways(YunwangStub.CHAT, SERVER_ERROR);

        List<Sse.Event> events = AskThroughStubTest.stream(Map.of("question", "公司每月几号发放工资？"));

        assertThat(Sse.named(events, "delta")).isNotEmpty();
        JsonNode done = events.getLast().json();
        assertThat(events.getLast().name()).isEqualTo("done");
        bodies.add(done.toString());
        assertThat(done.path("mode").asText()).isEqualTo("extractive");
        assertThat(warnings(done)).anyMatch(w -> w.contains("TianQing-72B is unavailable"));
    }

    @Test
    void anOpenBreakerFailsFastToExtractiveAndClosesAfterTheCoolDown() throws InterruptedException {
        // given: the chat endpoint failed often enough (2 calls of 2 attempts; threshold 4) to open its breaker
        stub.failAlways(YunwangStub.CHAT, SERVER_ERROR);
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> clients.chatModel().orElseThrow().chat("你好"))
                    .isInstanceOf(YunwangException.class);
        }
        assertThat(clients.breakerStates()).containsEntry("chat", "OPEN");
        // and the endpoint has recovered since
        stub.clearFaults();
        stub.clearReceived();

        // when: a question comes within the cool-down
        JsonNode answer = post("/api/ask", Map.of("question", "公司每月几号发放工资？"));

        // then: no call is made, the answer is extractive and says why, health shows the breaker
        assertThat(stub.received(YunwangStub.CHAT)).isEmpty();
        assertThat(answer.path("mode").asText()).isEqualTo("extractive");
        assertThat(warnings(answer)).anyMatch(w -> w.contains("TianQing-72B is unavailable")
                && w.contains("CIRCUIT_OPEN") && w.contains("circuit open after 4 consecutive failures"));
        assertThat(health().path("answer.breaker").asText()).isEqualTo("OPEN");

        // and after the cool-down one trial call closes it again
        Thread.sleep(YunwangStubResource.BREAKER_COOL_DOWN_MS + 100);
        JsonNode recovered = post("/api/ask", Map.of("question", "公司每月几号发放工资？"));
        assertThat(recovered.path("mode").asText()).isEqualTo("generative");
        assertThat(clients.breakerStates()).containsEntry("chat", "CLOSED");
        assertThat(health().path("answer.breaker").asText()).isEqualTo("CLOSED");
    }

    @Test
    void embeddingsDownAtQueryTimeGiveBm25OnlyResultsWithAWarning() {
        stub.failAlways(YunwangStub.EMBEDDINGS, SERVER_ERROR);

        JsonNode search = post("/api/search", Map.of("query", "女员工生育可以享受多少天产假？"));

        assertThat(search.path("results")).isNotEmpty();
        for (JsonNode passage : search.path("results")) {
            assertThat(passage.path("ranks").has("vector")).isFalse();
            assertThat(passage.path("ranks").has("bm25")).isTrue();
        }
        assertThat(warnings(search)).anyMatch(w -> w.contains("Embedding model BAAI/bge-large-zh-v1.5 is unavailable")
                && w.contains("BM25 keyword search only"));

        JsonNode answer = post("/api/ask", Map.of("question", "女员工生育可以享受多少天产假？"));
        assertThat(answer.path("mode").asText()).isEqualTo("generative");
        assertThat(answer.path("answer").asText()).contains("[1]");
        assertThat(warnings(answer)).anyMatch(w -> w.contains("BM25 keyword search only"));
    }

    @Test
    void embeddingsDownAtIngestionReportTheFileFailedAndLeaveTheIndexAsItWas() {
        // given: a collection with one document
        String collection = "e2e-ingest-down";
        IngestReport first = ingest(collection, SampleCorpus.document("travel-expense-policy.md"));
        assertThat(first.failed()).isEmpty();
        IndexStats before = collections.find(collection).orElseThrow().stats();
        stub.failAlways(YunwangStub.EMBEDDINGS, SERVER_ERROR);

        // when
        IngestReport report = ingest(collection, SampleCorpus.document("customer-faq-en.md"));

        // then
        assertThat(report.added()).isZero();
        assertThat(report.failed()).singleElement().satisfies(f -> {
            assertThat(f.source()).endsWith("customer-faq-en.md");
            assertThat(f.reason()).contains("embedding").doesNotContain(YunwangStubResource.KEY);
        });
        IndexStats after = collections.find(collection).orElseThrow().stats();
        assertThat(after.documents()).isEqualTo(before.documents()).isEqualTo(1);
        assertThat(after.chunks()).isEqualTo(before.chunks());
    }

    @Test
    void anUploadWhileEmbeddingsAreDownIsReportedFailedNotAServerError() {
        stub.failAlways(YunwangStub.EMBEDDINGS, SERVER_ERROR);

        Response down = given().multiPart("file", SampleCorpus.document("customer-faq-en.md").toFile())
                .when().post("/api/collections/e2e-upload/documents");

        assertThat(down.statusCode()).isEqualTo(200);
        bodies.add(down.asString());
        JsonNode report = Json.read(down.asString());
        assertThat(report.path("added").asInt()).isZero();
        assertThat(report.path("failed")).hasSize(1);
        assertThat(report.path("failed").get(0).path("reason").asText()).contains("SERVER_ERROR");

        stub.clearFaults();
        Response up = given().multiPart("file", SampleCorpus.document("customer-faq-en.md").toFile())
                .when().post("/api/collections/e2e-upload/documents");
        assertThat(up.statusCode()).isEqualTo(200);
        assertThat(Json.read(up.asString()).path("added").asInt()).isEqualTo(1);
    }

    @Test
    void aReindexWhileEmbeddingsAreDownKeepsThePreviousDocuments() {
        // given: a collection of two documents
        String collection = "e2e-reindex-down";
        List<Path> files = List.of(SampleCorpus.document("travel-expense-policy.md"),
                SampleCorpus.document("customer-faq-en.md"));
        assertThat(pipeline.ingest(files, new IngestOptions(collection, null, false, false), IngestProgress.NONE)
                .failed()).isEmpty();
        IndexStats before = collections.find(collection).orElseThrow().stats();
        stub.failAlways(YunwangStub.EMBEDDINGS, SERVER_ERROR);

        // when: both fail to re-embed
        IngestReport report = pipeline.ingest(files, new IngestOptions(collection, null, false, true),
                IngestProgress.NONE);

        // then: both are reported failed and the collection still holds their previous versions
        assertThat(report.failed()).hasSize(2);
        IndexStats after = collections.find(collection).orElseThrow().stats();
        assertThat(after.documents()).isEqualTo(before.documents()).isEqualTo(2);
        assertThat(after.chunks()).isEqualTo(before.chunks());
    }

    @Test
    void aBatchFailingMidwayThroughADocumentLeavesNothingOfIt(@TempDir Path dir) throws IOException {
        // given: a document of many chunks (several embedding batches of 4) whose last chunk the embedder refuses
        String collection = "e2e-ingest-midway";
        assertThat(ingest(collection, SampleCorpus.document("travel-expense-policy.md")).failed()).isEmpty();
        IndexStats before = collections.find(collection).orElseThrow().stats();
        Path document = dir.resolve("long-notes.md");
        StringBuilder text = new StringBuilder("# 长篇说明\n\n");
        for (int section = 1; section <= 12; section++) {
            text.append("## 第").append(section).append("节\n\n");
            for (int sentence = 1; sentence <= 12; sentence++) {
                text.append("第").append(section).append("节第").append(sentence)
                        .append("句说明了办公区域的使用规则，员工应当遵守相关的安全与卫生要求，并及时向行政部门反馈问题。");
            }
            text.append("\n\n");
        }
        text.append("## 附录\n\n").append(StubBehaviour.POISON).append("这一段无法生成向量。\n");
        Files.writeString(document, text, StandardCharsets.UTF_8);

        // when
        IngestReport report = ingest(collection, document);

        // then: some batches were embedded before the failure, but nothing of the document is in the index
        assertThat(report.failed()).singleElement().satisfies(f -> assertThat(f.source()).endsWith("long-notes.md"));
        long okBatches = stub.received(YunwangStub.EMBEDDINGS).stream()
                .filter(r -> !r.body().contains(StubBehaviour.POISON)).count();
        assertThat(okBatches).isGreaterThanOrEqualTo(2);
        IndexStats after = collections.find(collection).orElseThrow().stats();
        assertThat(after.documents()).isEqualTo(before.documents());
        assertThat(after.chunks()).isEqualTo(before.chunks());
        assertThat(collections.find(collection).orElseThrow().documents())
                .noneMatch(d -> d.source().endsWith("long-notes.md"));
    }

    @Test
    void aRefusedKeySaysWhichSettingToCheckAndIsNeverShown() throws IOException {
        stub.failAlways(YunwangStub.CHAT, UNAUTHORIZED);
        stub.failAlways(YunwangStub.RERANK, UNAUTHORIZED);

        JsonNode answer = post("/api/ask", Map.of("question", "公司每月几号发放工资？"));

        assertThat(answer.path("mode").asText()).isEqualTo("extractive");
        assertThat(warnings(answer)).anyMatch(w -> w.contains("the API key was refused (check yunrag.api.chat.api-key"
                + " and auth-scheme)") && w.contains("invalid api key ***"));
        assertThat(warnings(answer)).anyMatch(w -> w.contains("yunrag.api.rerank.api-key"));
        // a 401 is not retried
        assertThat(stub.received(YunwangStub.CHAT)).hasSize(1);

        stub.failAlways(YunwangStub.EMBEDDINGS, UNAUTHORIZED);
        IngestReport report = ingest("e2e-ingest-401", SampleCorpus.document("customer-faq-en.md"));
        assertThat(report.failed()).singleElement()
                .satisfies(f -> assertThat(f.reason()).contains("yunrag.api.embedding.api-key")
                        .doesNotContain(YunwangStubResource.KEY));

        // and the key never reached the log, although the server echoed it
        String log = Files.readString(Path.of(E2eProfile.LOG_FILE), StandardCharsets.UTF_8);
        assertThat(log).contains("invalid api key ***").doesNotContain(YunwangStubResource.KEY);
    }

    @Test
    void malformedResponsesFromEveryEndpointDegradeLikeOutages() {
        stub.failNext(YunwangStub.EMBEDDINGS, new Fault.WrongDimension(512));
        stub.failNext(YunwangStub.RERANK, new Fault.RerankIndexOutOfRange());
        stub.failNext(YunwangStub.CHAT, new Fault.MalformedJson());

        JsonNode answer = post("/api/ask", Map.of("question", "公司每月几号发放工资？"));

        assertThat(answer.path("mode").asText()).isEqualTo("extractive");
        assertThat(answer.path("citations")).isNotEmpty();
        assertThat(warnings(answer)).anyMatch(w -> w.contains("expected 1024 dims, got 512")
                && w.contains("BM25 keyword search only"));
        assertThat(warnings(answer)).anyMatch(w -> w.contains("Reranking") && w.contains("MALFORMED_RESPONSE"));
        assertThat(warnings(answer)).anyMatch(w -> w.contains("TianQing-72B is unavailable")
                && w.contains("MALFORMED_RESPONSE"));
        // a malformed response is not retried
        assertThat(stub.received(YunwangStub.CHAT)).hasSize(1);
    }

    @Test
    void aRateLimitIsWaitedOutAndRetried() {
        stub.failNext(YunwangStub.CHAT, new Fault.Status(429, "1", "{\"error\":{\"message\":\"too many requests\"}}"));

        long start = System.nanoTime();
        JsonNode answer = post("/api/ask", Map.of("question", "公司每月几号发放工资？"));

        assertThat(answer.path("mode").asText()).isEqualTo("generative");
        assertThat(answer.path("warnings")).isEmpty();
        assertThat(stub.received(YunwangStub.CHAT)).hasSize(2);
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(1_000_000_000L);
    }

    @Test
    void aStreamCutMidwayKeepsWhatArrivedAndSaysSo() {
        stub.failNext(YunwangStub.CHAT, new Fault.CutStream(2));

        List<Sse.Event> events = AskThroughStubTest.stream(Map.of("question", "公司每月几号发放工资？"));

        List<Sse.Event> deltas = Sse.named(events, "delta");
        assertThat(deltas).hasSize(2);
        JsonNode done = events.getLast().json();
        bodies.add(done.toString());
        assertThat(done.path("mode").asText()).isEqualTo("generative");
        assertThat(done.path("answer").asText()).startsWith("根据资料，");
        assertThat(warnings(done)).anyMatch(w -> w.contains("was cut short") && w.contains("STREAM_INTERRUPTED"));
    }

    @Test
    void badRequestsGetProblemJsonNotAServerError() {
        Response empty = given().contentType(ContentType.JSON).body(Map.of("question", " "))
                .when().post("/api/ask");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(empty.asString()).contains("invalid_question").doesNotContain("Exception");

        Response unknownModel = given().contentType(ContentType.JSON)
                .body(Map.of("question", "年假有多少天", "model", "gpt-9"))
                .when().post("/api/ask");
        assertThat(unknownModel.statusCode()).isEqualTo(400);
        assertThat(unknownModel.asString()).contains("unknown_model").contains("TianQing-72B");

        Response unknownCollection = given().contentType(ContentType.JSON)
                .body(Map.of("question", "年假有多少天", "collection", "no-such-collection"))
                .when().post("/api/ask/stream");
        assertThat(unknownCollection.statusCode()).isEqualTo(404);
        assertThat(unknownCollection.asString()).contains("unknown_collection");
    }

    private IngestReport ingest(String collection, Path file) {
        return pipeline.ingest(List.of(file), new IngestOptions(collection, null, false, false), IngestProgress.NONE);
    }

    private JsonNode post(String path, Map<String, Object> body) {
        String text = given().contentType(ContentType.JSON).body(body)
                .when().post(path)
                .then().statusCode(200).extract().asString();
        bodies.add(text);
        return Json.read(text);
    }

    private JsonNode health() {
        String text = given().when().get("/q/health").then().extract().asString();
        JsonNode json = Json.read(text);
        for (JsonNode check : json.path("checks")) {
            if (check.path("name").asText().equals("models")) {
                return check.path("data");
            }
        }
        throw new AssertionError("no models check in " + text);
    }

    private static List<String> warnings(JsonNode json) {
        List<String> warnings = new ArrayList<>();
        json.path("warnings").forEach(w -> warnings.add(w.asText()));
        return warnings;
    }
}

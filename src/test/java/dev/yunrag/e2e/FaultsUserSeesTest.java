package dev.yunrag.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.segment.TextSegment;
import dev.yunrag.faults.FaultingYunwang;
import dev.yunrag.faults.FaultingYunwang.Fault;
import dev.yunrag.ingest.IngestOptions;
import dev.yunrag.ingest.IngestProgress;
import dev.yunrag.ingest.IngestReport;
import dev.yunrag.ingest.IngestionPipeline;
import dev.yunrag.testing.Json;
import dev.yunrag.testing.SampleCorpus;
import dev.yunrag.testing.Sse;
import dev.yunrag.yunwang.YunwangClients;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a user sees when the 云网 API misbehaves, through the whole service (JSON {@code /api/ask}, its SSE stream
 * and the OpenAI-compatible {@code /v1}), with the independent {@link FaultingYunwang} as the API. The client-level
 * view of the same faults is {@code dev.yunrag.yunwang.FaultInjectionTest}.
 */
@QuarkusTest
@TestProfile(FaultingYunwangResource.Profile.class)
class FaultsUserSeesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String QUESTION = "公司每月几号发放工资？";
    private static final String R1 = "DeepSeek-R1-32B";

    @Inject
    IngestionPipeline pipeline;

    @Inject
    YunwangClients clients;

    private FaultingYunwang api;

    @BeforeEach
    void ready() throws InterruptedException {
        api = FaultingYunwangResource.api;
        healthy();
        IngestReport report = pipeline.ingest(List.of(SampleCorpus.DIR),
                new IngestOptions(FaultingYunwangResource.COLLECTION, null, false, false), IngestProgress.NONE);
        assertThat(report.failed()).isEmpty();
        api.clearReceived();
    }

    @AfterEach
    void heal() throws InterruptedException {
        healthy();
    }

    /** No fault, and every breaker closed again (after its cool-down), so no test inherits another's failures. */
    private void healthy() throws InterruptedException {
        api.heal();
        if (!clients.breakerStates().values().stream().allMatch("CLOSED"::equals)) {
            Thread.sleep(FaultingYunwangResource.BREAKER_COOL_DOWN_MS + 200);
        }
        clients.embeddingModel().orElseThrow().embed("试一下");
        clients.scoringModel().orElseThrow().scoreAll(List.of(TextSegment.from("试一下")), "试");
        clients.chatModel().orElseThrow().chat("你好");
    }

    @Test
    void finishReasonLength() {
        api.fault(FaultingYunwang.CHAT, Fault.FINISH_LENGTH);

        JsonNode answer = ask(Map.of("question", QUESTION));
        JsonNode done = streamDone(Map.of("question", QUESTION));
        JsonNode completion = v1(false);
        List<JsonNode> chunks = v1Stream();

        for (JsonNode view : List.of(answer, done)) {
            assertThat(view.path("mode").asText()).isEqualTo("generative");
            assertThat(view.path("truncated").asBoolean()).isTrue();
            assertThat(codes(view)).contains("truncated");
            assertThat(texts(view.path("warnings"))).anyMatch(w -> w.contains("cut off at the model's token limit"));
        }
        assertThat(completion.at("/choices/0/finish_reason").asText()).isEqualTo("length");
        assertThat(completion.at("/choices/0/message/yunrag/truncated").asBoolean()).isTrue();
        assertThat(texts(completion.at("/choices/0/message/yunrag/warningCodes"))).contains("truncated");
        JsonNode last = chunks.getLast();
        assertThat(last.at("/choices/0/finish_reason").asText()).isEqualTo("length");
        assertThat(last.at("/choices/0/delta/yunrag/truncated").asBoolean()).isTrue();
    }

    @Test
    void noCitation() {
        api.fault(FaultingYunwang.CHAT, Fault.NO_CITATION);

        JsonNode answer = ask(Map.of("question", QUESTION));
        JsonNode done = streamDone(Map.of("question", QUESTION));
        JsonNode completion = v1(false);

        assertThat(answer.path("mode").asText()).isEqualTo("generative");
        assertThat(codes(answer)).contains("uncited");
        assertThat(codes(done)).contains("uncited");
        assertThat(texts(answer.path("warnings"))).anyMatch(w -> w.contains("cites none of the sources"));
        assertThat(texts(completion.at("/choices/0/message/yunrag/warningCodes"))).contains("uncited");
        assertThat(completion.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
    }

    @Test
    void reasoningExhausted() {
        api.fault(FaultingYunwang.CHAT, Fault.REASONING_EXHAUSTED);

        JsonNode blocking = ask(Map.of("question", QUESTION, "model", R1));
        JsonNode streamed = streamDone(Map.of("question", QUESTION, "model", R1));

        // Blocking: nothing was shown yet, so one retry with twice the max_tokens gets the answer.
        assertThat(blocking.path("mode").asText()).isEqualTo("generative");
        assertThat(blocking.path("answer").asText()).isNotBlank();
        // Streamed: the reasoning was already shown; the answer falls back to the extractive one, with a warning.
        assertThat(streamed.path("mode").asText()).isEqualTo("extractive");
        assertThat(streamed.path("answer").asText()).isNotBlank();
        assertThat(codes(streamed)).contains("reasoning_exhausted");
        assertThat(texts(streamed.path("warnings"))).anyMatch(w -> w.contains("whole token budget on reasoning"));
    }

    @Test
    void cutStreamInAnswer() {
        api.fault(FaultingYunwang.CHAT, Fault.CUT_IN_ANSWER);

        JsonNode done = streamDone(Map.of("question", QUESTION));
        List<JsonNode> chunks = v1Stream();

        assertThat(done.path("truncated").asBoolean()).isTrue();
        assertThat(codes(done)).contains("stream_cut");
        assertThat(chunks.getLast().at("/choices/0/finish_reason").asText())
                .as("a cut stream never ends with stop").isEqualTo("length");
    }

    @Test
    void cutStreamInReasoning() {
        api.fault(FaultingYunwang.CHAT, Fault.CUT_IN_REASONING);

        JsonNode done = streamDone(Map.of("question", QUESTION, "model", R1));

        assertThat(done.path("mode").asText()).isEqualTo("extractive");
        assertThat(done.path("answer").asText()).isNotBlank();
        assertThat(codes(done)).contains("chat_fallback");
        assertThat(texts(done.path("warnings"))).anyMatch(w -> w.contains("stream ended before [DONE]"));
    }

    @Test
    void hungEndpoint() {
        api.fault(FaultingYunwang.CHAT, Fault.HANG);

        long start = System.nanoTime();
        JsonNode first = ask(Map.of("question", QUESTION));
        long firstMillis = (System.nanoTime() - start) / 1_000_000;
        start = System.nanoTime();
        JsonNode next = ask(Map.of("question", QUESTION));
        long nextMillis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("hung chat endpoint, question deadline %d ms: first answer (extractive) after %d ms, "
                + "next after %d ms%n", FaultingYunwangResource.QUESTION_DEADLINE_MS, firstMillis, nextMillis);

        assertThat(first.path("mode").asText()).isEqualTo("extractive");
        assertThat(first.path("answer").asText()).isNotBlank();
        assertThat(codes(first)).contains("chat_fallback", "deadline");
        assertThat(api.received(FaultingYunwang.CHAT)).as("no retry after the budget is spent").hasSize(1);
        assertThat(next.path("mode").asText()).isEqualTo("extractive");
        assertThat(texts(next.path("warnings"))).anyMatch(w -> w.contains("CIRCUIT_OPEN"));
        assertThat(api.received(FaultingYunwang.CHAT)).as("the next user does not wait for the hung endpoint")
                .hasSize(1);
    }

    @Test
    void unauthorized401() {
        api.status(FaultingYunwang.CHAT, 401);

        JsonNode answer = ask(Map.of("question", QUESTION));

        assertThat(answer.path("mode").asText()).isEqualTo("extractive");
        assertThat(codes(answer)).contains("chat_fallback");
        assertThat(texts(answer.path("warnings"))).anyMatch(w -> w.contains("key refused (401"));
        assertThat(answer.toString()).doesNotContain(FaultingYunwangResource.KEY);
    }

    @Test
    void timingsWithUnits() {
        JsonNode answer = ask(Map.of("question", QUESTION));
        JsonNode done = streamDone(Map.of("question", QUESTION));
        JsonNode completion = v1(false);
        List<JsonNode> chunks = v1Stream();

        for (JsonNode view : List.of(answer, done)) {
            JsonNode timings = view.path("apiTimings");
            assertThat(timings.path("prefillTime").asDouble()).isEqualTo(FaultingYunwang.PREFILL_TIME);
            assertThat(timings.path("decodeTimeArr")).hasSize(FaultingYunwang.DECODE_TIME_ARR.size());
            assertThat(timings.path("timeUnit").asText()).isEqualTo("s");
            assertThat(timings.path("timeToFirstTokenMs").asDouble()).isEqualTo(250.0);
            assertThat(timings.path("decodeTokensPerSecond").asDouble()).isEqualTo(32.0);
            assertThat(timings.path("generationMs").asDouble()).isEqualTo(325.0);
        }
        assertThat(completion.path("prefill_time").asDouble()).isEqualTo(FaultingYunwang.PREFILL_TIME);
        assertThat(completion.path("decode_time_arr")).hasSize(FaultingYunwang.DECODE_TIME_ARR.size());
        assertThat(chunks.getLast().path("prefill_time").asDouble()).isEqualTo(FaultingYunwang.PREFILL_TIME);
        assertThat(chunks.getLast().at("/choices/0/finish_reason").asText()).isEqualTo("stop");
    }

    @Test
    void rerankWarningNamesTheOrderActuallyUsed() {
        api.status(FaultingYunwang.RERANK, 500);
        JsonNode fused = Json.read(given().contentType(ContentType.JSON).body(Map.of("query", "工资发放"))
                .when().post("/api/search").then().statusCode(200).extract().asString());
        api.status(FaultingYunwang.EMBEDDINGS, 500);
        JsonNode bm25Only = Json.read(given().contentType(ContentType.JSON).body(Map.of("query", "工资发放"))
                .when().post("/api/search").then().statusCode(200).extract().asString());

        assertThat(texts(fused.path("warnings"))).anyMatch(w -> w.contains("fused (BM25 + vector) order"));
        assertThat(texts(bm25Only.path("warnings"))).anyMatch(w -> w.contains("BM25 keyword order only"))
                .noneMatch(w -> w.contains("fused (BM25 + vector)"));
    }

    @Test
    void imageUrlPartIsRefusedWithAReason() {
        // a remote image is never fetched; a data URI that is not an image is no image
        Map<String, Object> body = Map.of("model", "yunrag", "messages", List.of(Map.of("role", "user", "content",
                List.of(Map.of("type", "text", "text", "这张图里写了什么？"),
                        Map.of("type", "image_url", "image_url", Map.of("url", "http://example.com/a.png"))))));

        JsonNode error = Json.read(given().contentType(ContentType.JSON).body(body).when().post("/v1/chat/completions")
                .then().statusCode(400).extract().asString());

        assertThat(error.at("/error/code").asText()).isEqualTo("image_url_not_supported");
        assertThat(error.at("/error/message").asText()).contains("never fetches").contains("data URI");
        Map<String, Object> broken = Map.of("model", "yunrag", "messages", List.of(Map.of("role", "user", "content",
                List.of(Map.of("type", "text", "text", "这张图里写了什么？"),
                        Map.of("type", "image_url", "image_url", Map.of("url", "data:image/png;base64,iVBORw0KGgo="))))));
        JsonNode invalid = Json.read(given().contentType(ContentType.JSON).body(broken)
                .when().post("/v1/chat/completions").then().statusCode(400).extract().asString());
        assertThat(invalid.at("/error/code").asText()).isEqualTo("invalid_image");
        assertThat(invalid.at("/error/type").asText()).isEqualTo("invalid_request_error");
        assertThat(api.received(FaultingYunwang.CHAT)).as("nothing was answered without the image").isEmpty();
    }


    // ---- helpers ----

    private static JsonNode ask(Map<String, Object> body) {
        return Json.read(given().contentType(ContentType.JSON).body(body).when().post("/api/ask")
                .then().statusCode(200).extract().asString());
    }

    private static JsonNode streamDone(Map<String, Object> body) {
        String text = given().contentType(ContentType.JSON).accept("text/event-stream").body(body)
                .when().post("/api/ask/stream").then().statusCode(200).extract().asString();
        List<Sse.Event> done = Sse.named(Sse.parse(text), "done");
        assertThat(done).as(text).hasSize(1);
        return done.getFirst().json();
    }

    private static JsonNode v1(boolean stream) {
        return Json.read(given().contentType(ContentType.JSON).body(v1Body(stream)).when().post("/v1/chat/completions")
                .then().statusCode(200).extract().asString());
    }

    private static Map<String, Object> v1Body(boolean stream) {
        return Map.of("model", "yunrag", "stream", stream,
                "messages", List.of(Map.of("role", "user", "content", QUESTION)));
    }

    /** The data events of a /v1 stream, up to [DONE] (which must be there). */
    private static List<JsonNode> v1Stream() {
        String text = given().contentType(ContentType.JSON).accept("text/event-stream").body(v1Body(true))
                .when().post("/v1/chat/completions").then().statusCode(200).extract().asString();
        List<JsonNode> chunks = new ArrayList<>();
        boolean doneSeen = false;
        for (String line : text.split("\n")) {
            if (line.startsWith("data: [DONE]")) {
                doneSeen = true;
            } else if (line.startsWith("data:")) {
                chunks.add(Json.read(line.substring(5).strip()));
            }
        }
        assertThat(doneSeen).as(text).isTrue();
        return chunks;
    }

    private static List<String> codes(JsonNode view) {
        return texts(view.path("warningCodes"));
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }
}

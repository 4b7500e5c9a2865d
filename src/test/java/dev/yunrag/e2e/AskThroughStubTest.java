package dev.yunrag.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.yunrag.index.CollectionCatalog;
import dev.yunrag.ingest.IngestOptions;
import dev.yunrag.ingest.IngestProgress;
import dev.yunrag.ingest.IngestReport;
import dev.yunrag.ingest.IngestionPipeline;
import dev.yunrag.testing.Json;
import dev.yunrag.testing.SampleCorpus;
import dev.yunrag.testing.Sse;
import dev.yunrag.yunwang.YunwangClients;
import dev.yunrag.yunwang.YunwangStub;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole service through the 云网 stub: ingestion embeds with the remote model in batches, questions go through
 * remote embedding, rerank and chat, and both what the stub received and what the user got are checked.
 */
@QuarkusTest
@TestProfile(E2eProfile.class)
class AskThroughStubTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String QUERY_INSTRUCTION = "为这个句子生成表示以用于检索相关文章：";

    @InjectStub
    YunwangStub stub;

    @Inject
    IngestionPipeline pipeline;

    @Inject
    CollectionCatalog collections;

    @Inject
    YunwangClients clients;

    @BeforeEach
    void ready() throws InterruptedException {
        StubState.reset(stub, clients);
        SampleCorpus.ingestInto(pipeline, E2eProfile.COLLECTION);
        stub.clearReceived();
    }

    @Test
    void theWholeSampleCorpusIsIngestedWithTheRemoteModel() {
        IngestReport report = SampleCorpus.ingestInto(pipeline, E2eProfile.COLLECTION);

        assertThat(report.failed()).isEmpty();
        assertThat(report.documents()).isEqualTo(SampleCorpus.documents().size()).isEqualTo(11);
        var settings = collections.find(E2eProfile.COLLECTION).orElseThrow().settings();
        assertThat(settings.embeddingModel()).isEqualTo("BAAI/bge-large-zh-v1.5");
        assertThat(settings.dimension()).isEqualTo(1024);
    }

    @Test
    void ingestionEmbedsEveryChunkRemotelyInBatchesWithBearerAuth() {
        // given: a collection that does not exist yet
        List<java.nio.file.Path> files = List.of(SampleCorpus.document("travel-expense-policy.md"),
                SampleCorpus.document("employee-handbook.pdf"));
        // when
        IngestReport report = pipeline.ingest(files, new IngestOptions("e2e-batches", null, false, false),
                IngestProgress.NONE);
        // then: the collection is built with the remote model's 1024 dims
        assertThat(report.failed()).isEmpty();
        assertThat(report.added()).isEqualTo(2);
        var settings = collections.find("e2e-batches").orElseThrow().settings();
        assertThat(settings.embeddingModel()).isEqualTo("BAAI/bge-large-zh-v1.5");
        assertThat(settings.dimension()).isEqualTo(1024);
        // and every chunk went to the embeddings endpoint, at most batch-size (4) per request, without the
        // query instruction, with the Bearer scheme
        List<YunwangStub.Received> requests = stub.received(YunwangStub.EMBEDDINGS);
        assertThat(requests).hasSizeGreaterThan(1);
        int texts = 0;
        for (YunwangStub.Received request : requests) {
            assertThat(request.authorization()).isEqualTo("Bearer " + YunwangStubResource.KEY);
            JsonNode body = request.json();
            assertThat(body.path("model").asText()).isEqualTo("BAAI/bge-large-zh-v1.5");
            JsonNode input = body.path("input");
            List<String> inputs = new ArrayList<>();
            if (input.isArray()) {
                input.forEach(text -> inputs.add(text.asText()));
            } else {
                inputs.add(input.asText());
            }
            assertThat(inputs).hasSizeBetween(1, 4).noneMatch(text -> text.startsWith(QUERY_INSTRUCTION));
            texts += inputs.size();
        }
        assertThat(texts).isEqualTo(report.embedded()).isEqualTo(report.chunks());
        assertThat(requests).anyMatch(r -> r.json().path("input").size() == 4);
    }

    @Test
    void answersCorpusQuestionsThroughRemoteEmbeddingRerankAndChat() {
        List<SampleCorpus.Question> questions = SampleCorpus.questions();
        // one question from each of several documents
        List<SampleCorpus.Question> chosen = List.of(questions.get(0), questions.get(6), questions.get(10),
                questions.get(16), questions.get(22));
        int sourceFound = 0;
        for (SampleCorpus.Question q : chosen) {
            stub.clearReceived();
            // when
            JsonNode answer = askJson(Map.of("question", q.question()));
            // then: the user got a generative answer from TianQing-72B, with its citation mapped to source 1
            assertThat(answer.path("mode").asText()).isEqualTo("generative");
            assertThat(answer.path("model").asText()).isEqualTo("TianQing-72B");
            assertThat(answer.path("warnings")).isEmpty();
            assertThat(answer.path("reasoning").isNull()).isTrue();
            assertThat(answer.path("answer").asText()).startsWith("根据资料，").contains("[1]");
            JsonNode citation = answer.path("citations").get(0);
            JsonNode first = answer.path("sources").get(0);
            assertThat(citation.path("n").asInt()).isEqualTo(1);
            assertThat(citation.path("chunkId").asText()).isEqualTo(first.path("chunkId").asText());
            assertThat(citation.path("source").asText()).isEqualTo(first.path("source").asText());
            String quoted = answer.path("answer").asText().replaceAll("^根据资料，“(.*)”\\[1\\]。$", "$1");
            assertThat(first.path("text").asText().replaceAll("\\s+", " ")).contains(quoted);
            assertThat(first.path("ranks").has("rerank")).isTrue();
            // the service's own timing fields and token usage are passed on
            assertThat(answer.path("timings").path("apiPrefill").asDouble()).isEqualTo(YunwangStub.PREFILL_TIME);
            assertThat(answer.path("timings").path("apiDecode").asDouble()).isCloseTo(0.06,
                    org.assertj.core.data.Offset.offset(1e-9));
            assertThat(answer.path("usage").path("promptTokens").asInt()).isEqualTo(12);
            assertThat(answer.path("usage").path("completionTokens").asInt()).isEqualTo(3);
            assertThat(answer.path("usage").path("totalTokens").asInt()).isEqualTo(15);
            boolean found = false;
            for (JsonNode source : answer.path("sources")) {
                found |= source.path("source").asText().endsWith(q.source());
            }
            sourceFound += found ? 1 : 0;

            // and the stub received: the query embedding (with the instruction), the rerank, the chat
            YunwangStub.Received embedding = stub.last(YunwangStub.EMBEDDINGS);
            assertThat(embedding.authorization()).isEqualTo("Bearer " + YunwangStubResource.KEY);
            assertThat(embedding.json().path("input").isArray() ? embedding.json().path("input").get(0).asText()
                    : embedding.json().path("input").asText()).isEqualTo(QUERY_INSTRUCTION + q.question());

            YunwangStub.Received rerank = stub.last(YunwangStub.RERANK);
            assertThat(rerank.authorization()).isEqualTo("Bearer " + YunwangStubResource.KEY);
            JsonNode rerankBody = rerank.json();
            assertThat(rerankBody.path("model").asText()).isEqualTo("BAAI/bge-reranker-v2-m3");
            assertThat(rerankBody.path("query").asText()).isEqualTo(q.question());
            assertThat(rerankBody.path("documents").size()).isBetween(answer.path("sources").size(), 50);
            assertThat(rerankBody.path("top_n").asInt()).isEqualTo(rerankBody.path("documents").size());

            YunwangStub.Received chat = stub.last(YunwangStub.CHAT);
            assertThat(chat.authorization()).isEqualTo(YunwangStubResource.KEY);
            assertTianQingBody(chat.json(), false);
            assertThat(stub.received(YunwangStub.CHAT)).hasSize(1);
        }
        // the stub's bigram embeddings and rerank are crude, but the right document is nearly always retrieved
        assertThat(sourceFound).isGreaterThanOrEqualTo(chosen.size() - 1);
    }

    @Test
    void deepSeekR1OnRequestReturnsItsReasoningSeparately() {
        for (String requested : List.of("deepseek-r1", "DeepSeek-R1-32B")) {
            stub.clearReceived();
            JsonNode answer = askJson(Map.of("question", "公司每月几号发放工资？", "model", requested));

            assertThat(answer.path("mode").asText()).isEqualTo("generative");
            assertThat(answer.path("model").asText()).isEqualTo("DeepSeek-R1-32B");
            assertThat(answer.path("reasoning").asText()).isEqualTo(StubBehaviour.REASONING);
            assertThat(answer.path("answer").asText()).startsWith("根据资料，").contains("[1]")
                    .doesNotContain("think").doesNotContain(StubBehaviour.REASONING);
            assertThat(answer.path("citations")).hasSize(1);

            JsonNode body = stub.last(YunwangStub.CHAT).json();
            assertThat(body.path("model").asText()).isEqualTo("DeepSeek-R1-32B");
            assertThat(body.path("max_tokens").asInt()).isEqualTo(4096);
            assertThat(body.path("temperature").asDouble()).isEqualTo(0.6);
            assertThat(body.path("top_p").asDouble()).isEqualTo(0.95);
            assertThat(body.path("presence_penalty").asDouble()).isEqualTo(1.0);
            assertThat(body.path("frequency_penalty").asDouble()).isEqualTo(0.0);
            assertThat(body.path("stream").asBoolean()).isFalse();
        }
    }

    @Test
    void aFollowUpIsRewrittenByTheChatModelBeforeRetrieval() {
        // given: a conversation about leave
        Map<String, Object> body = Map.of("question", "那产假呢？", "history", List.of(
                Map.of("role", "user", "content", "员工每年有多少天年假？"),
                Map.of("role", "assistant", "content", "工作满1年不满10年的，年假为每年10天[1]。")));
        // when
        JsonNode answer = askJson(body);
        // then: the first chat call rewrote the question, retrieval and rerank used the rewrite, the answer the original
        List<YunwangStub.Received> chats = stub.received(YunwangStub.CHAT);
        assertThat(chats).hasSize(2);
        String rewritePrompt = chats.get(0).json().path("messages").get(1).path("content").asText();
        assertThat(rewritePrompt).contains("User: 员工每年有多少天年假？").contains("Latest question: 那产假呢？");
        assertThat(answer.path("question").asText()).isEqualTo(StubBehaviour.REWRITTEN);
        assertThat(stub.last(YunwangStub.RERANK).json().path("query").asText()).isEqualTo(StubBehaviour.REWRITTEN);
        assertThat(chats.get(1).json().path("messages").get(1).path("content").asText())
                .endsWith("Question: 那产假呢？\n");
        assertThat(answer.path("timings").has("rewrite")).isTrue();
        assertThat(answer.path("mode").asText()).isEqualTo("generative");
    }

    @Test
    void streamsTheAnswerThroughTheStubsServerSentEvents() {
        // when
        List<Sse.Event> events = stream(Map.of("question", "女员工生育可以享受多少天产假？"));
        // then: sources first, answer deltas, then the complete answer
        assertThat(events.getFirst().name()).isEqualTo("sources");
        assertThat(events.getFirst().json().path("model").asText()).isEqualTo("TianQing-72B");
        List<Sse.Event> deltas = Sse.named(events, "delta");
        assertThat(deltas).hasSizeGreaterThan(1);
        assertThat(Sse.named(events, "reasoning")).isEmpty();
        Sse.Event done = events.getLast();
        assertThat(done.name()).isEqualTo("done");
        JsonNode answer = done.json();
        assertThat(answer.path("mode").asText()).isEqualTo("generative");
        String streamed = String.join("", deltas.stream().map(d -> d.json().path("text").asText()).toList());
        assertThat(streamed).isEqualTo(answer.path("answer").asText());
        assertThat(answer.path("citations").get(0).path("n").asInt()).isEqualTo(1);
        assertThat(answer.path("timings").path("apiPrefill").asDouble()).isEqualTo(YunwangStub.PREFILL_TIME);
        assertThat(answer.path("usage").path("totalTokens").asInt()).isEqualTo(15);
        // and the stub was asked for a stream, with every documented field
        JsonNode body = stub.last(YunwangStub.CHAT).json();
        assertThat(body.path("stream").asBoolean()).isTrue();
        assertThat(stub.last(YunwangStub.CHAT).authorization()).isEqualTo(YunwangStubResource.KEY);
        assertTianQingBody(body, true);
    }

    @Test
    void streamedReasoningNeverReachesTheAnswerDeltas() {
        List<Sse.Event> events = stream(Map.of("question", "公司每月几号发放工资？", "model", "deepseek-r1"));

        String reasoning = String.join("", Sse.named(events, "reasoning").stream()
                .map(e -> e.json().path("text").asText()).toList());
        String streamed = String.join("", Sse.named(events, "delta").stream()
                .map(e -> e.json().path("text").asText()).toList());
        assertThat(reasoning).isEqualTo(StubBehaviour.REASONING);
        assertThat(streamed).startsWith("根据资料，").doesNotContain("think").doesNotContain(StubBehaviour.REASONING);
        JsonNode done = events.getLast().json();
        assertThat(done.path("model").asText()).isEqualTo("DeepSeek-R1-32B");
        assertThat(done.path("reasoning").asText()).isEqualTo(StubBehaviour.REASONING);
        assertThat(done.path("answer").asText()).isEqualTo(streamed);
    }

    /** Every field of the document's example, with TianQing-72B's catalogue values. */
    private static void assertTianQingBody(JsonNode body, boolean stream) {
        assertThat(body.path("model").asText()).isEqualTo("TianQing-72B");
        assertThat(body.path("messages")).hasSize(2);
        assertThat(body.path("messages").get(0).path("role").asText()).isEqualTo("system");
        assertThat(body.path("messages").get(1).path("role").asText()).isEqualTo("user");
        assertThat(body.path("messages").get(1).path("content").asText()).contains("<source id=\"1\"");
        assertThat(body.path("max_tokens").asInt()).isEqualTo(1024);
        assertThat(body.path("presence_penalty").asDouble()).isEqualTo(1.03);
        assertThat(body.path("frequency_penalty").asDouble()).isEqualTo(1.0);
        assertThat(body.has("seed")).isTrue();
        assertThat(body.path("seed").isNull()).isTrue();
        assertThat(body.path("temperature").asDouble()).isEqualTo(0.01);
        assertThat(body.path("top_p").asDouble()).isEqualTo(0.95);
        assertThat(body.path("stream").asBoolean()).isEqualTo(stream);
    }

    static JsonNode askJson(Map<String, Object> body) {
        String text = given().contentType(ContentType.JSON).body(body)
                .when().post("/api/ask")
                .then().statusCode(200).extract().asString();
        return Json.read(text);
    }

    static List<Sse.Event> stream(Map<String, Object> body) {
        String text = given().contentType(ContentType.JSON).accept("text/event-stream").body(body)
                .when().post("/api/ask/stream")
                .then().statusCode(200).extract().asString();
        return Sse.parse(text);
    }
}

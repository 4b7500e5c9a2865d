package dev.yunrag.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.yunrag.ingest.IngestionPipeline;
import dev.yunrag.testing.SampleCorpus;
import dev.yunrag.testing.Sse;
import dev.yunrag.yunwang.YunwangClients;
import dev.yunrag.yunwang.YunwangStub;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A generative answer that abstains: the stub's chat model replies with the exact sentence the system prompt asks for
 * when the sources do not answer, and the user gets {@code answered: false}, no citations and the closest passages as
 * {@code related}, in JSON, in the SSE done event and in the {@code yunrag} object of /v1.
 */
@QuarkusTest
@TestProfile(E2eProfile.class)
class AbstentionThroughStubTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @InjectStub
    YunwangStub stub;

    @Inject
    IngestionPipeline pipeline;

    @Inject
    YunwangClients clients;

    @BeforeEach
    void ready() throws InterruptedException {
        StubState.reset(stub, clients);
        SampleCorpus.ingestInto(pipeline, E2eProfile.COLLECTION);
        stub.clearReceived();
    }

    @Test
    void aChineseQuestionTheDocumentsDoNotAnswerIsSaidSoWithRelatedPassages() {
        JsonNode answer = AskThroughStubTest.askJson(Map.of("question", "公司的股票代码是多少？"));

        assertThat(answer.path("mode").asText()).isEqualTo("generative");
        assertThat(answer.path("answer").asText()).isEqualTo("资料中没有找到答案。");
        assertThat(answer.path("answered").asBoolean()).isFalse();
        assertThat(answer.path("citations")).isEmpty();
        JsonNode related = answer.path("related");
        assertThat(related.size()).isBetween(1, 3);
        // the related passages are the first sources, same shape
        assertThat(related.get(0).path("chunkId").asText())
                .isEqualTo(answer.path("sources").get(0).path("chunkId").asText());
        assertThat(related.get(0).path("n").asInt()).isEqualTo(1);
        // and the model was asked to abstain with exactly that sentence
        String system = stub.last(YunwangStub.CHAT).json().path("messages").get(0).path("content").asText();
        assertThat(system).contains("reply exactly \"资料中没有找到答案。\"");
    }

    @Test
    void anAnsweredQuestionIsMarkedAnsweredWithNoRelatedPassages() {
        JsonNode answer = AskThroughStubTest.askJson(Map.of("question", "女员工生育可以享受多少天产假？"));

        assertThat(answer.path("answered").asBoolean()).isTrue();
        assertThat(answer.path("citations")).isNotEmpty();
        assertThat(answer.path("related")).isEmpty();
    }

    @Test
    void theStreamsDoneEventCarriesTheAbstention() {
        List<Sse.Event> events = AskThroughStubTest.stream(Map.of("question", "What is the capital of France?"));

        JsonNode done = events.getLast().json();
        assertThat(events.getLast().name()).isEqualTo("done");
        assertThat(done.path("answer").asText()).isEqualTo("The documents do not answer this.");
        assertThat(done.path("answered").asBoolean()).isFalse();
        assertThat(done.path("citations")).isEmpty();
        assertThat(done.path("related").size()).isBetween(1, 3);
    }

    @Test
    void openAiCompletionsCarryItInTheYunragObject() throws IOException {
        String response = given().contentType(ContentType.JSON).body("""
                        {"model": "yunrag", "messages": [{"role": "user", "content": "公司的股票代码是多少？"}]}
                        """)
                .when().post("/v1/chat/completions")
                .then().statusCode(200).extract().asString();
        JsonNode message = JSON.readTree(response).path("choices").get(0).path("message");

        assertThat(message.path("content").asText()).isEqualTo("资料中没有找到答案。");
        assertThat(message.path("yunrag").path("answered").asBoolean()).isFalse();
        assertThat(message.path("yunrag").path("related").size()).isBetween(1, 3);
    }
}

package dev.yunrag.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.yunrag.ingest.IngestionPipeline;
import dev.yunrag.ingest.image.ScannedFixtures;
import dev.yunrag.ingest.image.VisionReader;
import dev.yunrag.testing.Json;
import dev.yunrag.testing.SampleCorpus;
import dev.yunrag.yunwang.YunwangClients;
import dev.yunrag.yunwang.YunwangStub;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A question with an image, through the 云网 stub: Qwen2-VL-7B gets the image as an {@code image_url} data URI with
 * the reading prompt, what it saw joins the question for retrieval, and the answer model is given it beside the
 * retrieved passages and answers with citations; on {@code /v1} an OpenAI image part does the same.
 */
@QuarkusTest
@TestProfile(E2eProfile.class)
class AskWithImageThroughStubTest {

    private static final String SEEN = "图中文字：一类城市住宿费每人每晚上限是多少元？";
    private static final String ANSWER = "一类城市每人每晚住宿费上限为600元[1]。";

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
        // the vision model describes, the answer model answers
        stub.chatResponder(request -> new YunwangStub.Reply(List.of(), List.of(
                VisionReader.DEFAULT_MODEL.equals(request.path("model").asText()) ? SEEN : ANSWER)));
        stub.clearReceived();
    }

    @AfterEach
    void plainStub() {
        // the stub is shared by every test class of this profile: give back the behaviour they expect
        StubBehaviour.install(stub);
    }

    private static String photo() throws Exception {
        byte[] png = ScannedFixtures.encode(ScannedFixtures.page("一类城市住宿费每人每晚上限是多少元？"), "png");
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
    }

    @Test
    void theVisionModelReadsTheImageAndTheAnswerIsGroundedOnItAndThePassages() throws Exception {
        String photo = photo();

        JsonNode answer = Json.read(given().contentType(ContentType.JSON)
                .body(Map.of("question", "图片里的问题怎么回答？", "images", List.of(photo)))
                .when().post("/api/ask").then().statusCode(200).extract().asString());

        // the vision request: Qwen2-VL-7B, the reading prompt, the image itself as a data URI
        List<YunwangStub.Received> chats = stub.received(YunwangStub.CHAT);
        JsonNode vision = chats.stream().map(YunwangStub.Received::json)
                .filter(body -> body.path("model").asText().equals(VisionReader.DEFAULT_MODEL)).findFirst()
                .orElseThrow();
        assertThat(vision.at("/messages/0/content/0/text").asText()).isEqualTo(VisionReader.PROMPT);
        assertThat(vision.at("/messages/0/content/1/type").asText()).isEqualTo("image_url");
        assertThat(vision.at("/messages/0/content/1/image_url/url").asText()).isEqualTo(photo);
        // the answer request: the answer model, given what the image showed and the travel policy's passage
        JsonNode generation = chats.stream().map(YunwangStub.Received::json)
                .filter(body -> !body.path("model").asText().equals(VisionReader.DEFAULT_MODEL)).findFirst()
                .orElseThrow();
        String prompt = generation.get("messages").toString();
        assertThat(prompt).contains("一类城市住宿费每人每晚上限是多少元").contains("600元");
        // the user gets the grounded answer, cited, with no OCR note
        assertThat(answer.get("mode").asText()).isEqualTo("generative");
        assertThat(answer.get("answer").asText()).contains("600元");
        assertThat(answer.get("citations").get(0).get("source").asText()).contains("travel-expense-policy");
        assertThat(answer.get("warningCodes").toString()).doesNotContain("image_read_by_ocr");
    }

    @Test
    void anOpenAiImagePartIsReadByTheVisionModel() throws Exception {
        String photo = photo();
        Map<String, Object> body = Map.of("model", "yunrag", "messages", List.of(Map.of("role", "user", "content",
                List.of(Map.of("type", "text", "text", "图片里的问题怎么回答？"),
                        Map.of("type", "image_url", "image_url", Map.of("url", photo))))));

        JsonNode completion = Json.read(given().contentType(ContentType.JSON).body(body)
                .when().post("/v1/chat/completions").then().statusCode(200).extract().asString());

        assertThat(stub.received(YunwangStub.CHAT).stream().map(YunwangStub.Received::json)
                .anyMatch(request -> request.path("model").asText().equals(VisionReader.DEFAULT_MODEL)
                        && request.at("/messages/0/content/1/image_url/url").asText().equals(photo))).isTrue();
        assertThat(completion.at("/choices/0/message/content").asText()).contains("600元");
        assertThat(completion.at("/choices/0/message/yunrag/citations/0/source").asText())
                .contains("travel-expense-policy");
    }
}

package dev.yunrag.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.yunrag.ingest.IngestionPipeline;
import dev.yunrag.ingest.image.ScannedFixtures;
import dev.yunrag.testing.Json;
import dev.yunrag.testing.SampleCorpus;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Images with the question, without the 云网 API: Tesseract reads the image, its text joins the question for
 * retrieval and for the extractive answer, and the answer says so (warning code {@code image_read_by_ocr}). Bad
 * images are a 400 that says what is wrong, on {@code /api/ask} and on {@code /v1} alike.
 */
@QuarkusTest
class AskWithImageTest {

    @Inject
    IngestionPipeline pipeline;

    @BeforeEach
    void corpus() {
        SampleCorpus.ingest(pipeline);
    }

    static String dataUri(String... lines) throws Exception {
        byte[] png = ScannedFixtures.encode(ScannedFixtures.page(lines), "png");
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
    }

    @Test
    void theImagesTextJoinsTheQuestionAndTheExtractiveAnswerSaysOcrReadIt() throws Exception {
        // given a photo of a line of the travel policy's question, sent with a question that names nothing itself
        String image = dataUri("一类城市住宿费每人每晚上限是多少元？");

        JsonNode answer = AskResourceTest.ask(Map.of("question", "图片里的问题怎么回答？", "images", List.of(image)));

        // then the answer quotes the policy's limit for first-tier cities, cited, and says OCR read the image
        assertThat(answer.get("mode").asText()).isEqualTo("extractive");
        assertThat(answer.get("answer").asText()).contains("600元");
        assertThat(answer.get("citations").get(0).get("source").asText()).contains("travel-expense-policy");
        assertThat(answer.get("warningCodes").toString()).contains("\"image_read_by_ocr\"");
        assertThat(answer.get("warnings").toString()).contains("read by OCR");
        assertThat(answer.get("question").asText()).contains("住宿费"); // the question retrieval used
    }

    @Test
    void badImagesAreA400SayingWhatIsWrong() {
        Map<String, String> cases = Map.of(
                "http://example.com/a.png", "not fetched",
                "data:image/png;base64,iVBORw0KGgo=", "not a readable image/png",
                "data:text/plain;base64,aGVsbG8=", "not read",
                "data:image/png;base64,@@@", "malformed",
                "just text", "must be a data URI");
        cases.forEach((uri, why) -> given().contentType(ContentType.JSON)
                .body(Map.of("question", "这是什么？", "images", List.of(uri)))
                .when().post("/api/ask").then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("invalid_image")).body("detail", containsString(why)));
        given().contentType(ContentType.JSON)
                .body(Map.of("question", "这是什么？", "images", List.of("a", "b", "c", "d", "e")))
                .when().post("/api/ask").then().statusCode(400).body("code", equalTo("invalid_image"))
                .body("detail", containsString("at most 4"));
    }

    @Test
    void openAiImagePartsAreReadWithTheQuestion() throws Exception {
        Map<String, Object> body = Map.of("model", "yunrag", "messages", List.of(Map.of("role", "user", "content",
                List.of(Map.of("type", "text", "text", "图片里的问题怎么回答？"),
                        Map.of("type", "image_url", "image_url",
                                Map.of("url", dataUri("一类城市住宿费每人每晚上限是多少元？")))))));

        JsonNode completion = Json.read(given().contentType(ContentType.JSON).body(body)
                .when().post("/v1/chat/completions").then().statusCode(200).extract().asString());

        assertThat(completion.at("/choices/0/message/content").asText()).contains("600元");
        assertThat(completion.at("/choices/0/message/yunrag/warningCodes").toString())
                .contains("\"image_read_by_ocr\"");
    }
}

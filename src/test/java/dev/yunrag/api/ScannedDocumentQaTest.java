package dev.yunrag.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.yunrag.ingest.image.ScannedFixtures;
import dev.yunrag.testing.Json;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A scanned PDF uploaded to the running service is read by OCR, and a question about page 2 is answered from it. */
@QuarkusTest
class ScannedDocumentQaTest {

    /** A collection of its own per run: the test data directory outlives runs. */
    private static final String COLLECTION = "scanned-qa-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void questionAboutAScannedPageIsAnsweredWithACitationToThatPage() throws Exception {
        // given a two-page scan with no text layer, uploaded
        Path pdf = Files.createTempFile("scan", ".pdf");
        ScannedFixtures.imageOnlyPdf(pdf, List.of(
                ScannedFixtures.page("第一章 总则", "本合同由甲乙双方共同签订。"),
                ScannedFixtures.page("第二章 付款", "甲方应于三十日内支付货款。", "逾期付款的违约金为每日三百元。")));
        String name = "scanned-contract-" + UUID.randomUUID().toString().substring(0, 8) + ".pdf";
        given().multiPart("file", name, Files.readAllBytes(pdf), "application/pdf")
                .when().post("/api/collections/" + COLLECTION + "/documents")
                .then().statusCode(200).body("added", equalTo(1)).body("failed.size()", equalTo(0));

        // when a question about page 2 is asked
        JsonNode answer = AskResourceTest.ask(Map.of("question", "逾期付款的违约金是多少？", "collection", COLLECTION));

        // then the answer quotes the scanned page and cites the passage that holds page 2
        assertThat(answer.get("answer").asText()).contains("三百元");
        JsonNode citation = answer.get("citations").get(0);
        assertThat(citation.get("source").asText()).isEqualTo(name);
        // the short scan is one passage over both pages; the OCR text's own page is asserted in ImageOcrParsingTest
        assertThat(citation.get("page").asInt()).isLessThanOrEqualTo(2);
        assertThat(citation.get("pageEnd").asInt()).isEqualTo(2);
        assertThat(citation.get("text").asText()).contains("违约金");
    }

    @Test
    void healthSaysWhatReadsImages() {
        JsonNode health = Json.read(given().when().get("/q/health/ready").then().statusCode(200)
                .extract().asString());

        JsonNode images = null;
        for (JsonNode check : health.get("checks")) {
            if (check.get("name").asText().equals("images")) {
                images = check;
            }
        }
        assertThat(images).as("an images check in " + health).isNotNull();
        assertThat(images.get("status").asText()).isEqualTo("UP");
        assertThat(images.at("/data/mode").asText()).isEqualTo("ocr");
        assertThat(images.at("/data/reader").asText()).isEqualTo("ocr (Tesseract, chi_sim+eng)");
    }
}

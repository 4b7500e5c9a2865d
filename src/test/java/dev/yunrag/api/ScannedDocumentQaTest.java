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
    void citationsOfScannedTextNameTheFigureAndServeItsThumbnail() throws Exception {
        // given a scanned page uploaded
        Path pdf = Files.createTempFile("scan", ".pdf");
        // (a line of its own per run: a figure another document still cites keeps its thumbnail)
        ScannedFixtures.imageOnlyPdf(pdf, List.of(ScannedFixtures.page("第三章 保修", "保修期为二十四个月。",
                "No. " + UUID.randomUUID())));
        String collection = COLLECTION + "-fig";
        given().multiPart("file", "warranty.pdf", Files.readAllBytes(pdf), "application/pdf")
                .when().post("/api/collections/" + collection + "/documents")
                .then().statusCode(200).body("added", equalTo(1));
        String question = "保修期是多久？";

        // when asked through /api/ask: the citation says the text was read by OCR from a figure, and links its picture
        JsonNode citation = AskResourceTest.ask(Map.of("question", question, "collection", collection))
                .get("citations").get(0);
        assertThat(citation.get("origin").asText()).isEqualTo("ocr");
        String figure = citation.get("figure").asText();
        assertThat(figure).matches("[0-9a-f]{24}");
        String thumbnail = citation.get("thumbnail").asText();
        assertThat(thumbnail).isEqualTo("/api/figures/" + citation.get("documentId").asText() + "/" + figure);
        byte[] jpeg = given().when().get(thumbnail).then().statusCode(200).contentType("image/jpeg")
                .extract().asByteArray();
        var image = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(jpeg));
        assertThat(Math.max(image.getWidth(), image.getHeight())).isLessThanOrEqualTo(320);

        // the streamed answer's done event and the OpenAI-compatible citation extension carry the same
        String stream = given().contentType(io.restassured.http.ContentType.JSON)
                .body(Map.of("question", question, "collection", collection))
                .when().post("/api/ask/stream").then().statusCode(200).extract().asString();
        JsonNode done = dev.yunrag.testing.Sse.parse(stream).stream().filter(e -> e.name().equals("done"))
                .findFirst().orElseThrow().json();
        assertThat(done.at("/citations/0/thumbnail").asText()).isEqualTo(thumbnail);
        JsonNode completion = Json.read(given().contentType(io.restassured.http.ContentType.JSON)
                .body(Map.of("model", "yunrag:" + collection, "messages",
                        List.of(Map.of("role", "user", "content", question))))
                .when().post("/v1/chat/completions").then().statusCode(200).extract().asString());
        assertThat(completion.at("/choices/0/message/yunrag/citations/0/origin").asText()).isEqualTo("ocr");
        assertThat(completion.at("/choices/0/message/yunrag/citations/0/thumbnail").asText()).isEqualTo(thumbnail);

        // and a search result lists the figures inside the passage
        JsonNode search = Json.read(given().contentType(io.restassured.http.ContentType.JSON)
                .body(Map.of("query", question, "collection", collection))
                .when().post("/api/search").then().statusCode(200).extract().asString());
        assertThat(search.toString()).contains("\"figures\":[{\"figure\":\"" + figure + "\",\"origin\":\"ocr\",\"page\":1");

        // unknown, malformed or path-like figure ids are a plain 404
        String documentId = citation.get("documentId").asText();
        given().when().get("/api/figures/" + documentId + "/0123456789abcdef01234567").then().statusCode(404);
        given().when().get("/api/figures/nodocument/" + figure).then().statusCode(404);
        given().when().get("/api/figures/" + documentId + "/..%2F..%2Fetc%2Fpasswd").then().statusCode(404);
        given().when().get("/api/figures/" + documentId + "/" + figure.toUpperCase()).then().statusCode(404);

        // deleting the document takes its figure away, from the API and from the disk
        Path stored = dev.yunrag.ingest.image.Thumbnails.under(Path.of(org.eclipse.microprofile.config.ConfigProvider
                .getConfig().getValue("yunrag.data-dir", String.class))).find(figure).orElseThrow();
        given().when().delete("/api/collections/" + collection + "/documents/" + documentId).then().statusCode(204);
        given().when().get(thumbnail).then().statusCode(404);
        assertThat(stored).doesNotExist();
    }

    @Test
    void aThumbnailSharedByTwoDocumentsStaysUntilTheLastOneIsDeleted() throws Exception {
        // given the same scanned page uploaded as two documents, in two collections
        Path pdf = Files.createTempFile("scan", ".pdf");
        ScannedFixtures.imageOnlyPdf(pdf, List.of(ScannedFixtures.page("第五章 验收", "验收期为十五个工作日。",
                "No. " + UUID.randomUUID())));
        String first = COLLECTION + "-shared-a";
        String second = COLLECTION + "-shared-b";
        String firstThumbnail = uploadAndFindThumbnail(first, "acceptance.pdf", pdf);
        String secondThumbnail = uploadAndFindThumbnail(second, "acceptance-copy.pdf", pdf);
        String figure = firstThumbnail.substring(firstThumbnail.lastIndexOf('/') + 1);
        assertThat(secondThumbnail).as("one image, one figure id").endsWith("/" + figure);
        Path stored = dev.yunrag.ingest.image.Thumbnails.under(Path.of(org.eclipse.microprofile.config.ConfigProvider
                .getConfig().getValue("yunrag.data-dir", String.class))).find(figure).orElseThrow();

        // when the first is deleted, the second's citation still shows the picture
        given().when().delete("/api/collections/" + first + "/documents/" + documentOf(firstThumbnail))
                .then().statusCode(204);
        given().when().get(firstThumbnail).then().statusCode(404);
        given().when().get(secondThumbnail).then().statusCode(200).contentType("image/jpeg");
        assertThat(stored).exists();

        // and when the second goes too, so does the file
        given().when().delete("/api/collections/" + second + "/documents/" + documentOf(secondThumbnail))
                .then().statusCode(204);
        given().when().get(secondThumbnail).then().statusCode(404);
        assertThat(stored).doesNotExist();
    }

    private static String uploadAndFindThumbnail(String collection, String name, Path pdf) throws Exception {
        given().multiPart("file", name, Files.readAllBytes(pdf), "application/pdf")
                .when().post("/api/collections/" + collection + "/documents")
                .then().statusCode(200).body("added", equalTo(1));
        JsonNode search = Json.read(given().contentType(io.restassured.http.ContentType.JSON)
                .body(Map.of("query", "验收期", "collection", collection))
                .when().post("/api/search").then().statusCode(200).extract().asString());
        String thumbnail = search.at("/results/0/figures/0/thumbnail").asText();
        assertThat(thumbnail).as("a figure in " + search).startsWith("/api/figures/");
        return thumbnail;
    }

    /** The document id in a thumbnail's path, /api/figures/{documentId}/{figure}. */
    private static String documentOf(String thumbnail) {
        String[] parts = thumbnail.split("/");
        return parts[parts.length - 2];
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

package dev.yunrag.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.yunrag.ingest.IngestionPipeline;
import dev.yunrag.testing.Json;
import dev.yunrag.testing.SampleCorpus;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Collections and documents: list, browse chunks, upload (ingested at once), delete. */
@QuarkusTest
class CollectionsResourceTest {

    /** Uploads go to their own collection so that the shared sample-corpus collection stays as it is. */
    private static final String UPLOADS = "api-upload-test";

    @Inject
    IngestionPipeline pipeline;

    @BeforeEach
    void corpus() {
        SampleCorpus.ingest(pipeline);
    }

    @Test
    void listsCollectionsWithSizesAndModel() {
        JsonNode collections = AskResourceTest.get("/api/collections");

        JsonNode sample = null;
        for (JsonNode c : collections) {
            if (c.get("name").asText().equals("default")) {
                sample = c;
            }
        }
        assertThat(sample).isNotNull();
        assertThat(sample.get("documents").asInt()).isEqualTo(SampleCorpus.documents().size());
        assertThat(sample.get("chunks").asInt()).isGreaterThan(sample.get("documents").asInt());
        assertThat(sample.get("embeddingModel").asText()).isEqualTo("bge-small-zh-v15");
        assertThat(sample.get("dimension").asInt()).isEqualTo(512);
        assertThat(sample.get("bytesOnDisk").asLong()).isPositive();
    }

    @Test
    void listsDocumentsWithoutServerPaths() {
        JsonNode documents = AskResourceTest.get("/api/collections/default/documents");

        assertThat(documents.findValuesAsText("source")).contains("sample-corpus/employee-handbook.pdf",
                "sample-corpus/meeting-minutes-2025-03.gbk.txt", "sample-corpus/sales-2024.xlsx");
        documents.forEach(d -> {
            assertThat(d.get("chunkCount").asInt()).isPositive();
            assertThat(d.get("metadata").has("path")).as("local path hidden").isFalse();
        });
    }

    @Test
    void documentDetailHasItsChunksInOrder() {
        String id = documentId("default", "sample-corpus/employee-handbook.pdf");

        JsonNode detail = AskResourceTest.get("/api/collections/default/documents/" + id);

        assertThat(detail.at("/document/source").asText()).isEqualTo("sample-corpus/employee-handbook.pdf");
        assertThat(detail.at("/document/pages").asInt()).isEqualTo(4);
        JsonNode chunks = detail.get("chunks");
        assertThat(chunks.size()).isEqualTo(detail.at("/document/chunkCount").asInt());
        int previousStart = -1;
        for (int i = 0; i < chunks.size(); i++) {
            JsonNode c = chunks.get(i);
            assertThat(c.get("ordinal").asInt()).isEqualTo(i);
            assertThat(c.get("start").asInt()).isGreaterThan(previousStart);
            assertThat(c.get("text").asText()).hasSize(c.get("end").asInt() - c.get("start").asInt());
            assertThat(c.get("pageStart").asInt()).isBetween(1, 4);
            previousStart = c.get("start").asInt();
        }
    }

    @Test
    void uploadedDocumentBecomesSearchableAndCanBeDeleted() {
        // given a document with a fact found nowhere else
        String marker = UUID.randomUUID().toString().substring(0, 8);
        String name = "upload-" + marker + ".md";
        byte[] content = ("# 量子咖啡机保修说明\n\n量子咖啡机的保修期是七年，编号" + marker + "。\n")
                .getBytes(StandardCharsets.UTF_8);

        // when it is uploaded
        given().multiPart("file", name, content, "text/markdown")
                .when().post("/api/collections/" + UPLOADS + "/documents")
                .then().statusCode(200).body("added", equalTo(1)).body("failed.size()", equalTo(0));

        // then it is listed and found by search
        String id = documentId(UPLOADS, name);
        JsonNode results = Json.read(given().contentType(ContentType.JSON)
                .body(Map.of("query", "量子咖啡机的保修期", "collection", UPLOADS, "topK", 3))
                .when().post("/api/search").then().statusCode(200).extract().asString()).get("results");
        assertThat(results.get(0).get("source").asText()).isEqualTo(name);
        assertThat(results.get(0).get("text").asText()).contains("七年");

        // when it is deleted, then it is gone: 204, and 404 on the next look and the next delete
        given().when().delete("/api/collections/" + UPLOADS + "/documents/" + id).then().statusCode(204);
        given().when().get("/api/collections/" + UPLOADS + "/documents/" + id)
                .then().statusCode(404).contentType("application/problem+json")
                .body("code", equalTo("unknown_document"));
        given().when().delete("/api/collections/" + UPLOADS + "/documents/" + id)
                .then().statusCode(404).body("code", equalTo("unknown_document"));
        assertThat(AskResourceTest.get("/api/collections/" + UPLOADS + "/documents").findValuesAsText("source"))
                .doesNotContain(name);
    }

    @Test
    void aBrokenFileIsReportedAsFailedNotA500() {
        // when a file that is not what its name says is uploaded
        JsonNode report = Json.read(given()
                .multiPart("file", "broken-" + UUID.randomUUID() + ".pdf", "%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R".getBytes(),
                        "application/pdf")
                .when().post("/api/collections/" + UPLOADS + "/documents")
                .then().statusCode(200).extract().asString());

        // then the report names it with a reason
        assertThat(report.get("failed")).as(report.toString()).hasSize(1);
        assertThat(report.at("/failed/0/source").asText()).startsWith("broken-");
        assertThat(report.at("/failed/0/reason").asText()).isNotBlank();
        assertThat(report.get("added").asInt()).isZero();
    }

    @Test
    void uploadWithoutFilesIsABadRequest() {
        given().multiPart("other", "x")
                .when().post("/api/collections/" + UPLOADS + "/documents")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void unknownCollectionsAndDocumentsAre404() {
        given().when().get("/api/collections/no-such-collection/documents")
                .then().statusCode(404).contentType("application/problem+json")
                .body("code", equalTo("unknown_collection"));
        given().when().get("/api/collections/default/documents/no-such-document")
                .then().statusCode(404).body("code", equalTo("unknown_document"));
        given().when().delete("/api/collections/default/documents/no-such-document")
                .then().statusCode(404).body("code", equalTo("unknown_document"));
        given().when().delete("/api/collections/no-such-collection/documents/x")
                .then().statusCode(404).body("code", equalTo("unknown_collection"));
    }

    static String documentId(String collection, String source) {
        for (JsonNode d : AskResourceTest.get("/api/collections/" + collection + "/documents")) {
            if (d.get("source").asText().equals(source)) {
                return d.get("documentId").asText();
            }
        }
        throw new AssertionError(source + " is not in " + collection);
    }
}

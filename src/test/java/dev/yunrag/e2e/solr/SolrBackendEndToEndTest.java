package dev.yunrag.e2e.solr;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.yunrag.index.solr.LocalSolrCloud;
import dev.yunrag.testing.Json;
import dev.yunrag.ingest.IngestOptions;
import dev.yunrag.ingest.IngestProgress;
import dev.yunrag.ingest.IngestReport;
import dev.yunrag.ingest.IngestionPipeline;
import dev.yunrag.testing.TestFiles;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The service with {@code yunrag.index.backend=solr} on a real two-node SolrCloud (2 shards x 2 replicas, basic auth):
 * a document uploaded through the REST API is listed, found by {@code /api/search}, answered from with a citation by
 * {@code /api/ask}, and gone after its delete; {@code /q/health} and the log name the backend, never the password. Slow (boots the cluster):
 * {@code ./mvnw test -Dyunrag.slow=true -Dtest=SolrBackendEndToEndTest}.
 */
@QuarkusTest
@TestProfile(SolrBackendProfile.class)
@Tag("slow")
class SolrBackendEndToEndTest {

    private static final String COLLECTION = "solr-e2e";

    @Test
    void uploadAskSearchListAndDeleteOnSolrCloud() throws IOException {
        // given a document with a fact found nowhere else, uploaded through the REST API
        String marker = UUID.randomUUID().toString().substring(0, 8);
        String name = "warranty-" + marker + ".md";
        byte[] content = ("# 量子咖啡机保修说明\n\n量子咖啡机的保修期是七年，编号" + marker + "。保修期内免费更换滤网。\n")
                .getBytes(StandardCharsets.UTF_8);
        given().multiPart("file", name, content, "text/markdown")
                .when().post("/api/collections/" + COLLECTION + "/documents")
                .then().statusCode(200).body("added", equalTo(1)).body("failed.size()", equalTo(0));

        // then the collection is listed with it
        JsonNode listed = null;
        for (JsonNode c : get("/api/collections")) {
            if (c.get("name").asText().equals(COLLECTION)) {
                listed = c;
            }
        }
        assertThat(listed).as("collection listed").isNotNull();
        assertThat(listed.get("documents").asInt()).isEqualTo(1);
        assertThat(listed.get("embeddingModel").asText()).isEqualTo("bge-small-zh-v15");

        // and search finds it
        JsonNode results = post("/api/search", Map.of("query", "量子咖啡机的保修期", "collection", COLLECTION,
                "topK", 3)).get("results");
        assertThat(results.get(0).get("source").asText()).isEqualTo(name);
        assertThat(results.get(0).get("text").asText()).contains("七年");

        // and a question is answered from it, citing it
        JsonNode answer = post("/api/ask", Map.of("question", "量子咖啡机的保修期是多久？", "collection", COLLECTION));
        assertThat(answer.get("answer").asText()).contains("七年").containsPattern("\\[\\d+]");
        assertThat(answer.get("citations")).isNotEmpty();
        assertThat(answer.get("citations").findValuesAsText("source")).contains(name);

        // and /q/health names the backend and the collection
        String health = given().when().get("/q/health/ready").then().statusCode(200).extract().asString();
        assertThat(health).contains("solr").contains("collection." + COLLECTION)
                .doesNotContain(LocalSolrCloud.PASSWORD);

        // when it is deleted, then it is gone from the listing and from search
        String id = null;
        for (JsonNode d : get("/api/collections/" + COLLECTION + "/documents")) {
            if (d.get("source").asText().equals(name)) {
                id = d.get("documentId").asText();
            }
        }
        assertThat(id).as("document listed").isNotNull();
        given().when().delete("/api/collections/" + COLLECTION + "/documents/" + id).then().statusCode(204);
        assertThat(get("/api/collections/" + COLLECTION + "/documents").findValuesAsText("source"))
                .doesNotContain(name);
        List<String> after = post("/api/search", Map.of("query", "量子咖啡机的保修期", "collection", COLLECTION,
                "topK", 3)).get("results").findValuesAsText("source");
        assertThat(after).doesNotContain(name);

        // and the log names the backend but never the cluster's password
        String log = Files.readString(Path.of(SolrBackendProfile.LOG_FILE));
        assertThat(log).contains("Index backend: solr").doesNotContain(LocalSolrCloud.PASSWORD);
    }

    @Inject
    IngestionPipeline ingestion;

    /**
     * The rest of what a user does, on the cluster: {@code ingest} of a folder (as the CLI runs it), the web UI's
     * document detail and re-ingest endpoints, {@code /v1/models} and {@code /v1/chat/completions}, then
     * {@code ingest --reindex} (the same ledger again) and {@code ingest --prune} (a deleted file's document gone).
     */
    @Test
    void ingestV1UiEndpointsReindexAndPruneOnSolrCloud() throws IOException {
        String collection = "solr-e2e-ingest";
        Path dir = Path.of("target", "solr-e2e-ingest-files");
        TestFiles.deleteTree(dir);
        Files.createDirectories(dir);
        for (int i = 0; i < 3; i++) {
            Files.writeString(dir.resolve("policy-" + i + ".md"), "# 制度" + i + "\n\n星云" + i + "号卫星的设计寿命是"
                    + (i + 11) + "年。\n\n其余条款见附件" + i + "。\n");
        }
        IngestReport first = ingestion.ingest(List.of(dir), new IngestOptions(collection, null, false, false),
                IngestProgress.NONE);
        assertThat(first.added()).isEqualTo(3);
        assertThat(first.failed()).isEmpty();

        // the web UI's document list and detail, and its re-ingest of one document
        JsonNode documents = get("/api/collections/" + collection + "/documents");
        assertThat(documents).hasSize(3);
        String id = documents.get(0).get("documentId").asText();
        JsonNode detail = get("/api/collections/" + collection + "/documents/" + id);
        assertThat(detail.get("document").get("documentId").asText()).isEqualTo(id);
        assertThat(detail.get("chunks")).isNotEmpty();

        // /v1: the collection is a model id, and an extractive completion cites the cluster's passage
        assertThat(get("/v1/models").get("data").findValuesAsText("id")).contains("yunrag:" + collection);
        JsonNode completion = post("/v1/chat/completions", Map.of("model", "yunrag:" + collection,
                "messages", List.of(Map.of("role", "user", "content", "星云1号卫星的设计寿命是多少年？"))));
        JsonNode message = completion.get("choices").get(0).get("message");
        assertThat(message.get("content").asText()).contains("12年");
        assertThat(message.get("yunrag").get("citations").findValuesAsText("source"))
                .anySatisfy(source -> assertThat(source).endsWith("policy-1.md"));

        // ingest --reindex rebuilds every document: the same ledger, chunk for chunk
        Map<String, Integer> ledger = chunkCounts(collection);
        IngestReport reindex = ingestion.ingest(List.of(dir), new IngestOptions(collection, null, false, true),
                IngestProgress.NONE);
        assertThat(reindex.failed()).isEmpty();
        assertThat(reindex.unchanged()).isZero();
        assertThat(chunkCounts(collection)).isEqualTo(ledger);

        // ingest --prune drops the document whose file is gone, and search no longer finds it
        Files.delete(dir.resolve("policy-2.md"));
        IngestReport prune = ingestion.ingest(List.of(dir), new IngestOptions(collection, null, true, false),
                IngestProgress.NONE);
        assertThat(prune.deleted()).isEqualTo(1);
        assertThat(prune.unchanged()).isEqualTo(2);
        assertThat(get("/api/collections/" + collection + "/documents").findValuesAsText("source"))
                .hasSize(2).noneSatisfy(source -> assertThat(source).endsWith("policy-2.md"));
        assertThat(post("/api/search", Map.of("query", "星云2号卫星的设计寿命", "collection", collection, "topK", 3))
                .get("results").findValuesAsText("source")).noneSatisfy(s -> assertThat(s).endsWith("policy-2.md"));
    }

    private static Map<String, Integer> chunkCounts(String collection) {
        Map<String, Integer> counts = new java.util.TreeMap<>();
        get("/api/collections/" + collection + "/documents").forEach(d -> counts.put(d.get("source").asText(),
                d.get("chunkCount").asInt()));
        return counts;
    }

    static JsonNode get(String path) {
        return Json.read(given().when().get(path).then().statusCode(200).extract().asString());
    }

    static JsonNode post(String path, Map<String, ?> body) {
        return Json.read(given().contentType(ContentType.JSON).body(body).when().post(path)
                .then().statusCode(200).contentType(ContentType.JSON).extract().asString());
    }
}

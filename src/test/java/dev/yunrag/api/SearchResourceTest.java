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
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code POST /api/search}: ranked passages with their rank traces, topK and filters. */
@QuarkusTest
class SearchResourceTest {

    @Inject
    IngestionPipeline pipeline;

    @BeforeEach
    void corpus() {
        SampleCorpus.ingest(pipeline);
    }

    @Test
    void resultsAreRankedWithTracesAndSorted() {
        // when the corpus is searched for the maternity leave rule
        JsonNode result = search(Map.of("query", "产假多少天", "topK", 5));

        // then at most topK results come back, numbered 1..n, each with its ranks and scores
        assertThat(result.get("collection").asText()).isEqualTo("default");
        assertThat(result.get("reranker").asText()).isEqualTo("lexical-coverage");
        JsonNode results = result.get("results");
        assertThat(results.size()).isBetween(1, 5);
        double previous = Double.POSITIVE_INFINITY;
        for (int i = 0; i < results.size(); i++) {
            JsonNode r = results.get(i);
            assertThat(r.get("n").asInt()).isEqualTo(i + 1);
            assertThat(r.get("ranks").has("fused")).isTrue();
            assertThat(r.get("ranks").has("bm25") || r.get("ranks").has("vector")).isTrue();
            // and they are in reranked order: rerank rank = position, scores never increase
            assertThat(r.at("/ranks/rerank").asInt()).isEqualTo(i + 1);
            double score = r.at("/scores/rerank").asDouble();
            assertThat(score).isLessThanOrEqualTo(previous);
            previous = score;
        }
        // and the passage with the answer is first
        assertThat(results.get(0).get("source").asText()).isEqualTo("sample-corpus/employee-handbook.pdf");
        assertThat(results.get(0).get("text").asText()).contains("158");
        assertThat(AskResourceTest.fieldNames(result.get("timings"))).contains("bm25", "vector", "fusion", "rerank");
    }

    @Test
    void topKIsRespected() {
        assertThat(search(Map.of("query", "公司", "topK", 1)).get("results").size()).isEqualTo(1);
        assertThat(search(Map.of("query", "公司", "topK", 7)).get("results").size()).isEqualTo(7);
        assertThat(search(Map.of("query", "公司")).get("results").size()).isEqualTo(10);
    }

    @Test
    void sourcePrefixFilterKeepsOnlyMatchingDocuments() {
        JsonNode results = search(Map.of("query", "公司", "topK", 20,
                "filters", Map.of("sourcePrefix", "sample-corpus/travel"))).get("results");

        assertThat(results).isNotEmpty();
        results.forEach(r -> assertThat(r.get("source").asText()).isEqualTo("sample-corpus/travel-expense-policy.md"));
    }

    @Test
    void contentTypeFilterKeepsOnlyThatFormat() {
        JsonNode results = search(Map.of("query", "年假 工资", "topK", 20,
                "filters", Map.of("contentType", "application/pdf"))).get("results");

        assertThat(results).isNotEmpty();
        results.forEach(r -> {
            assertThat(r.get("contentType").asText()).startsWith("application/pdf");
            assertThat(r.get("page").asInt()).isBetween(1, 4);
        });
    }

    @Test
    void aFilterThatMatchesNothingGivesNoResults() {
        assertThat(search(Map.of("query", "公司", "filters", Map.of("sourcePrefix", "no-such-file")))
                .get("results")).isEmpty();
    }

    @Test
    void rejectsInvalidRequests() {
        assertProblem(Map.of("query", ""), 400, "invalid_request");
        assertProblem(Map.of("query", "x".repeat(2001)), 400, "invalid_request");
        assertProblem(Map.of("query", "公司", "topK", 0), 400, "invalid_request");
        assertProblem(Map.of("query", "公司", "topK", 101), 400, "invalid_request");
        assertProblem(Map.of("query", "公司", "collection", "no-such-collection"), 404, "unknown_collection");
        assertProblem("{\"query\": \"公司\", \"topK\": \"many\"}", 400, "invalid_json");
        assertProblem("{\"query\": ", 400, "invalid_json");
    }

    private static void assertProblem(Object body, int status, String code) {
        given().contentType(ContentType.JSON).body(body)
                .when().post("/api/search")
                .then().statusCode(status).contentType("application/problem+json").body("code", equalTo(code));
    }

    private static JsonNode search(Map<String, ?> body) {
        return Json.read(given().contentType(ContentType.JSON).body(body)
                .when().post("/api/search")
                .then().statusCode(200).extract().asString());
    }
}

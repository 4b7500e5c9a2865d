package dev.yunrag.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.yunrag.testing.Json;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Health, Prometheus metrics and the OpenAPI document. */
@QuarkusTest
class PlatformEndpointsTest {

    @Test
    void healthIsUpAndNamesTheModelImplementations() {
        // when health is asked for
        JsonNode health = Json.read(given().when().get("/q/health").then().statusCode(200)
                .body("status", equalTo("UP")).extract().asString());

        // then the index check says the data directory is writable
        JsonNode index = check(health, "index");
        assertThat(index.get("status").asText()).isEqualTo("UP");
        assertThat(index.at("/data/dataDirWritable").asBoolean()).isTrue();
        // and the models check names each model and its implementation (no 云网 API in the test profile)
        JsonNode models = check(health, "models").get("data");
        assertThat(models.get("embedding.id").asText()).isEqualTo("bge-small-zh-v15");
        assertThat(models.get("embedding").asText()).startsWith("in-process: bge-small-zh-v15");
        assertThat(models.get("embedding.loaded").asBoolean()).isTrue();
        assertThat(models.get("reranker").asText()).startsWith("embedded: lexical-coverage");
        assertThat(models.get("answer").asText()).startsWith("extractive: ");
        assertThat(models.has("embedding.breaker")).as("no remote endpoint, so no breaker").isFalse();
        assertThat(models.get("extractive.sentenceModel").asText()).contains("bge-small-zh-v15", "loaded");
    }

    @Test
    void readinessIncludesTheChecks() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", org.hamcrest.Matchers.hasItems("index", "models"));
    }

    private static JsonNode check(JsonNode health, String name) {
        for (JsonNode check : health.get("checks")) {
            if (check.get("name").asText().equals(name)) {
                return check;
            }
        }
        throw new AssertionError("no health check '" + name + "' in " + health);
    }

    @Test
    void prometheusMetricsAreServed() {
        // given at least one request has been counted
        given().when().get("/api/collections").then().statusCode(200);

        // then /q/metrics serves the Prometheus (OpenMetrics) text format, HTTP server metrics included
        given().when().get("/q/metrics")
                .then().statusCode(200)
                .body(containsString("# TYPE"))
                .body(containsString("http_server_requests_seconds_count"))
                .body(containsString("jvm_memory_used_bytes"));
    }

    @Test
    void openApiListsTheEndpoints() {
        JsonNode openapi = Json.read(given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200).extract().asString());

        assertThat(AskResourceTest.fieldNames(openapi.get("paths"))).contains("/api/ask", "/api/ask/stream",
                "/api/search", "/api/collections", "/api/collections/{collection}/documents",
                "/api/collections/{collection}/documents/{id}", "/v1/chat/completions", "/v1/models");
    }
}

package dev.yunrag.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.yunrag.testing.Json;
import dev.yunrag.testing.OpenApiDocument;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Issue 18, finding 8: the OpenAPI document did not describe the API (null in fields typed string/integer, 400, 403
 * and 404 missing, DELETE documented 200 but 204, no security scheme, limits undeclared). Real responses, happy and
 * not, are checked against {@code /q/openapi}: the status must be declared for the operation and the body must fit
 * the declared schema (types with null, required properties, nested objects and arrays, $ref): {@link OpenApiDocument}.
 * The schema-driven fuzz over every operation: {@code OpenApiFuzzTest} (slow).
 */
@QuarkusTest
class OpenApiContractTest {

    private static final String COLLECTION = "openapi-contract";
    private static JsonNode openApi;

    @org.junit.jupiter.api.BeforeEach
    void document() {
        openApi = Json.read(given().queryParam("format", "json").when().get("/q/openapi").then()
                .statusCode(200).extract().asString());
    }

    @Test
    void declaresTheKeySchemeAndTheLimits() {
        assertThat(openApi.at("/components/securitySchemes/bearer/scheme").asText()).isEqualTo("bearer");
        assertThat(openApi.at("/components/schemas/AskBody/properties/question/maxLength").asInt()).isEqualTo(2000);
        assertThat(openApi.at("/components/schemas/AskBody/properties/topK/maximum").asInt()).isEqualTo(50);
        assertThat(openApi.at("/components/schemas/SearchBody/properties/topK/maximum").asInt()).isEqualTo(100);
        assertThat(openApi.at("/paths/~1api~1collections~1{collection}~1documents~1{id}/delete/responses")
                .has("204")).isTrue();
        // the documented collection name pattern is the catalogue's rule
        java.util.regex.Pattern documented = java.util.regex.Pattern.compile(
                openApi.at("/components/schemas/AskBody/properties/collection/pattern").asText());
        for (String name : List.of("default", "hr.2025", "a-b_c", "_x", "", "a/b", "中文", "x".repeat(64),
                "x".repeat(65), "a\u0000b")) {
            boolean valid;
            try {
                dev.yunrag.index.CollectionCatalog.validName(name);
                valid = true;
            } catch (IllegalArgumentException e) {
                valid = false;
            }
            assertThat(documented.matcher(name).find()).as(name).isEqualTo(valid);
        }
    }

    @Test
    void realResponsesMatchTheDocument() {
        given().multiPart("file", "contract.md", "# 合同\n\n合同期限为三年。\n".getBytes(StandardCharsets.UTF_8),
                "text/markdown").when().post("/api/collections/" + COLLECTION + "/documents").then().statusCode(200);
        String id = CollectionsResourceTest.documentId(COLLECTION, "contract.md");
        String docs = "/api/collections/{collection}/documents";
        String doc = "/api/collections/{collection}/documents/{id}";
        Map<String, Object> search = Map.of("query", "合同期限", "collection", COLLECTION);
        List<Check> checks = List.of(
                new Check("get", "/api/collections", () -> given().when().get("/api/collections")),
                new Check("get", "/api/status", () -> given().when().get("/api/status")),
                new Check("get", docs, () -> given().when().get("/api/collections/" + COLLECTION + "/documents")),
                new Check("get", docs, () -> given().when().get("/api/collections/no-such-one/documents")),
                new Check("get", doc, () -> given().when().get("/api/collections/" + COLLECTION + "/documents/" + id)),
                new Check("get", doc, () -> given().when().get("/api/collections/" + COLLECTION + "/documents/nope")),
                new Check("post", "/api/search", () -> json(search).post("/api/search")),
                new Check("post", "/api/search", () -> json(Map.of("query", "x", "topK", 1000)).post("/api/search")),
                new Check("post", "/api/search", () -> json(Map.of("query", "x", "collection", "nope"))
                        .post("/api/search")),
                new Check("post", "/api/ask", () -> json(Map.of("question", "合同期限多久？", "collection", COLLECTION,
                        "model", "extractive")).post("/api/ask")),
                new Check("post", "/api/ask", () -> given().contentType(ContentType.JSON).body("{\"question\": true}")
                        .post("/api/ask")),
                new Check("get", "/v1/models", () -> given().when().get("/v1/models")),
                new Check("get", "/v1/models/{model}", () -> given().when().get("/v1/models/yunrag:nope")),
                new Check("post", "/v1/chat/completions", () -> json(Map.of("model", "yunrag:" + COLLECTION + ":extractive",
                        "messages", List.of(Map.of("role", "user", "content", "合同期限多久？"))))
                        .post("/v1/chat/completions")),
                new Check("delete", doc, () -> given().when()
                        .delete("/api/collections/" + COLLECTION + "/documents/" + id)));
        List<String> problems = new ArrayList<>();
        for (Check check : checks) {
            Response response = check.call().get();
            problems.addAll(check(check, response));
        }
        assertThat(problems).isEmpty();
    }

    private record Check(String method, String path, Supplier<Response> call) {
    }

    private static io.restassured.specification.RequestSpecification json(Object body) {
        return given().contentType(ContentType.JSON).body(body);
    }

    private static List<String> check(Check check, Response response) {
        return new OpenApiDocument(openApi).violations(check.method(), check.path(), response.statusCode(),
                response.contentType(), response.asString());
    }
}

package dev.yunrag.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.yunrag.testing.Json;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Issue 18, finding 8: the OpenAPI document did not describe the API (null in fields typed string/integer, 400, 403
 * and 404 missing, DELETE documented 200 but 204, no security scheme, limits undeclared). Real responses, happy and
 * not, are checked against {@code /q/openapi}: the status must be declared for the operation and the body must fit
 * the declared schema (types with null, required properties, nested objects and arrays, $ref).
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
        List<String> problems = new ArrayList<>();
        String where = check.method().toUpperCase() + " " + check.path() + " → " + response.statusCode();
        JsonNode operation = openApi.path("paths").path(check.path()).path(check.method());
        if (operation.isMissingNode()) {
            return List.of(where + ": no such operation in the document");
        }
        JsonNode declared = operation.path("responses").path(String.valueOf(response.statusCode()));
        if (declared.isMissingNode()) {
            return List.of(where + ": status not declared (declared: " + fieldNames(operation.path("responses")) + ")");
        }
        String contentType = response.contentType() == null ? "" : response.contentType().split(";")[0].strip();
        JsonNode schema = declared.path("content").path(contentType).path("schema");
        if (response.statusCode() == 204 || contentType.isEmpty()) {
            return problems;
        }
        if (schema.isMissingNode()) {
            if (!declared.path("content").isMissingNode() && !declared.path("content").isEmpty()) {
                problems.add(where + ": content type " + contentType + " not declared");
            }
            return problems;
        }
        validate(Json.read(response.asString()), schema, where + " $", problems);
        return problems;
    }

    private static void validate(JsonNode value, JsonNode schema, String at, List<String> problems) {
        if (schema.has("$ref")) {
            String name = schema.get("$ref").asText().replace("#/components/schemas/", "");
            validate(value, openApi.path("components").path("schemas").path(name), at, problems);
            return;
        }
        if (schema.has("anyOf") || schema.has("oneOf")) {
            for (JsonNode option : schema.has("anyOf") ? schema.get("anyOf") : schema.get("oneOf")) {
                List<String> attempt = new ArrayList<>();
                validate(value, option, at, attempt);
                if (attempt.isEmpty()) {
                    return;
                }
            }
            problems.add(at + ": matches none of " + (schema.has("anyOf") ? "anyOf" : "oneOf"));
            return;
        }
        if (schema.has("allOf")) {
            schema.get("allOf").forEach(part -> validate(value, part, at, problems));
        }
        List<String> types = new ArrayList<>();
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            type.forEach(t -> types.add(t.asText()));
        } else if (type.isTextual()) {
            types.add(type.asText());
        }
        if (schema.path("nullable").asBoolean(false)) {
            types.add("null");
        }
        if (!types.isEmpty() && !types.contains(typeOf(value))
                && !(typeOf(value).equals("integer") && types.contains("number"))) {
            problems.add(at + ": " + typeOf(value) + " where the document says " + types);
            return;
        }
        if (value.isObject()) {
            for (JsonNode required : schema.path("required")) {
                if (!value.has(required.asText())) {
                    problems.add(at + ": required '" + required.asText() + "' missing");
                }
            }
            JsonNode properties = schema.path("properties");
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (properties.has(field.getKey())) {
                    validate(field.getValue(), properties.get(field.getKey()), at + "." + field.getKey(), problems);
                }
            }
        } else if (value.isArray() && schema.has("items")) {
            int i = 0;
            for (JsonNode item : value) {
                validate(item, schema.get("items"), at + "[" + i++ + "]", problems);
            }
        }
    }

    private static String typeOf(JsonNode value) {
        if (value.isNull()) {
            return "null";
        }
        if (value.isIntegralNumber()) {
            return "integer";
        }
        if (value.isNumber()) {
            return "number";
        }
        if (value.isBoolean()) {
            return "boolean";
        }
        if (value.isTextual()) {
            return "string";
        }
        return value.isArray() ? "array" : "object";
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}

package dev.yunrag.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every refusal of the guards (no key 401, too weak a key 403, a body over either size limit 413, over the rate 429)
 * and every refusal of a request's form (malformed JSON, an unknown path), once on each path family: problem+json on
 * {@code /api} (and {@code /q}), OpenAI's error shape on {@code /v1}. The same status, code and headers either way;
 * the security headers on every one.
 */
@QuarkusTest
@TestProfile(GuardRefusalShapesTest.Guarded.class)
class GuardRefusalShapesTest {

    static final String ADMIN = "shapes-admin-key-00000001";
    static final String READER = "shapes-reader-key-0000002";
    /** A reader for one collection only. */
    static final String NARROW = "shapes-narrow-key-0000003";
    /** Only the rate limit test spends this key's requests. */
    static final String HURRIED = "shapes-hurried-key-000004";
    static final String NARROW_COLLECTION = "shapes-narrow";
    static final int MAX_JSON_BYTES = 2000;
    static final int MAX_BODY_BYTES = 50_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    public static class Guarded implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("yunrag.security.keys", ADMIN + ":admin," + READER + ":reader," + NARROW + ":reader:"
                            + NARROW_COLLECTION + "," + HURRIED + ":reader",
                    "yunrag.security.requests-per-minute", "30",
                    "yunrag.security.max-json-bytes", String.valueOf(MAX_JSON_BYTES),
                    "yunrag.security.max-body-bytes", String.valueOf(MAX_BODY_BYTES));
        }
    }

    @Test
    void noKeyIs401WithAChallengeInEachShape() {
        problem(given().when().get("/api/collections"), 401, "unauthorized");
        problem(given().header("Authorization", "Bearer not-one-of-ours-000000").when().get("/q/metrics"),
                401, "unauthorized");
        openAi(given().when().get("/v1/models"), 401, "unauthorized", "invalid_request_error");
        openAi(given().header("Authorization", "Bearer not-one-of-ours-000000").when().get("/v1/models"),
                401, "unauthorized", "invalid_request_error");
        for (Response refused : new Response[] {given().when().get("/api/status"),
                given().when().get("/q/metrics"), given().when().get("/v1/models")}) {
            assertThat(refused.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"yunrag\"");
        }
    }

    @Test
    void aKeyThatMayNotIs403InEachShape() {
        // the REST guard: a reader may not change a collection
        problem(as(READER).multiPart("file", "x.md", "# x\n\ny\n".getBytes(StandardCharsets.UTF_8), "text/markdown")
                .when().post("/api/collections/" + NARROW_COLLECTION + "/documents"), 403, "forbidden");
        // the platform guard: metrics need an admin key
        problem(as(READER).when().get("/q/metrics"), 403, "forbidden");
        // a key limited to one collection, asking for another
        problem(as(NARROW).when().get("/api/collections/elsewhere/documents"), 403, "forbidden");
        openAi(as(NARROW).when().get("/v1/models/yunrag:elsewhere"), 403, "forbidden", "invalid_request_error");
        assertThat(as(READER).when().get("/q/metrics").header("WWW-Authenticate")).isNull();
    }

    @Test
    void aJsonBodyOverItsLimitIs413InEachShape() {
        String big = "{\"question\": \"" + "年".repeat(MAX_JSON_BYTES) + "\"}";
        Response api = as(ADMIN).contentType("application/json").body(big).when().post("/api/ask");
        problem(api, 413, "payload_too_large");
        assertThat(api.jsonPath().getString("detail")).contains("yunrag.security.max-json-bytes");
        Response v1 = as(ADMIN).contentType("application/json").body(big).when().post("/v1/chat/completions");
        openAi(v1, 413, "payload_too_large", "invalid_request_error");
        assertThat(v1.jsonPath().getString("error.message")).contains("yunrag.security.max-json-bytes");
    }

    @Test
    void anyBodyOverTheBodyLimitIs413InEachShapeBeforeAKeyIsChecked() {
        byte[] body = new byte[MAX_BODY_BYTES + 1];
        java.util.Arrays.fill(body, (byte) 'a');
        Response api = given().contentType("text/plain").body(body).when().post("/api/collections/x/documents");
        problem(api, 413, "payload_too_large");
        assertThat(api.jsonPath().getString("detail")).contains("yunrag.security.max-body-bytes");
        assertThat(api.header("Connection")).isEqualTo("close");
        Response v1 = given().contentType("application/json").body(body).when().post("/v1/chat/completions");
        openAi(v1, 413, "payload_too_large", "invalid_request_error");
        assertThat(v1.jsonPath().getString("error.message")).contains("yunrag.security.max-body-bytes");
    }

    @Test
    void aKeyOverItsRateIs429WithRetryAfterInEachShape() {
        Response api = firstRefused(() -> as(HURRIED).when().get("/api/collections"));
        problem(api, 429, "rate_limited");
        assertThat(Long.parseLong(api.header("Retry-After"))).isBetween(1L, 60L);
        Response v1 = firstRefused(() -> as(HURRIED).when().get("/v1/models"));
        openAi(v1, 429, "rate_limited", "rate_limit_error");
        assertThat(Long.parseLong(v1.header("Retry-After"))).isBetween(1L, 60L);
    }

    @Test
    void malformedJsonIs400InEachShapeInTheWordsOfJson() {
        Response api = as(ADMIN).contentType("application/json").body("{\"question\": ").when().post("/api/ask");
        problem(api, 400, "invalid_json");
        Response v1 = as(ADMIN).contentType("application/json").body("{\"model\": \"yunrag\", \"stream\": \"often\"}")
                .when().post("/v1/chat/completions");
        openAi(v1, 400, "invalid_json", "invalid_request_error");
        // what is wrong, said in JSON's terms: not the Java types behind the request
        assertThat(v1.jsonPath().getString("error.message")).contains("'stream'").doesNotContain("java.");
    }

    @Test
    void anUnknownPathIs404InEachShape() {
        problem(as(READER).when().get("/api/no-such-endpoint"), 404, "not_found");
        Response v1 = as(READER).when().post("/v1/no-such-endpoint");
        openAi(v1, 404, "unknown_url", "invalid_request_error");
        assertThat(v1.jsonPath().getString("error.message")).contains("POST /v1/no-such-endpoint");
    }

    private static Response firstRefused(java.util.function.Supplier<Response> call) {
        for (int i = 0; i < 60; i++) {
            Response response = call.get();
            if (response.statusCode() == 429) {
                return response;
            }
            assertThat(response.statusCode()).isEqualTo(200);
        }
        throw new AssertionError("no 429 within 60 requests at 30 per minute");
    }

    private static void problem(Response response, int status, String code) {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith(ApiError.MEDIA_TYPE);
        JsonNode body = read(response);
        assertThat(body.get("type").asText()).isEqualTo("https://yunrag.dev/errors/" + code);
        assertThat(body.get("title").asText()).isNotBlank();
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("code").asText()).isEqualTo(code);
        assertThat(body.has("error")).isFalse();
        securityHeaders(response);
    }

    private static void openAi(Response response, int status, String code, String type) {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/json");
        JsonNode error = read(response).get("error");
        assertThat(error).as(response.asString()).isNotNull();
        assertThat(error.get("message").asText()).isNotBlank();
        assertThat(error.get("type").asText()).isEqualTo(type);
        assertThat(error.has("param")).isTrue();
        assertThat(error.get("param").isNull()).isTrue();
        assertThat(error.get("code").asText()).isEqualTo(code);
        securityHeaders(response);
    }

    private static void securityHeaders(Response response) {
        assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(response.header("Cache-Control")).isEqualTo("no-store");
    }

    private static JsonNode read(Response response) {
        try {
            return JSON.readTree(response.asString());
        } catch (java.io.IOException e) {
            throw new AssertionError(response.asString(), e);
        }
    }

    private static RequestSpecification as(String key) {
        return given().header("Authorization", "Bearer " + key);
    }
}

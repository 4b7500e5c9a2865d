package dev.yunrag.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Hostile request bodies against every JSON endpoint: random bytes, invalid UTF-8, truncated and deeply nested
 * documents, wrong types, unknown fields, huge histories, bodies over the size limit. Whatever comes in, the answer is
 * never a 5xx, and every error is JSON in the endpoint's own shape (problem+json on /api, OpenAI's on /v1).
 * Fixed seeds: a failure replays exactly. The default suite sends 80 mutated bodies (about 10 s here); the
 * {@code slow} variant ({@code -Dyunrag.slow=true}) 1000 more with another seed.
 */
@QuarkusTest
class HostileInputFuzzTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long SEED = 20261126L;
    private static final String[] ENDPOINTS = {"/api/ask", "/api/ask/stream", "/api/search", "/v1/chat/completions"};

    /** Valid-looking bodies, one per endpoint, that mutations start from. */
    private static final String[] SEEDS = {
        "{\"question\":\"年假有几天？\",\"model\":\"extractive\",\"topK\":3,\"history\":[{\"role\":\"user\",\"content\":\"你好\"}]}",
        "{\"question\":\"年假有几天？\",\"model\":\"extractive\"}",
        "{\"query\":\"年假\",\"topK\":5,\"filters\":{\"sourcePrefix\":\"hr/\",\"modifiedAfter\":\"2025-01-31\"}}",
        "{\"model\":\"yunrag::extractive\",\"messages\":[{\"role\":\"user\",\"content\":\"年假有几天？\"}]}",
    };

    private static final String[] WRONG_VALUES = {"\"x\"", "-1", "1e309", "9999999999999999999", "[]", "{}", "null",
        "true", "\"\\u0000\"", "\"\\ud800\"", "[[[[]]]]", "{\"a\":1}", "\"" + "长".repeat(3000) + "\"", "0.5"};

    private static final String[] FIELDS = {"question", "query", "topK", "history", "model", "collection", "filters",
        "messages", "stream", "role", "content", "modifiedAfter", "unknownField", "__proto__"};

    @Test
    void noHostileBodyGets5xxOrAnotherErrorShape() {
        fuzz(80, SEED);
    }

    @Test
    @Tag("slow")
    void noneOfAThousandMoreDoesEither() {
        fuzz(1000, SEED + 1);
    }

    private static void fuzz(int requests, long seed) {
        Random random = new Random(seed);
        List<String> failures = new ArrayList<>();
        int[] byStatus = new int[6];
        for (int i = 0; i < requests; i++) {
            int endpoint = random.nextInt(ENDPOINTS.length);
            byte[] body = mutate(SEEDS[endpoint], random);
            String path = ENDPOINTS[endpoint];
            Response response = given().contentType("application/json").body(body).when().post(path);
            byStatus[response.statusCode() / 100]++;
            String problem = check(path, response);
            if (problem != null) {
                failures.add("#" + i + " " + path + " " + preview(body) + " -> " + response.statusCode() + ": "
                        + problem);
            }
        }
        assertThat(failures).as("requests answered with 5xx or off-shape errors").isEmpty();
        assertThat(byStatus[4]).as("most hostile bodies are refused with 4xx").isGreaterThan(requests / 3);
    }

    @Test
    void fixedHostileCasesAreRefusedWith4xx() {
        String deep = "[".repeat(100_000);
        String bigHistory = "{\"question\":\"年假？\",\"model\":\"extractive\",\"history\":["
                + "{\"role\":\"user\",\"content\":\"问\"},".repeat(5000) + "{\"role\":\"user\",\"content\":\"问\"}]}";
        String oversized = "{\"question\":\"" + "长".repeat(600_000) + "\"}"; // 1.8 MB of UTF-8
        byte[] invalidUtf8 = {'{', '"', 'q', 'u', 'e', 's', 't', 'i', 'o', 'n', '"', ':', '"', (byte) 0xC3, (byte) 0x28,
            (byte) 0xFF, '"', '}'};

        for (String path : ENDPOINTS) {
            expect4xx(path, deep.getBytes(StandardCharsets.UTF_8));
            expect4xx(path, invalidUtf8);
            expect4xx(path, new byte[0]);
            expect4xx(path, "null".getBytes(StandardCharsets.UTF_8));
            Response tooBig = post(path, oversized.getBytes(StandardCharsets.UTF_8));
            assertThat(tooBig.statusCode()).as(path + " oversized").isEqualTo(413);
            assertThat(check(path, tooBig)).isNull();
            assertThat(code(path, tooBig)).isEqualTo("payload_too_large");
        }
        // 5001 history turns: accepted, only the last 20 are used (or refused on the question) - never a 5xx
        Response history = post("/api/ask", bigHistory.getBytes(StandardCharsets.UTF_8));
        assertThat(history.statusCode()).isLessThan(500);
        assertThat(check("/api/ask", history)).isNull();
        // a wrong type gets our invalid_json code, not Quarkus's own shape
        Response wrongType = post("/api/search", "{\"query\":\"年假\",\"topK\":\"many\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(wrongType.statusCode()).isEqualTo(400);
        assertThat(code("/api/search", wrongType)).isEqualTo("invalid_json");
        // a wrong content type: 415 in our shape
        Response text = given().contentType("text/plain").body("年假有几天？").when().post("/api/ask");
        assertThat(text.statusCode()).isEqualTo(415);
        assertThat(check("/api/ask", text)).isNull();
    }

    private static void expect4xx(String path, byte[] body) {
        Response response = post(path, body);
        assertThat(response.statusCode()).as(path + " " + preview(body)).isBetween(400, 499);
        assertThat(check(path, response)).as(path + " " + preview(body)).isNull();
    }

    private static Response post(String path, byte[] body) {
        return given().contentType("application/json").body(body).when().post(path);
    }

    /** Null when the response is acceptable, else what is wrong with it. */
    private static String check(String path, Response response) {
        int status = response.statusCode();
        if (status >= 500) {
            return "server error " + response.asString();
        }
        if (status < 400) {
            return null;
        }
        String code = code(path, response);
        return code == null || code.isBlank() ? "not our error shape: " + response.contentType() + " "
                + response.asString() : null;
    }

    private static String code(String path, Response response) {
        try {
            JsonNode body = JSON.readTree(response.asByteArray());
            JsonNode code = path.startsWith("/v1") ? body.path("error").path("code") : body.path("code");
            if (!path.startsWith("/v1") && !response.contentType().startsWith(ApiError.MEDIA_TYPE)) {
                return null;
            }
            return code.isTextual() ? code.asText() : null;
        } catch (Exception e) {
            return null;
        }
    }

    private static byte[] mutate(String seed, Random random) {
        String text = seed;
        switch (random.nextInt(9)) {
            case 0 -> {
                byte[] bytes = new byte[random.nextInt(200)];
                random.nextBytes(bytes);
                return bytes;
            }
            case 1 -> text = text.substring(0, random.nextInt(text.length()));
            case 2 -> {
                byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
                for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                    bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
                }
                return bytes;
            }
            case 3 -> {
                String field = FIELDS[random.nextInt(FIELDS.length)];
                text = "{\"" + field + "\":" + WRONG_VALUES[random.nextInt(WRONG_VALUES.length)] + ","
                        + text.substring(1);
            }
            case 4 -> {
                int depth = 1 + random.nextInt(3000);
                text = text.substring(0, text.length() - 1) + ",\"nested\":" + "[".repeat(depth) + "]".repeat(depth)
                        + "}";
            }
            case 5 -> text = text.replaceFirst("\"[^\"]*\"\\s*:\\s*\"[^\"]*\"",
                    "\"" + FIELDS[random.nextInt(FIELDS.length)] + "\":" + WRONG_VALUES[random.nextInt(WRONG_VALUES.length)]);
            case 6 -> {
                int at = random.nextInt(text.length());
                text = text.substring(0, at) + "\",:{}[]\\".charAt(random.nextInt(7)) + text.substring(at);
            }
            case 7 -> text = "[" + text + "]";
            default -> text = text.replace("年假有几天？", "\u0000\u202e<script>" + "问".repeat(random.nextInt(2500)));
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String preview(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        return text.length() > 80 ? text.substring(0, 80) + "…" : text;
    }
}

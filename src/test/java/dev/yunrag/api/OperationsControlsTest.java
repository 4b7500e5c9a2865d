package dev.yunrag.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.yunrag.testing.Json;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/**
 * Issue 18, "operations trusted systems offer": per-key rate limits (429 with Retry-After), keys reloaded from a
 * file without a restart, and an audit log of admin actions that names the key's label, never the key.
 */
@QuarkusTest
@TestProfile(OperationsControlsTest.Controls.class)
class OperationsControlsTest {

    static final String ADMIN = "ops-admin-key-000000000001";
    static final String LIMITED = "ops-limited-reader-key-0002";
    static final String OTHER = "ops-other-reader-key-000003";
    static final String ROTATED = "ops-rotated-reader-key-0004";
    static final Path KEYS_FILE = Path.of("target/test-ops/keys.txt").toAbsolutePath();
    static final String COLLECTION = "ops-controls";

    public static class Controls implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("yunrag.security.keys", ADMIN + ":admin," + LIMITED + ":reader," + OTHER + ":reader",
                    "yunrag.security.keys-file", KEYS_FILE.toString(),
                    "yunrag.security.requests-per-minute", "20");
        }
    }

    @Test
    void aKeyOverItsRateGets429WithRetryAfterAndOthersAreUnaffected() {
        int ok = 0;
        io.restassured.response.Response refused = null;
        for (int i = 0; i < 40 && refused == null; i++) {
            var response = given().header("Authorization", "Bearer " + LIMITED).when().get("/api/collections");
            if (response.statusCode() == 429) {
                refused = response;
            } else {
                assertThat(response.statusCode()).isEqualTo(200);
                ok++;
            }
        }
        assertThat(refused).as("refused within 40 requests").isNotNull();
        assertThat(ok).as("a minute's worth, plus what refilled meanwhile").isBetween(20, 26);
        assertThat(refused.contentType()).startsWith(ApiError.MEDIA_TYPE);
        assertThat(refused.jsonPath().getString("code")).isEqualTo("rate_limited");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 60L);
        // on /v1 in OpenAI's shape (the bucket refills one request per 3 s, so a slow machine may let one through)
        io.restassured.response.Response openAi = null;
        for (int i = 0; i < 10; i++) {
            openAi = given().header("Authorization", "Bearer " + LIMITED).when().get("/v1/models");
            if (openAi.statusCode() == 429) {
                break;
            }
        }
        assertThat(openAi.statusCode()).isEqualTo(429);
        assertThat(openAi.jsonPath().getString("error.code")).isEqualTo("rate_limited");
        assertThat(openAi.header("Retry-After")).isNotBlank();
        given().header("Authorization", "Bearer " + OTHER).when().get("/api/collections").then().statusCode(200);
    }

    @Test
    void keysInTheFileAreAddedAndRevokedWithoutARestart() throws Exception {
        Files.createDirectories(KEYS_FILE.getParent());
        Files.writeString(KEYS_FILE, "# rotated in\n" + ROTATED + ":reader\n");
        awaitStatus(ROTATED, 200);

        Files.writeString(KEYS_FILE, "# revoked\n");
        awaitStatus(ROTATED, 401);

        // a file that does not parse is refused: the keys in force stay
        Files.writeString(KEYS_FILE, ROTATED + ":reader\n");
        awaitStatus(ROTATED, 200);
        Files.writeString(KEYS_FILE, ROTATED + ":reader\nshort:admin\n");
        Thread.sleep(1500);
        given().header("Authorization", "Bearer " + ROTATED).when().get("/api/collections").then().statusCode(200);
        Files.writeString(KEYS_FILE, "");
        awaitStatus(ROTATED, 401);
        // the configured keys were never affected
        given().header("Authorization", "Bearer " + OTHER).when().get("/api/status").then().statusCode(200);
    }

    @Test
    void adminActionsAreAuditedByKeyLabelNeverBySecret() {
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger audit = java.util.logging.Logger.getLogger("yunrag.audit");
        audit.addHandler(capture);
        try {
            given().header("Authorization", "Bearer " + ADMIN)
                    .multiPart("file", "audited.md", "# 审计\n\n这份文件会被删除。\n".getBytes(StandardCharsets.UTF_8),
                            "text/markdown")
                    .when().post("/api/collections/" + COLLECTION + "/documents").then().statusCode(200);
            String id = null;
            for (var doc : Json.read(given().header("Authorization", "Bearer " + ADMIN).when()
                    .get("/api/collections/" + COLLECTION + "/documents").then().extract().asString())) {
                if (doc.get("source").asText().equals("audited.md")) {
                    id = doc.get("documentId").asText();
                }
            }
            given().header("Authorization", "Bearer " + ADMIN).when()
                    .delete("/api/collections/" + COLLECTION + "/documents/" + id).then().statusCode(204);
        } finally {
            audit.removeHandler(capture);
        }
        List<String> lines = records.stream().map(r -> r.getMessage() == null ? "" : formatted(r)).toList();
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("who=key 1", "action=upload",
                "collection=" + COLLECTION, "\"audited.md\"", "added=1"));
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("who=key 1", "action=delete",
                "\"audited.md\"", "outcome=deleted"));
        assertThat(String.join("\n", lines)).doesNotContain(ADMIN);
    }

    private static String formatted(LogRecord record) {
        return new java.util.logging.SimpleFormatter().formatMessage(record);
    }

    private static void awaitStatus(String key, int status) throws InterruptedException {
        int last = -1;
        for (int i = 0; i < 50; i++) {
            last = given().header("Authorization", "Bearer " + key).when().get("/api/collections").statusCode();
            if (last == status) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("expected " + status + " for the key, last was " + last);
    }
}

package dev.yunrag.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Issue 18, finding 3: 200 searches naming collections that did not exist answered 404 and left 200 new directories
 * under {@code data/collections/}; document GET and list, ask, {@code /v1/models/...} and chat did the same. Every
 * read of an unknown collection is now a 404 that touches nothing on disk.
 */
@QuarkusTest
class ReadsCreateNothingTest {

    private static final String MISSING = "never-created-by-reading";

    @Test
    void readsOfAnUnknownCollectionAre404AndLeaveNoDirectory() {
        given().contentType(ContentType.JSON).body(Map.of("query", "年假", "collection", MISSING))
                .when().post("/api/search").then().statusCode(404);
        given().contentType(ContentType.JSON).body(Map.of("question", "年假有几天？", "collection", MISSING))
                .when().post("/api/ask").then().statusCode(404);
        given().contentType(ContentType.JSON).body(Map.of("question", "年假有几天？", "collection", MISSING))
                .when().post("/api/ask/stream").then().statusCode(404);
        given().when().get("/api/collections/" + MISSING + "/documents").then().statusCode(404);
        given().when().get("/api/collections/" + MISSING + "/documents/some-id").then().statusCode(404);
        given().when().delete("/api/collections/" + MISSING + "/documents/some-id").then().statusCode(404);
        given().when().get("/v1/models/yunrag:" + MISSING).then().statusCode(404);
        given().contentType(ContentType.JSON).body(Map.of("model", "yunrag:" + MISSING, "messages",
                List.of(Map.of("role", "user", "content", "年假有几天？"))))
                .when().post("/v1/chat/completions").then().statusCode(404);

        Path dataDir = Path.of(ConfigProvider.getConfig().getValue("yunrag.data-dir", String.class));
        assertThat(dataDir.resolve("collections").resolve(MISSING)).doesNotExist();
        assertThat(dataDir.resolve("uploads").resolve(MISSING)).doesNotExist();
        assertThat(Files.exists(dataDir)).isTrue();
    }
}

package dev.yunrag.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import dev.yunrag.testing.Json;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** With API keys configured: who gets in, with which role, to which collections; errors in each API's own shape. */
@QuarkusTest
@TestProfile(ApiKeysTest.WithKeys.class)
public class ApiKeysTest {

    public static final String ADMIN = "test-admin-key-000000001";
    static final String READER = "test-reader-key-00000002";
    public static final String HR = "test-hr-reader-key-000003";
    public static final String HR_COLLECTION = "sec-hr";
    static final String OTHER_COLLECTION = "sec-other";
    /** A reader for the HR collection and one that does not exist yet. */
    static final String PLANNER = "test-planner-key-0000004";
    static final String PLANNED_COLLECTION = "sec-planned";
    /** An admin key limited to the HR collection. */
    public static final String HR_ADMIN = "test-hr-admin-key-0000005";

    public static class WithKeys implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("yunrag.security.keys", ADMIN + ":admin," + READER + ":reader," + HR + ":reader:" + HR_COLLECTION
                    + "," + PLANNER + ":reader:" + HR_COLLECTION + "|" + PLANNED_COLLECTION
                    + "," + HR_ADMIN + ":admin:" + HR_COLLECTION);
        }
    }

    @BeforeEach
    void collections() {
        upload(ADMIN, HR_COLLECTION, "hr-policy.md", "# 年假\n\n员工每年有十五天年假。\n").then().statusCode(200);
        upload(ADMIN, OTHER_COLLECTION, "finance.md", "# 报销\n\n报销须在三十天内提交。\n").then().statusCode(200);
    }

    @Test
    void healthAndWebUiNeedNoKey() {
        given().when().get("/q/health/live").then().statusCode(200);
        given().when().get("/").then().statusCode(200);
    }

    @Test
    void missingOrUnknownKeyIs401InProblemShape() {
        given().when().get("/api/collections").then().statusCode(401)
                .contentType(ApiError.MEDIA_TYPE).header("WWW-Authenticate", startsWith("Bearer"))
                .body("code", equalTo("unauthorized"));
        given().header("Authorization", "Bearer not-a-key-at-all-xxxx").when().get("/api/status")
                .then().statusCode(401).body("code", equalTo("unauthorized"));
        given().header("Authorization", ADMIN).when().get("/api/models")
                .then().statusCode(401).body("code", equalTo("unauthorized"));
        given().contentType(ContentType.JSON).body(Map.of("question", "年假有几天？"))
                .when().post("/api/ask").then().statusCode(401).body("code", equalTo("unauthorized"));
    }

    @Test
    void readerMayReadButNotChange() {
        as(READER).when().get("/api/collections").then().statusCode(200);
        as(READER).contentType(ContentType.JSON).body(Map.of("query", "年假", "collection", HR_COLLECTION))
                .when().post("/api/search").then().statusCode(200);
        upload(READER, HR_COLLECTION, "x.md", "# x\n\ny\n").then().statusCode(403)
                .contentType(ApiError.MEDIA_TYPE).body("code", equalTo("forbidden"));
        as(READER).when().delete("/api/collections/" + HR_COLLECTION + "/documents/whatever")
                .then().statusCode(403).body("code", equalTo("forbidden"));
    }

    @Test
    void collectionKeySeesOnlyItsCollections() {
        JsonNode list = Json.read(as(HR).when().get("/api/collections").then().statusCode(200)
                .extract().asString());
        assertThat(list.findValuesAsText("name")).containsExactly(HR_COLLECTION);
        JsonNode all = Json.read(as(ADMIN).when().get("/api/collections").then().statusCode(200)
                .extract().asString());
        assertThat(all.findValuesAsText("name")).contains(HR_COLLECTION, OTHER_COLLECTION);
        JsonNode status = Json.read(as(HR).when().get("/api/status").then().statusCode(200)
                .extract().asString());
        assertThat(status.get("collections").findValuesAsText("name")).containsExactly(HR_COLLECTION);

        as(HR).contentType(ContentType.JSON).body(Map.of("query", "年假", "collection", HR_COLLECTION))
                .when().post("/api/search").then().statusCode(200);
        as(HR).contentType(ContentType.JSON).body(Map.of("query", "报销", "collection", OTHER_COLLECTION))
                .when().post("/api/search").then().statusCode(403).body("code", equalTo("forbidden"));
        // no collection named: the default collection, which this key may not use either
        as(HR).contentType(ContentType.JSON).body(Map.of("question", "报销期限？", "model", "extractive"))
                .when().post("/api/ask").then().statusCode(403).body("code", equalTo("forbidden"));
        as(HR).contentType(ContentType.JSON).body(Map.of("question", "报销期限？", "collection", OTHER_COLLECTION))
                .when().post("/api/ask/stream").then().statusCode(403).body("code", equalTo("forbidden"));
        as(HR).when().get("/api/collections/" + OTHER_COLLECTION + "/documents").then().statusCode(403);
        as(HR).contentType(ContentType.JSON).body(Map.of("question", "年假有几天？", "collection", HR_COLLECTION,
                "model", "extractive")).when().post("/api/ask").then().statusCode(200);
    }

    @Test
    void openAiEndpointAnswersInOpenAiShape() {
        given().when().get("/v1/models").then().statusCode(401).body("error.code", equalTo("unauthorized"))
                .body("error.type", equalTo("invalid_request_error"));
        JsonNode models = Json.read(as(HR).when().get("/v1/models").then().statusCode(200)
                .extract().asString());
        List<String> ids = new ArrayList<>(models.get("data").findValuesAsText("id"));
        assertThat(ids).isNotEmpty().allMatch(id -> id.startsWith("yunrag:" + HR_COLLECTION))
                .as("plain 'yunrag' is the default collection").doesNotContain("yunrag");
        as(HR).contentType(ContentType.JSON)
                .body(Map.of("model", "yunrag:" + OTHER_COLLECTION, "messages",
                        List.of(Map.of("role", "user", "content", "报销期限？"))))
                .when().post("/v1/chat/completions").then().statusCode(403).body("error.code", equalTo("forbidden"));
        as(HR).when().get("/v1/models/yunrag:" + OTHER_COLLECTION).then().statusCode(403)
                .body("error.code", equalTo("forbidden"));
        as(HR).contentType(ContentType.JSON)
                .body(Map.of("model", "yunrag:" + HR_COLLECTION + ":extractive", "messages",
                        List.of(Map.of("role", "user", "content", "年假有几天？"))))
                .when().post("/v1/chat/completions").then().statusCode(200);
    }

    @Test
    void platformEndpointsNeedAKeyAndMetricsAnAdminKey() {
        for (String path : List.of("/q/openapi", "/q/swagger-ui", "/q/swagger-ui/", "/q/metrics", "/q/dev-ui", "/q")) {
            given().redirects().follow(false).when().get(path).then().statusCode(401)
                    .contentType(ApiError.MEDIA_TYPE).header("WWW-Authenticate", startsWith("Bearer"))
                    .body("code", equalTo("unauthorized")).body("status", equalTo(401));
            given().redirects().follow(false).header("Authorization", "Bearer not-a-key-at-all-xxxx").when()
                    .get(path).then().statusCode(401).body("code", equalTo("unauthorized"));
        }
        // the API description: any key
        as(HR).queryParam("format", "json").when().get("/q/openapi").then().statusCode(200)
                .body("paths", org.hamcrest.Matchers.hasKey("/api/ask"));
        as(READER).when().get("/q/swagger-ui/").then().statusCode(200);
        // metrics (request counts per path, which name collections): admin only
        as(READER).when().get("/q/metrics").then().statusCode(403).contentType(ApiError.MEDIA_TYPE)
                .body("code", equalTo("forbidden"));
        as(HR).when().get("/q/metrics").then().statusCode(403);
        as(ADMIN).when().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("http_server_requests_seconds_count"));
        // health stays open, all of it
        given().when().get("/q/health").then().statusCode(200);
        given().when().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void modelNotFoundNamesOnlyTheCallersCollections() {
        // a key granted a collection that does not exist yet: 404, listing only what the key may use
        String planned = as(PLANNER).when().get("/v1/models/yunrag:" + PLANNED_COLLECTION).then()
                .statusCode(404).body("error.code", equalTo("model_not_found")).extract().asString();
        assertThat(planned).contains("Collections: " + HR_COLLECTION + ".").doesNotContain(OTHER_COLLECTION);
        String plannedChat = as(PLANNER).contentType(ContentType.JSON)
                .body(Map.of("model", "yunrag:" + PLANNED_COLLECTION, "messages",
                        List.of(Map.of("role", "user", "content", "报销期限？"))))
                .when().post("/v1/chat/completions").then().statusCode(404)
                .body("error.code", equalTo("model_not_found")).extract().asString();
        assertThat(plannedChat).contains(HR_COLLECTION).doesNotContain(OTHER_COLLECTION);
        // a collection that does not exist, asked for by a key that may not use it either way: 403, not 404, so
        // that the answer does not tell which other collections exist
        as(HR).when().get("/v1/models/yunrag:no-such-collection").then().statusCode(403)
                .body("error.code", equalTo("forbidden"));
        as(HR).contentType(ContentType.JSON)
                .body(Map.of("model", "yunrag:no-such-collection", "messages",
                        List.of(Map.of("role", "user", "content", "报销期限？"))))
                .when().post("/v1/chat/completions").then().statusCode(403).body("error.code", equalTo("forbidden"))
                .body(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString(OTHER_COLLECTION)));
        // a key for every collection still gets the full list
        String all = as(READER).when().get("/v1/models/yunrag:no-such-collection").then().statusCode(404)
                .body("error.code", equalTo("model_not_found")).extract().asString();
        assertThat(all).contains(HR_COLLECTION, OTHER_COLLECTION);
    }

    static RequestSpecification as(String key) {
        return given().header("Authorization", "Bearer " + key);
    }

    static io.restassured.response.Response upload(String key, String collection, String name, String text) {
        return as(key).multiPart("file", name, text.getBytes(StandardCharsets.UTF_8), "text/markdown")
                .when().post("/api/collections/" + collection + "/documents");
    }
}

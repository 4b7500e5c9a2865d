package dev.yunrag.api.dify;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import dev.yunrag.api.ApiKeysTest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** With API keys configured, Dify's key is checked against ours and refusals carry the spec's codes. */
@QuarkusTest
@TestProfile(ApiKeysTest.WithKeys.class)
class DifyAuthorizationTest {

    private static final String REQUEST = DifyRetrievalTest.SPEC_EXAMPLE_REQUEST
            .replace("your-knowledge-id", ApiKeysTest.HR_COLLECTION).replace("What is Dify?", "年假");

    @BeforeEach
    void collection() {
        given().header("Authorization", "Bearer " + ApiKeysTest.ADMIN)
                .multiPart("file", "hr-policy.md", "# 年假\n\n员工每年有十五天年假。\n".getBytes(StandardCharsets.UTF_8),
                        "text/markdown")
                .when().post("/api/collections/" + ApiKeysTest.HR_COLLECTION + "/documents").then().statusCode(200);
    }

    @Test
    void aMissingOrMalformedHeaderIs1001With403() {
        post(given(), REQUEST).then().statusCode(403).contentType(ContentType.JSON)
                .body("error_code", equalTo(1001));
        post(given().header("Authorization", "Basic " + ApiKeysTest.HR), REQUEST).then().statusCode(403)
                .body("error_code", equalTo(1001));
        post(given().header("Authorization", "Bearer "), REQUEST).then().statusCode(403)
                .body("error_code", equalTo(1001));
    }

    @Test
    void anUnknownKeyIs1002With403() {
        post(key("not-one-of-ours-000000000"), REQUEST).then().statusCode(403).contentType(ContentType.JSON)
                .body("error_code", equalTo(1002)).body("error_msg", equalTo(
                        "Authorization failed. Please check your API key."));
    }

    @Test
    void aKeyLimitedToOtherCollectionsIs1002With403() {
        post(key(ApiKeysTest.HR), REQUEST.replace(ApiKeysTest.HR_COLLECTION, "default")).then().statusCode(403)
                .body("error_code", equalTo(1002));
    }

    @Test
    void aValidKeyForTheCollectionGetsRecords() {
        post(key(ApiKeysTest.HR), REQUEST.replace("0.5", "0.0")).then().statusCode(200)
                .body("records[0].content", org.hamcrest.Matchers.containsString("员工每年有十五天年假。"))
                .body("records[0].metadata.source", equalTo("hr-policy.md"));
    }

    @Test
    void aValidKeyAskingForAMissingKnowledgeBaseIs2001With404() {
        post(key(ApiKeysTest.ADMIN), REQUEST.replace(ApiKeysTest.HR_COLLECTION, "no-such-collection"))
                .then().statusCode(404).body("error_code", equalTo(2001));
    }

    private static RequestSpecification key(String key) {
        return given().header("Authorization", "Bearer " + key);
    }

    private static io.restassured.response.Response post(RequestSpecification request, String body) {
        return request.contentType(ContentType.JSON).body(body).when().post("/api/dify/retrieval");
    }
}

package dev.yunrag.api;

import static dev.yunrag.api.ApiKeysTest.ADMIN;
import static dev.yunrag.api.ApiKeysTest.HR;
import static dev.yunrag.api.ApiKeysTest.HR_ADMIN;
import static dev.yunrag.api.ApiKeysTest.HR_COLLECTION;
import static dev.yunrag.api.ApiKeysTest.OTHER_COLLECTION;
import static dev.yunrag.api.ApiKeysTest.as;
import static dev.yunrag.api.ApiKeysTest.upload;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 18, finding 1: {@code /q/health} was open and named every collection, its size and model, and the data
 * directory. Now it stays open but says only up or down unless an admin key asks, and a collection-limited admin key
 * sees only its collections.
 */
@QuarkusTest
@TestProfile(ApiKeysTest.WithKeys.class)
class HealthDisclosureTest {

    @BeforeEach
    void collections() {
        upload(ADMIN, HR_COLLECTION, "hr-policy.md", "# 年假\n\n员工每年有十五天年假。\n").then().statusCode(200);
        upload(ADMIN, OTHER_COLLECTION, "finance.md", "# 报销\n\n报销须在三十天内提交。\n").then().statusCode(200);
    }

    @Test
    void anonymousAndReaderCallersLearnOnlyUpOrDown() {
        for (String path : List.of("/q/health", "/q/health/ready", "/q/health/live", "/q/health/started")) {
            String anonymous = given().when().get(path).then().statusCode(200).extract().asString();
            String reader = as(HR).when().get(path).then().statusCode(200).extract().asString();
            for (String body : List.of(anonymous, reader)) {
                assertThat(body).as(path).contains("\"status\":\"UP\"")
                        .doesNotContain(HR_COLLECTION, OTHER_COLLECTION, "dataDir", "test-data", "bge-small",
                                "breaker", "\"data\"");
            }
        }
        // an unknown key is not refused (health is for load balancers) but learns no more
        assertThat(given().header("Authorization", "Bearer not-a-key-at-all-xxxx").when().get("/q/health/ready")
                .then().statusCode(200).extract().asString()).doesNotContain(HR_COLLECTION, "dataDir");
    }

    @Test
    void adminKeysSeeTheDetailsOfTheirCollectionsOnly() {
        String admin = as(ADMIN).when().get("/q/health/ready").then().statusCode(200).extract().asString();
        assertThat(admin).contains("dataDir", "collection." + HR_COLLECTION, "collection." + OTHER_COLLECTION,
                "bge-small");

        String limited = as(HR_ADMIN).when().get("/q/health/ready").then().statusCode(200).extract().asString();
        assertThat(limited).contains("dataDir", "collection." + HR_COLLECTION, "bge-small")
                .doesNotContain(OTHER_COLLECTION, "\"collections\"");
    }
}

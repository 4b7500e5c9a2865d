package dev.yunrag.e2e.solr;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * With {@code yunrag.index.backend=solr} and no cluster answering, the service still starts; a question fails at once
 * with a 503 problem naming SolrCloud and where it looked (not a hang, not a 500), and {@code /q/health} is DOWN
 * saying why. The password is in neither. (The timeout only catches a hang; it is far above the time taken.)
 * Slow-tagged with the end-to-end test: {@code ./mvnw test -Dyunrag.slow=true -Dtest=SolrClusterDownTest}.
 */
@QuarkusTest
@TestProfile(SolrClusterDownProfile.class)
@Tag("slow")
class SolrClusterDownTest {

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aQuestionIsA503ProblemNamingTheCluster() {
        String body = given().contentType(ContentType.JSON).body(Map.of("question", "量子咖啡机的保修期是多久？"))
                .when().post("/api/ask")
                .then().statusCode(503).contentType("application/problem+json")
                .body("code", equalTo("index_unavailable")).body("status", equalTo(503))
                .body("detail", containsString("SolrCloud")).body("detail", containsString(SolrClusterDownProfile.URL))
                .extract().asString();
        assertThat(body).doesNotContain(SolrClusterDownProfile.PASSWORD);

        given().contentType(ContentType.JSON).body(Map.of("query", "保修期"))
                .when().post("/api/search")
                .then().statusCode(503).body("code", equalTo("index_unavailable"));
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void healthIsDownSayingWhy() {
        String health = given().when().get("/q/health/ready").then().statusCode(503).extract().asString();

        assertThat(health).contains("DOWN").contains("SolrCloud").contains(SolrClusterDownProfile.URL)
                .doesNotContain(SolrClusterDownProfile.PASSWORD);
    }
}

package dev.yunrag.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 18, finding 7: no X-Content-Type-Options, X-Frame-Options / frame-ancestors, Content-Security-Policy or
 * Referrer-Policy, and index.html served {@code immutable, max-age=86400}, so an upgrade stayed invisible for a day.
 * (The Chromium UI tests run under the same policy, so they prove the UI still works with it.)
 */
@QuarkusTest
class SecurityHeadersTest {

    @Test
    void everyResponseCarriesTheSecurityHeaders() {
        for (Response response : List.of(given().when().get("/"), given().when().get("/index.html"),
                given().when().get("/app.js"), given().when().get("/api/collections"),
                given().when().get("/api/no-such-endpoint"), given().when().get("/v1/models"),
                given().when().get("/q/health/live"), given().when().get("/q/openapi"))) {
            assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(response.header("X-Frame-Options")).isEqualTo("DENY");
            assertThat(response.header("Referrer-Policy")).isEqualTo("no-referrer");
            assertThat(response.header("Content-Security-Policy")).contains("frame-ancestors 'none'",
                    "script-src 'self'", "object-src 'none'").doesNotContain("unsafe-inline", "unsafe-eval");
        }
        assertThat(given().when().get("/q/swagger-ui/").header("Content-Security-Policy"))
                .contains("frame-ancestors 'none'");
    }

    @Test
    void theWebUiIsRevalidatedSoAnUpgradeShowsAtOnce() {
        for (String path : List.of("/", "/index.html", "/app.js", "/app.css", "/js/api.js")) {
            Response response = given().when().get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.header("Cache-Control")).as(path).isEqualTo("no-cache");
        }
        // revalidation is cheap: an unchanged file is a 304
        String lastModified = given().when().get("/app.js").header("Last-Modified");
        if (lastModified != null) {
            given().header("If-Modified-Since", lastModified).when().get("/app.js").then().statusCode(304);
        }
        assertThat(given().when().get("/api/collections").header("Cache-Control")).isEqualTo("no-store");
    }
}

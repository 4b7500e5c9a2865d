package dev.yunrag.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 18, findings 5 and 8: malformed multipart bodies (empty, truncated, wrong boundary) answered 500
 * {@code internal_error} with a stack trace in the log; {@code {"question": true}} was accepted by coercion; 400
 * messages named Java types. Each is now a 4xx in the problem+json shape whose detail speaks JSON, not Java.
 */
@QuarkusTest
class MalformedRequestsTest {

    private static final String UPLOAD = "/api/collections/malformed-test/documents";
    private static final String PART = "--b1\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n"
            + "Content-Type: text/plain\r\n\r\nhello\r\n";

    @Test
    void malformedMultipartBodiesAre4xxProblems() {
        List<Response> responses = List.of(
                multipart("multipart/form-data; boundary=b1", ""),
                multipart("multipart/form-data; boundary=b1", PART.substring(0, 40)),
                multipart("multipart/form-data; boundary=b1", PART),
                multipart("multipart/form-data; boundary=other", PART + "--b1--\r\n"),
                multipart("multipart/form-data", PART + "--b1--\r\n"),
                multipart("multipart/form-data; boundary=b1", "garbage without any boundary"));
        for (Response response : responses) {
            assertThat(response.statusCode()).as(response.asString()).isBetween(400, 499);
            assertThat(response.contentType()).startsWith(ApiError.MEDIA_TYPE);
            assertThat(response.jsonPath().getString("code")).isNotEqualTo("internal_error");
        }
    }

    @Test
    void wrongJsonTypesAreRefusedInJsonWords() {
        for (String body : List.of("{\"question\": true}", "{\"question\": 12}", "{\"question\": \"q\", \"topK\": \"x\"}",
                "{\"question\": \"q\", \"topK\": \"5\"}", "{\"question\": {\"a\": 1}}", "{\"question\": [\"a\"]}",
                "{\"question\": \"q\", \"history\": \"not a list\"}", "[1, 2]", "{\"question\": ")) {
            String detail = given().contentType("application/json").body(body).when().post("/api/ask").then()
                    .statusCode(400).contentType(ApiError.MEDIA_TYPE).body("code", equalTo("invalid_json"))
                    .extract().path("detail");
            assertThat(detail).as(body).doesNotContain("java.", "Integer", "String", "dev.yunrag", "AskBody", "Turn",
                    "`", "Source:", "class");
        }
        String detail = given().contentType("application/json").body("{\"question\": true}").when()
                .post("/api/ask").then().statusCode(400).extract().path("detail");
        assertThat(detail).contains("question", "string");
    }

    private static Response multipart(String contentType, String body) {
        return given().contentType(contentType).body(body.getBytes(StandardCharsets.UTF_8)).when().post(UPLOAD);
    }
}

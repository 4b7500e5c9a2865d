package dev.yunrag.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Upload limits: a body over the HTTP limit gets a clear 413, a file over the ingest limit or an executable a reason. */
@QuarkusTest
@TestProfile(UploadLimitsTest.SmallLimits.class)
class UploadLimitsTest {

    private static final String COLLECTION = "upload-limits-test";

    public static class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("yunrag.security.max-body-bytes", "1048576", "yunrag.ingest.max-file-bytes", "20000");
        }
    }

    @Test
    void bodyOverTheLimitIs413InOurShape() {
        // built by hand so that it goes with a Content-Length, as browsers send FormData (RestAssured's multipart is chunked)
        String boundary = "----yunrag-limit-test";
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + 2 * 1024 * 1024 + tail.length];
        Arrays.fill(body, (byte) 'a');
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(tail, 0, body, body.length - tail.length, tail.length);

        given().contentType("multipart/form-data; boundary=" + boundary).body(body)
                .when().post("/api/collections/" + COLLECTION + "/documents")
                .then().statusCode(413).contentType(ApiError.MEDIA_TYPE).body("code", equalTo("payload_too_large"))
                .body("detail", containsString("yunrag.security.max-body-bytes"));
        given().contentType("application/json").body(body)
                .when().post("/v1/chat/completions")
                .then().statusCode(413).body("error.code", equalTo("payload_too_large"));
    }

    @Test
    void fileOverTheIngestLimitIsReportedFailedWithItsReason() {
        byte[] text = "年假规定。".repeat(3000).getBytes(StandardCharsets.UTF_8); // 45 KB
        given().multiPart("file", "long.txt", text, "text/plain")
                .when().post("/api/collections/" + COLLECTION + "/documents")
                .then().statusCode(200).body("failed.size()", equalTo(1))
                .body("failed[0].reason", containsString("over the limit"));
    }

    @Test
    void executablesAreRefusedEvenUnderADocumentName() {
        byte[] elf = new byte[4096];
        byte[] header = {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0x3e, 0, 1, 0, 0, 0};
        System.arraycopy(header, 0, elf, 0, header.length);
        byte[] pe = new byte[4096];
        pe[0] = 'M';
        pe[1] = 'Z';
        pe[0x3c] = (byte) 0x80;
        pe[0x80] = 'P';
        pe[0x81] = 'E';
        given().multiPart("file", "report.pdf", elf, "application/pdf")
                .multiPart("file", "setup.docx", pe, "application/octet-stream")
                .when().post("/api/collections/" + COLLECTION + "/documents")
                .then().statusCode(200).body("failed.size()", equalTo(2))
                .body("failed[0].reason", containsString("executable"))
                .body("failed[1].reason", containsString("executable"));
    }
}

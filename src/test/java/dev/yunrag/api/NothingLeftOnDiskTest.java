package dev.yunrag.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.yunrag.testing.Json;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Issue 18, finding 4: a deleted document's upload stayed readable in {@code data/uploads/}, a file refused as over
 * the limit stayed on disk, and multipart temp files went to the system temp dir. Now every upload that does not end
 * as a document is removed, a delete removes the file, and concurrent uploads of one name are serialised.
 */
@QuarkusTest
@TestProfile(UploadLimitsTest.SmallLimits.class)
class NothingLeftOnDiskTest {

    // A name of its own per run: the test profile's data directory outlives a run (no `clean` between two), and a file
    // indexed by an earlier run would come back "unchanged" instead of "added".
    private static final String COLLECTION = "nothing-left-" + Long.toString(System.currentTimeMillis(), 36);

    private static Path dataDir() {
        return Path.of(ConfigProvider.getConfig().getValue("yunrag.data-dir", String.class)).toAbsolutePath();
    }

    private static Path uploads() {
        return dataDir().resolve("uploads").resolve(COLLECTION);
    }

    @Test
    void refusedAndFailedUploadsLeaveNoFile() throws IOException {
        byte[] tooLong = "年假规定。".repeat(3000).getBytes(StandardCharsets.UTF_8); // over max-file-bytes (20000)
        byte[] elf = new byte[4096];
        System.arraycopy(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1}, 0, elf, 0, 7);
        given().multiPart("file", "refused-long.txt", tooLong, "text/plain")
                .multiPart("file", "refused-elf.pdf", elf, "application/pdf")
                .multiPart("file", "kept.md", "# 保留\n\n这份文件被索引。\n".getBytes(StandardCharsets.UTF_8), "text/markdown")
                .when().post("/api/collections/" + COLLECTION + "/documents")
                .then().statusCode(200).body("failed.size()", equalTo(2)).body("added", equalTo(1));

        assertThat(uploads().resolve("refused-long.txt")).doesNotExist();
        assertThat(uploads().resolve("refused-elf.pdf")).doesNotExist();
        assertThat(uploads().resolve("kept.md")).exists();
        // the multipart temp files live under the data directory and are gone when the request ends
        assertThat(dataDir().resolve("tmp/http-uploads")).isDirectory();
        // (removed as the request ends, which may be just after the client has read the response)
        Path spool = dataDir().resolve("tmp/http-uploads");
        for (int i = 0; i < 50 && !filesIn(spool).isEmpty(); i++) {
            sleepBriefly();
        }
        assertThat(filesIn(spool)).isEmpty();
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void deletingADocumentDeletesItsUpload() {
        given().multiPart("file", "to-delete.md", "# 删除\n\n这份文件会被删除。\n".getBytes(StandardCharsets.UTF_8),
                "text/markdown").when().post("/api/collections/" + COLLECTION + "/documents")
                .then().statusCode(200).body("added", equalTo(1));
        assertThat(uploads().resolve("to-delete.md")).exists();

        String id = idOf("to-delete.md");
        given().when().delete("/api/collections/" + COLLECTION + "/documents/" + id).then().statusCode(204);

        assertThat(uploads().resolve("to-delete.md")).doesNotExist();
    }

    @Test
    void concurrentUploadsOfOneNameLeaveFileAndIndexAgreeing() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            String run = java.util.UUID.randomUUID().toString().substring(0, 8);
            List<Future<JsonNode>> reports = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String body = "# 版本\n\n这是第" + i + "版，编号 v" + i + "x" + run + "。\n";
                Callable<JsonNode> upload = () -> Json.read(given().multiPart("file", "same-name.md",
                                body.getBytes(StandardCharsets.UTF_8), "text/markdown")
                        .when().post("/api/collections/" + COLLECTION + "/documents").then().statusCode(200)
                        .extract().asString());
                reports.add(pool.submit(upload));
            }
            // each upload indexed its own content: none found its file already replaced by another's version
            int indexed = 0;
            for (Future<JsonNode> report : reports) {
                JsonNode r = report.get();
                assertThat(r.get("unchanged").asInt()).as("unchanged in %s", r).isZero();
                indexed += r.get("added").asInt() + r.get("updated").asInt();
            }
            assertThat(indexed).isEqualTo(8);
        } finally {
            pool.shutdownNow();
        }
        // and the file on disk is the version the index holds
        String onDisk = Files.readString(uploads().resolve("same-name.md"));
        JsonNode document = AskResourceTest.get("/api/collections/" + COLLECTION + "/documents/" + idOf("same-name.md"));
        String version = onDisk.replaceAll("(?s).*编号 (v\\d+x\\w+).*", "$1");
        assertThat(document.get("chunks").get(0).get("text").asText()).contains(version);
    }

    private static String idOf(String source) {
        JsonNode documents = AskResourceTest.get("/api/collections/" + COLLECTION + "/documents");
        for (JsonNode document : documents) {
            if (document.get("source").asText().equals(source)) {
                return document.get("documentId").asText();
            }
        }
        throw new AssertionError("no document " + source + " in " + documents);
    }

    private static List<Path> filesIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }
}

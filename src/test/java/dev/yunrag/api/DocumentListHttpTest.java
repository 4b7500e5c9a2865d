package dev.yunrag.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.yunrag.index.CollectionCatalog;
import dev.yunrag.ingest.IngestOptions;
import dev.yunrag.ingest.IngestProgress;
import dev.yunrag.ingest.IngestionPipeline;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The document list's search, sort and pages over HTTP, and re-ingesting one document from a differently named copy. */
@QuarkusTest
class DocumentListHttpTest {

    static final String COLLECTION = "list-http-test";

    @Inject
    IngestionPipeline pipeline;

    @Inject
    CollectionCatalog collections;

    @AfterEach
    void drop() {
        collections.drop(COLLECTION);
    }

    private Path folder(int documents) throws IOException {
        Path dir = Files.createTempDirectory("yunrag-list").resolve("notes");
        Files.createDirectories(dir);
        for (int i = 1; i <= documents; i++) {
            Files.writeString(dir.resolve(String.format("note-%02d.md", i)),
                    String.format("# Note %02d\n\nThe content of note %d.\n", i, i), StandardCharsets.UTF_8);
        }
        assertThat(pipeline.ingest(List.of(dir), new IngestOptions(COLLECTION, null, false, false),
                IngestProgress.NONE).added()).isEqualTo(documents);
        return dir;
    }

    @Test
    void pagesCarryTheTotalInAHeaderAndBadParametersAreClearErrors() throws IOException {
        folder(12);
        String path = "/api/collections/" + COLLECTION + "/documents";

        Response all = given().get(path);
        all.then().statusCode(200).header("X-Total-Count", "12");
        assertThat(all.jsonPath().getList("source")).hasSize(12);

        Response page = given().queryParam("q", "NOTE-1").queryParam("sort", "title").queryParam("order", "desc")
                .queryParam("offset", 1).queryParam("limit", 2).get(path);
        page.then().statusCode(200).header("X-Total-Count", "3"); // note-10, note-11, note-12
        assertThat(page.jsonPath().getList("title", String.class)).containsExactly("Note 11", "Note 10");

        given().queryParam("sort", "colour").get(path).then().statusCode(400)
                .body("detail", org.hamcrest.Matchers.containsString("title, source"));
        given().queryParam("limit", 0).get(path).then().statusCode(400);
    }

    @Test
    void reingestFromACopyReplacesTheDocumentItWasCalledFor() throws IOException {
        folder(2);
        String path = "/api/collections/" + COLLECTION + "/documents";
        String id = given().queryParam("q", "note-01").get(path).jsonPath().getString("[0].documentId");

        given().multiPart("file", "whatever-name.md", "# Note 01\n\nThe new content: code 5150-XK.\n"
                        .getBytes(StandardCharsets.UTF_8), "text/markdown")
                .post(path + "/" + id).then().statusCode(200).body("failed.size()", equalTo(0));

        List<String> sources = given().get(path).jsonPath().getList("source");
        assertThat(sources).hasSize(2).noneMatch(s -> s.contains("whatever-name"));
        // the folder's document became the upload of the same name, holding the new text
        String newId = given().queryParam("q", "note-01").get(path).jsonPath().getString("[0].documentId");
        assertThat(given().get(path + "/" + newId).jsonPath().getString("chunks[0].text")).contains("5150-XK");

        given().multiPart("file", "x.md", "text".getBytes(StandardCharsets.UTF_8), "text/markdown")
                .post(path + "/no-such-document").then().statusCode(404).body("code", equalTo("unknown_document"));
    }
}

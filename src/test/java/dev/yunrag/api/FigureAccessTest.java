package dev.yunrag.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.yunrag.ingest.image.ScannedFixtures;
import dev.yunrag.testing.Json;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A figure's thumbnail is guarded like its document: the same API keys, and only for a key allowed a collection that
 * holds a document read from that figure (another collection's key gets the same 404 as an unknown figure).
 */
@QuarkusTest
@TestProfile(ApiKeysTest.WithKeys.class)
class FigureAccessTest {

    @Test
    void thumbnailNeedsAKeyForACollectionHoldingTheFigure() throws Exception {
        // given a scanned page in the "other" collection, which the HR key may not use
        Path pdf = Files.createTempFile("scan", ".pdf");
        ScannedFixtures.imageOnlyPdf(pdf, List.of(ScannedFixtures.page("报销须附发票原件。")));
        // a name of its own per run: the profile's data directory outlives a run, and a re-upload is not "added"
        String name = "receipts-" + java.util.UUID.randomUUID() + ".pdf";
        ApiKeysTest.as(ApiKeysTest.ADMIN).multiPart("file", name, Files.readAllBytes(pdf), "application/pdf")
                .when().post("/api/collections/" + ApiKeysTest.OTHER_COLLECTION + "/documents")
                .then().statusCode(200).body("added", equalTo(1));
        JsonNode results = Json.read(ApiKeysTest.as(ApiKeysTest.READER).contentType(ContentType.JSON)
                .body(Map.of("query", "报销发票", "collection", ApiKeysTest.OTHER_COLLECTION))
                .when().post("/api/search").then().statusCode(200).extract().asString()).get("results");
        String thumbnail = null;
        for (JsonNode result : results) {
            // an identical page uploaded by an earlier run is collapsed with this one as a near-duplicate: either will do
            if (result.get("source").asText().startsWith("receipts") && result.at("/figures/0").isObject()) {
                thumbnail = result.at("/figures/0/thumbnail").asText();
            }
        }
        assertThat(thumbnail).as("a figure in " + results).startsWith("/api/figures/");

        // a key for that collection gets it; no key is a 401; a key for other collections only is a 404
        ApiKeysTest.as(ApiKeysTest.READER).when().get(thumbnail).then().statusCode(200).contentType("image/jpeg");
        RestAssured.given().when().get(thumbnail).then().statusCode(401);
        ApiKeysTest.as(ApiKeysTest.HR).when().get(thumbnail).then().statusCode(404)
                .body("code", equalTo("unknown_figure"));
    }
}

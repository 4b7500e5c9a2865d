package dev.yunrag.ui;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The status and model-picker endpoints behind the web UI, on the embedded defaults (no 云网 endpoint). */
@QuarkusTest
class StatusApiTest {

    @Test
    void statusShowsEmbeddedModeAndTheModelsInUse() {
        given().when().get("/api/status").then().statusCode(200)
                .body("mode", equalTo("embedded"))
                .body("version", notNullValue())
                .body("dataDir", containsString("test-data"))
                .body("models.find { it.role == 'embedding' }.name", equalTo("bge-small-zh-v15"))
                .body("models.find { it.role == 'embedding' }.dimension", equalTo(512))
                .body("models.find { it.role == 'embedding' }.available", equalTo(true))
                .body("models.find { it.role == 'reranker' }.name", equalTo("lexical-coverage"))
                .body("models.find { it.role == 'answer' }.name", equalTo("extractive"))
                .body("answerModels", hasItem("extractive"));
    }

    @Test
    void modelPickerOffersExtractiveWithoutAChatEndpoint() {
        given().when().get("/api/models").then().statusCode(200)
                .body("models", equalTo(java.util.List.of("extractive")))
                .body("defaultModel", equalTo("extractive"))
                .body("mode", equalTo("embedded"));
    }

    @Test
    void readinessCarriesTheIndexStatus() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'index' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'index' }.data.dataDirWritable", equalTo(true));
    }

    @Test
    void theWebUiIsServedAtTheRoot() {
        given().when().get("/").then().statusCode(200)
                .body(containsString("<script type=\"module\" src=\"app.js\"></script>"));
        given().when().get("/i18n.js").then().statusCode(200).body(containsString("'tab.search'"));
    }
}

package dev.yunrag.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.yunrag.embed.EmbedderRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A status call describes the in-process embedding model without loading it (~320 MB of heap and seconds of start):
 * on a server that loads it on first use, {@code /api/status} and {@code /api/models} leave it unloaded.
 */
@QuarkusTest
@TestProfile(StatusWithoutLoadingTest.LoadedOnFirstUse.class)
class StatusWithoutLoadingTest {

    public static class LoadedOnFirstUse implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("yunrag.embedding.eager-load", "false", "yunrag.data-dir", "target/test-data-status-lazy");
        }
    }

    @Inject
    EmbedderRegistry embedders;

    @Test
    void statusOnAFreshServerDoesNotLoadTheInProcessEmbeddingModel() {
        // given a fresh server that loads the model on first use
        assertThat(embedders.isLoaded(EmbedderRegistry.BGE_SMALL_ZH)).isFalse();

        // when the status page and the model picker are asked
        given().when().get("/api/status").then().statusCode(200)
                .body("models.find { it.role == 'embedding' }.name", equalTo("bge-small-zh-v15"))
                .body("models.find { it.role == 'embedding' }.dimension", equalTo(512))
                .body("models.find { it.role == 'embedding' }.available", equalTo(true))
                .body("models.find { it.role == 'embedding' }.detail", equalTo("loaded on first use"));
        given().when().get("/api/models").then().statusCode(200);

        // then the model is still not loaded
        assertThat(embedders.isLoaded(EmbedderRegistry.BGE_SMALL_ZH)).isFalse();
    }
}

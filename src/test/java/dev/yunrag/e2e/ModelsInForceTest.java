package dev.yunrag.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.yunrag.app.ModelsInForce;
import dev.yunrag.embed.EmbedderRegistry;
import dev.yunrag.index.CollectionCatalog;
import dev.yunrag.ingest.IngestOptions;
import dev.yunrag.ingest.IngestProgress;
import dev.yunrag.ingest.IngestReport;
import dev.yunrag.ingest.IngestionPipeline;
import dev.yunrag.testing.Json;
import dev.yunrag.testing.SampleCorpus;
import dev.yunrag.yunwang.YunwangClients;
import dev.yunrag.yunwang.YunwangStub;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the operator is told about the models in use (start-up log, {@code /q/health}), and what happens to a
 * collection built with the in-process model once the remote embedding endpoint is configured.
 */
@QuarkusTest
@TestProfile(E2eProfile.class)
class ModelsInForceTest {

    private static final String REMOTE = "BAAI/bge-large-zh-v1.5";

    @InjectStub
    YunwangStub stub;

    @Inject
    YunwangClients clients;

    @Inject
    IngestionPipeline pipeline;

    @Inject
    CollectionCatalog collections;

    @Inject
    ModelsInForce models;

    @BeforeEach
    void ready() throws InterruptedException {
        StubState.reset(stub, clients);
        stub.clearReceived();
    }

    @Test
    void startUpLogSaysWhichImplementationServesEachModelWithoutTheKey() throws IOException {
        String log = Files.readString(Path.of(E2eProfile.LOG_FILE), StandardCharsets.UTF_8);
        List<String> lines = log.lines().filter(l -> l.contains("Model in use:")).toList();

        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).contains("embedding").contains("remote").contains(REMOTE + " (1024 dims)");
        assertThat(lines.get(1)).contains("reranker").contains("remote").contains("BAAI/bge-reranker-v2-m3");
        assertThat(lines.get(2)).contains("answer").contains("remote").contains("TianQing-72B [default]")
                .contains("DeepSeek-R1-32B").contains("extractive if it fails");
        assertThat(log).contains("key=***").doesNotContain(YunwangStubResource.KEY);
    }

    @Test
    void healthReportsEachModelAndItsBreaker() {
        String text = given().when().get("/q/health").then().statusCode(200).extract().asString();
        JsonNode health = Json.read(text);

        assertThat(health.path("status").asText()).isEqualTo("UP");
        JsonNode data = null;
        for (JsonNode check : health.path("checks")) {
            if (check.path("name").asText().equals("models")) {
                data = check.path("data");
            }
        }
        assertThat(data).isNotNull();
        assertThat(data.path("embedding").asText()).startsWith("remote: " + REMOTE + " (1024 dims)");
        assertThat(data.path("embedding.breaker").asText()).isEqualTo("CLOSED");
        assertThat(data.path("reranker").asText()).startsWith("remote: BAAI/bge-reranker-v2-m3");
        assertThat(data.path("reranker.breaker").asText()).isEqualTo("CLOSED");
        assertThat(data.path("answer").asText()).startsWith("remote: ").contains("TianQing-72B [default]");
        assertThat(data.path("answer.breaker").asText()).isEqualTo("CLOSED");
        assertThat(text).doesNotContain(YunwangStubResource.KEY);
    }

    @Test
    void aCollectionBuiltInProcessKeepsItsModelUntilReindexed() {
        // given: a collection built with the in-process 512-d model (as before the endpoint was configured)
        String collection = "e2e-small";
        IngestReport built = pipeline.ingest(List.of(SampleCorpus.document("travel-expense-policy.md")),
                new IngestOptions(collection, EmbedderRegistry.BGE_SMALL_ZH, false, false), IngestProgress.NONE);
        assertThat(built.failed()).isEmpty();
        assertThat(collections.find(collection).orElseThrow().settings().dimension()).isEqualTo(512);
        assertThat(stub.received(YunwangStub.EMBEDDINGS)).isEmpty();

        // when it is queried: its own in-process model embeds the query, not the remote one
        String text = given().contentType(ContentType.JSON)
                .body(Map.of("query", "出差住宿标准", "collection", collection))
                .when().post("/api/search").then().statusCode(200).extract().asString();
        JsonNode search = Json.read(text);
        assertThat(search.path("warnings")).isEmpty();
        assertThat(search.path("results").get(0).path("ranks").has("vector")).isTrue();
        assertThat(stub.received(YunwangStub.EMBEDDINGS)).isEmpty();

        // and ingestion without naming a model keeps the collection's own model too
        IngestReport more = pipeline.ingest(List.of(SampleCorpus.document("customer-faq-en.md")),
                new IngestOptions(collection, null, false, false), IngestProgress.NONE);
        assertThat(more.failed()).isEmpty();
        assertThat(more.added()).isEqualTo(1);
        assertThat(stub.received(YunwangStub.EMBEDDINGS)).isEmpty();
        // the operator is told which collections keep another model, and how to switch
        assertThat(models.collectionNotes()).anyMatch(note -> note.contains("'" + collection + "'")
                && note.contains("bge-small-zh-v15 (512 dims, in process)") && note.contains("--reindex"));

        // when the remote model is asked for without --reindex: refused with the command to re-ingest
        assertThatThrownBy(() -> pipeline.ingest(List.of(SampleCorpus.document("customer-faq-en.md")),
                new IngestOptions(collection, REMOTE, false, false), IngestProgress.NONE))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("built with embedding model bge-small-zh-v15 (512 dims)")
                .hasMessageContaining("ingest --reindex --embedding-model " + REMOTE);
        assertThat(collections.find(collection).orElseThrow().settings().dimension()).isEqualTo(512);

        // and with --reindex the collection is rebuilt with the remote 1024-d model
        IngestReport rebuilt = pipeline.ingest(List.of(SampleCorpus.document("travel-expense-policy.md"),
                SampleCorpus.document("customer-faq-en.md")), new IngestOptions(collection, REMOTE, false, true),
                IngestProgress.NONE);
        assertThat(rebuilt.failed()).isEmpty();
        assertThat(rebuilt.documents()).isEqualTo(2);
        assertThat(collections.find(collection).orElseThrow().settings().embeddingModel()).isEqualTo(REMOTE);
        assertThat(collections.find(collection).orElseThrow().settings().dimension()).isEqualTo(1024);
        assertThat(stub.received(YunwangStub.EMBEDDINGS)).isNotEmpty();
        assertThat(models.collectionNotes()).noneMatch(note -> note.contains("'" + collection + "'"));
    }
}

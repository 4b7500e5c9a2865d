package dev.yunrag.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.yunrag.faults.FaultingYunwang;
import dev.yunrag.ingest.IngestOptions;
import dev.yunrag.ingest.IngestProgress;
import dev.yunrag.ingest.IngestReport;
import dev.yunrag.ingest.IngestionPipeline;
import dev.yunrag.testing.SampleCorpus;
import dev.yunrag.yunwang.YunwangClients;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short burst of 429s at question and ingestion time, under the question deadline as shipped (30 s): back-pressure
 * slows answers and files down and fails none of them. (Under {@link FaultsUserSeesTest}'s 3 s test deadline a
 * 2.5 s burst with {@code Retry-After: 1} leaves a question no time for its chat call, which is then rightly a
 * deadline fallback; that is not what this test is about.)
 */
@QuarkusTest
@TestProfile(FaultingYunwangResource.DefaultsProfile.class)
class BurstOf429Test {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String QUESTION = "公司每月几号发放工资？";

    @Inject
    IngestionPipeline pipeline;

    @Inject
    YunwangClients clients;

    private FaultingYunwang api;

    @BeforeEach
    void ready() {
        api = FaultingYunwangResource.api;
        IngestReport report = pipeline.ingest(List.of(SampleCorpus.DIR),
                new IngestOptions(FaultingYunwangResource.COLLECTION, null, false, false), IngestProgress.NONE);
        assertThat(report.failed()).isEmpty();
        api.clearReceived();
    }

    @Test
    void burstOf429LosesNoFileAndDegradesNoAnswer(@TempDir Path folder) throws Exception {
        for (int i = 0; i < 6; i++) {
            Files.writeString(folder.resolve("notice-" + i + ".txt"), "第" + i + "号通知：员工每年体检一次，费用由公司承担。"
                    + "体检安排在每年" + (i + 3) + "月。");
        }
        api.retryAfter("1");
        for (String path : List.of(FaultingYunwang.CHAT, FaultingYunwang.EMBEDDINGS, FaultingYunwang.RERANK)) {
            api.rateLimitFor(path, 2500);
        }
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            Future<IngestReport> ingest = pool.submit(() -> pipeline.ingest(List.of(folder),
                    new IngestOptions("faults-burst", null, false, false), IngestProgress.NONE));
            List<Future<JsonNode>> answers = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                answers.add(pool.submit(() -> ask(Map.of("question", QUESTION))));
            }
            IngestReport report = ingest.get(120, TimeUnit.SECONDS);
            assertThat(report.failed()).as("no file lost to the burst").isEmpty();
            assertThat(report.added()).isEqualTo(6);
            for (Future<JsonNode> future : answers) {
                JsonNode answer = future.get(120, TimeUnit.SECONDS);
                assertThat(answer.path("mode").asText()).as(answer.toString()).isEqualTo("generative");
                assertThat(answer.path("warnings")).as("no answer degraded by the burst").isEmpty();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(api.rateLimitedCount()).as("the burst was felt").isPositive();
        assertThat(clients.breakerStates().values()).containsOnly("CLOSED");
    }

    private static JsonNode ask(Map<String, Object> body) {
        try {
            return JSON.readTree(given().contentType(ContentType.JSON).body(body).when().post("/api/ask")
                    .then().statusCode(200).extract().asString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

package dev.yunrag.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.yunrag.faults.FaultingYunwang;
import dev.yunrag.faults.FaultingYunwang.Fault;
import dev.yunrag.ingest.IngestOptions;
import dev.yunrag.ingest.IngestProgress;
import dev.yunrag.ingest.IngestReport;
import dev.yunrag.ingest.IngestionPipeline;
import dev.yunrag.testing.SampleCorpus;
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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two measurements of issue 11, with the service's shipped defaults (30 s question budget, breaker, retries)
 * against the independent {@link FaultingYunwang}; the numbers and the command are in docs/yunwang-client.md.
 * Run: {@code ./mvnw -B test -Dyunrag.slow=true -Dtest=FaultMeasurementsTest}.
 */
@QuarkusTest
@TestProfile(FaultingYunwangResource.DefaultsProfile.class)
@Tag("slow")
class FaultMeasurementsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> QUESTIONS = List.of("公司每月几号发放工资？", "员工每年有多少天年假？",
            "加班费怎么计算？", "试用期多长？", "报销需要哪些材料？");

    @Inject
    IngestionPipeline pipeline;

    private FaultingYunwang api;

    @BeforeEach
    void ready() {
        api = FaultingYunwangResource.api;
        api.heal();
        IngestReport report = pipeline.ingest(List.of(SampleCorpus.DIR),
                new IngestOptions(FaultingYunwangResource.COLLECTION, null, false, false), IngestProgress.NONE);
        assertThat(report.failed()).isEmpty();
        api.clearReceived();
    }

    @Test
    void hungChatEndpointToFallbackAnswer() {
        api.fault(FaultingYunwang.CHAT, Fault.HANG);
        long start = System.nanoTime();
        JsonNode answer = ask(QUESTIONS.getFirst());
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("MEASURE hung chat endpoint → fallback answer: %d ms (mode %s, codes %s, stages ms %s)%n",
                millis, answer.path("mode").asText(), answer.path("warningCodes"), answer.path("timings"));
        // The time is the measurement (docs/yunwang-client.md), not an assertion: it depends on the machine's load.
        assertThat(answer.path("mode").asText()).isEqualTo("extractive");
        assertThat(texts(answer.path("warningCodes"))).contains("deadline");
    }

    @Test
    void tenSecondBurstOf429sAtTwentyQuestionsAndAnIngest(@TempDir Path folder) throws Exception {
        for (int i = 0; i < 20; i++) {
            Files.writeString(folder.resolve("notice-" + i + ".txt"), ("第" + i + "号通知：员工每年体检一次，费用由公司承担。"
                    + "体检安排在每年" + (i % 12 + 1) + "月，地点另行通知。").repeat(20));
        }
        api.retryAfter("1");
        for (String path : List.of(FaultingYunwang.CHAT, FaultingYunwang.EMBEDDINGS, FaultingYunwang.RERANK)) {
            api.rateLimitFor(path, 10_000);
        }
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(21);
        int degraded = 0;
        long slowest = 0;
        IngestReport report;
        try {
            Future<IngestReport> ingest = pool.submit(() -> pipeline.ingest(List.of(folder),
                    new IngestOptions("faults-burst-20", null, false, false), IngestProgress.NONE));
            List<Future<long[]>> answers = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String question = QUESTIONS.get(i % QUESTIONS.size());
                answers.add(pool.submit(() -> {
                    long t0 = System.nanoTime();
                    JsonNode answer = ask(question);
                    boolean bad = !"generative".equals(answer.path("mode").asText())
                            || !answer.path("warnings").isEmpty();
                    if (bad) {
                        System.out.println("MEASURE degraded answer: " + answer.path("warnings"));
                    }
                    return new long[] {bad ? 1 : 0, (System.nanoTime() - t0) / 1_000_000};
                }));
            }
            report = ingest.get(10, TimeUnit.MINUTES);
            for (Future<long[]> future : answers) {
                long[] result = future.get(10, TimeUnit.MINUTES);
                degraded += (int) result[0];
                slowest = Math.max(slowest, result[1]);
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.printf("MEASURE 10 s burst of 429 (Retry-After: 1) on chat, embeddings and rerank, 20 concurrent "
                + "questions + ingest of 20 files: answers degraded %d of 20, files failed %d of 20, 429s answered %d,"
                + " slowest answer %d ms, all done after %d ms%n", degraded, report.failed().size(),
                api.rateLimitedCount(), slowest, (System.nanoTime() - start) / 1_000_000);
        assertThat(report.failed()).isEmpty();
        assertThat(degraded).isZero();
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }

    private static JsonNode ask(String question) {
        try {
            // Longer than RestAssured's default read timeout: a slow answer is what is being measured.
            var patient = io.restassured.RestAssured.config().httpClient(io.restassured.config.HttpClientConfig
                    .httpClientConfig().setParam("http.socket.timeout", 180_000));
            return JSON.readTree(given().config(patient).contentType(ContentType.JSON).body(Map.of("question", question))
                    .when().post("/api/ask").then().statusCode(200).extract().asString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

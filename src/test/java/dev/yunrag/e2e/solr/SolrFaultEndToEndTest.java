package dev.yunrag.e2e.solr;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.yunrag.index.ChunkIndex;
import dev.yunrag.index.CollectionCatalog;
import dev.yunrag.index.IndexView;
import dev.yunrag.index.IndexedDocument;
import dev.yunrag.index.solr.LocalSolrCloud;
import dev.yunrag.ingest.IngestOptions;
import dev.yunrag.ingest.IngestProgress;
import dev.yunrag.ingest.IngestReport;
import dev.yunrag.ingest.IngestionPipeline;
import dev.yunrag.retrieve.BranchFailure;
import dev.yunrag.testing.Json;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import dev.yunrag.testing.TestFiles;

/**
 * Issue 14's fault runs, through the real service on a real two-node SolrCloud (2 shards x 2 replicas): {@code kill -9}
 * of one node while 10 clients ask and search and one ingest runs; one node paused (SIGSTOP, a hung JVM) so that
 * Solr requests time out; the whole cluster killed and brought back. Each phase leaves the cluster whole for the next.
 * The numbers are printed (docs/scale-out.md, docs/reliability.md quote them). Slow (a cluster of its own):
 * {@code ./mvnw test -Dyunrag.slow=true -Dtest=SolrFaultEndToEndTest}.
 */
@QuarkusTest
@TestProfile(SolrFaultProfile.class)
@Tag("slow")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SolrFaultEndToEndTest {

    private static final String CLEAN = "faults-clean";
    private static final String INGESTED = "faults-ingested";
    private static final int DOCUMENTS = 16;
    private static final int CLIENTS = 10;

    @InjectSolrCloud
    LocalSolrCloud cloud;

    @Inject
    IngestionPipeline ingestion;

    @Inject
    CollectionCatalog collections;

    private static final Path CORPUS = Path.of("target", "solr-faults-corpus");

    static {
        TestFiles.deleteTree(CORPUS); // a corpus of an earlier run would be reused as it is
    }

    @Test
    @Order(1)
    void killingANodeWhileTenClientsAskAndOneIngestsFailsNoQuestionAndLosesNothing() throws Exception {
        ingestClean();
        Map<String, Integer> expectedLedger = ledger(CLEAN);
        assertThat(expectedLedger).hasSize(DOCUMENTS);
        Map<Integer, Boolean> citedWhenHealthy = new TreeMap<>();
        for (int i = 0; i < DOCUMENTS; i++) {
            citedWhenHealthy.put(i, citesItsDocument(ask(i), i));
        }

        // when 10 clients ask and search the clean collection, one ingest fills another, and node 2 is killed -9
        Clients clients = new Clients();
        clients.start();
        CountDownLatch ingestStarted = new CountDownLatch(3);
        CompletableFuture<IngestReport> faulted = CompletableFuture.supplyAsync(() -> ingestion.ingest(
                List.of(CORPUS), new IngestOptions(INGESTED, null, false, false), new IngestProgress() {
                    @Override
                    public void fileDone(String source, long bytes, int chunks) {
                        ingestStarted.countDown();
                    }
                }));
        ingestStarted.await(5, TimeUnit.MINUTES);
        long killedAt = System.nanoTime();
        cloud.killNode(1);
        clients.markKill(killedAt);
        IngestReport first;
        String ingestOutcome;
        try {
            first = faulted.get(10, TimeUnit.MINUTES);
            ingestOutcome = "finished: " + first.added() + " added, " + first.failed().size() + " failed";
        } catch (Exception e) {
            first = null;
            ingestOutcome = "stopped: " + e.getMessage();
        }
        Thread.sleep(5_000); // clients keep asking with the node dead
        clients.stop();
        double secondsDead = (System.nanoTime() - killedAt) / 1e9;
        cloud.restartNode(1);
        cloud.awaitAllReplicasActive(CLEAN, INGESTED);

        System.out.printf("fault run: %d questions and searches (%d during the %.1f s with node 2 dead), %d failed;"
                        + " latency during the kill p50 %.0f ms, max %.0f ms (before it p50 %.0f ms); ingest %s%n",
                clients.total(), clients.duringKill(), secondsDead, clients.failures(), clients.percentile(true, 50),
                clients.percentile(true, 100), clients.percentile(false, 50), ingestOutcome);

        // and the ingest run again (as a user reruns a failed one) resumes what the first left
        IngestReport rerun = null;
        int attempts = 0;
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (rerun == null) {
            attempts++;
            try {
                rerun = ingestion.ingest(List.of(CORPUS), new IngestOptions(INGESTED, null, false, false),
                        IngestProgress.NONE);
            } catch (RuntimeException e) {
                // the client's view of the cluster lags the node's return by a few seconds
                System.out.printf("ingest rerun %d: %s%n", attempts, e.getMessage());
                assertThat(System.nanoTime()).as("ingest rerun within 3 min").isLessThan(deadline);
                Thread.sleep(5_000);
            }
        }
        System.out.printf("fault run: the rerun (attempt %d) added %d, updated %d, unchanged %d%n", attempts,
                rerun.added(), rerun.updated(), rerun.unchanged());

        // then no question failed, and each that cited its document when healthy cited it during the kill too
        assertThat(clients.failureMessages()).isEmpty();
        assertThat(clients.duringKill()).as("questions asked while the node was dead").isGreaterThan(CLIENTS);
        assertThat(clients.wrongCitations(citedWhenHealthy)).isEmpty();
        // and nothing is lost: the ledger equals the clean run's and agrees with the collection's counts
        assertThat(rerun.failed()).isEmpty();
        if (first != null && first.failed().isEmpty()) {
            assertThat(rerun.added() + rerun.updated()).as("a finished ingest leaves nothing to redo").isZero();
        }
        assertThat(ledger(INGESTED)).isEqualTo(expectedLedger);
        try (IndexView view = index(INGESTED).snapshot()) {
            assertThat(view.documentCount()).isEqualTo(DOCUMENTS);
            assertThat(view.chunkCount()).isEqualTo(expectedLedger.values().stream().mapToInt(Integer::intValue)
                    .sum());
            for (IndexedDocument d : view.documents()) {
                assertThat(view.chunksOf(d.documentId())).hasSize(d.chunkCount());
            }
        }
    }

    @Test
    @Order(2)
    void aPausedNodeGivesWholeOrPartialAnswersOrA503NeverA500OrAHang() throws Exception {
        ingestClean();
        // given node 2 stopped (SIGSTOP): its sockets stay open, it answers nothing, requests to it time out
        cloud.pauseNode(1);
        List<Response> responses;
        List<Long> millis = Collections.synchronizedList(new ArrayList<>());
        try (ExecutorService pool = Executors.newFixedThreadPool(CLIENTS)) {
            List<CompletableFuture<Response>> asked = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int i = c % DOCUMENTS;
                asked.add(CompletableFuture.supplyAsync(() -> {
                    long t0 = System.nanoTime();
                    Response r = askRaw(i);
                    millis.add((System.nanoTime() - t0) / 1_000_000);
                    return r;
                }, pool));
            }
            responses = asked.stream().map(CompletableFuture::join).toList();
        } finally {
            cloud.resumeNode(1);
        }
        int whole = 0;
        int partial = 0;
        int unavailable = 0;
        for (Response r : responses) {
            if (r.statusCode() == 200) {
                JsonNode answer = Json.read(r.asString());
                List<String> codes = new ArrayList<>();
                for (JsonNode code : answer.get("warningCodes")) {
                    codes.add(code.asText());
                }
                if (codes.contains(BranchFailure.CODE)) {
                    partial++;
                    assertThat(answer.get("warnings").toString()).contains("Part of the search failed");
                } else {
                    whole++;
                }
            } else {
                // then a question no branch could answer is the 503 problem, never a 500 or a hang
                assertThat(r.statusCode()).as(r.asString()).isEqualTo(503);
                assertThat(Json.read(r.asString()).get("code").asText()).isEqualTo("index_unavailable");
                unavailable++;
            }
        }
        System.out.printf("paused node: %d questions, %d whole, %d partial (%s), %d 503; slowest %d ms"
                        + " (request timeout %s)%n", responses.size(), whole, partial, BranchFailure.CODE,
                unavailable, Collections.max(millis), SolrFaultProfile.REQUEST_TIMEOUT);
        // Which requests reach the paused node is the cluster's choice (SolrJ and the coordinating node retry some
        // elsewhere): the runs saw from none to some partial answers. Each outcome above is one the issue allows;
        // the deterministic branch-failure cases are PartialSearchTest's.
        assertThat(whole + partial + unavailable).isEqualTo(CLIENTS);
        cloud.awaitAllReplicasActive(CLEAN);
        assertThat(askRaw(0).statusCode()).isEqualTo(200);
    }

    @Test
    @Order(3)
    void theWholeClusterLostIsAFast503AndTheServiceRecoversWithoutARestart() throws Exception {
        ingestClean();
        assertThat(askRaw(1).statusCode()).isEqualTo(200);

        // when every Solr node and ZooKeeper are killed -9 while the service runs
        cloud.killAll();
        long t0 = System.nanoTime();
        Response down = askRaw(1);
        long askMillis = (System.nanoTime() - t0) / 1_000_000;
        // then a question is the 503 problem at once (not a hang), and the readiness check is DOWN saying why
        assertThat(down.statusCode()).as(down.asString()).isEqualTo(503);
        assertThat(down.contentType()).startsWith("application/problem+json");
        assertThat(Json.read(down.asString()).get("code").asText()).isEqualTo("index_unavailable");
        assertThat(down.asString()).contains("SolrCloud").doesNotContain(LocalSolrCloud.PASSWORD);
        String health = given().when().get("/q/health/ready").then().statusCode(503).extract().asString();
        assertThat(health).contains("DOWN").contains("SolrCloud").doesNotContain(LocalSolrCloud.PASSWORD);

        // when the cluster is started again on its ports and data, the same service answers again
        long t1 = System.nanoTime();
        cloud.restartAll();
        cloud.awaitAllReplicasActive(CLEAN);
        JsonNode answer = null;
        for (int attempt = 0; attempt < 90 && answer == null; attempt++) {
            Response r = askRaw(1);
            if (r.statusCode() == 200 && !r.asString().contains(BranchFailure.CODE)) {
                answer = Json.read(r.asString());
            } else {
                Thread.sleep(2_000);
            }
        }
        double recoverSeconds = (System.nanoTime() - t1) / 1e9;
        System.out.printf("cluster lost: the question answered 503 after %d ms; after the restart the service"
                + " answered again, whole, %.1f s after the cluster was started (no service restart)%n", askMillis,
                recoverSeconds);
        assertThat(answer).as("a whole answer after the cluster is back").isNotNull();
        assertThat(citesItsDocument(answer, 1)).as(answer.toString()).isTrue();
        given().when().get("/q/health/ready").then().statusCode(200);
        assertThat(askMillis).as("fails fast, far below the request timeout").isLessThan(30_000);
    }

    /**
     * A clean run: the questions' collection, and the reference the faulted ingest must end up equal to. Each test
     * makes sure of it (a rerun finds every file unchanged), so that one test failing does not fail the next.
     */
    private void ingestClean() throws IOException {
        if (!Files.isDirectory(CORPUS)) {
            Files.createDirectories(CORPUS);
            writeCorpus(CORPUS);
        }
        IngestReport clean = ingestion.ingest(List.of(CORPUS), new IngestOptions(CLEAN, null, false, false),
                IngestProgress.NONE);
        assertThat(clean.failed()).isEmpty();
    }

    // --- the corpus and the questions -------------------------------------------------------------------------------

    /** Documents each with one fact found nowhere else (a made-up product code and its warranty), in a few chunks. */
    static void writeCorpus(Path dir) throws IOException {
        for (int i = 0; i < DOCUMENTS; i++) {
            StringBuilder text = new StringBuilder("# 产品Z" + i + "Q说明书\n\n");
            text.append("产品Z").append(i).append("Q的保修期是").append(i + 2).append("年，保修期内免费维修。\n\n");
            for (int p = 0; p < 6; p++) {
                text.append("## 第").append(p + 1).append("节\n\n");
                text.append(("使用产品Z" + i + "Q前请阅读本节第" + (p + 1) + "条。设备应放在干燥通风的地方，避免阳光直射，"
                        + "定期清洁外壳，不要用水冲洗。").repeat(6)).append("\n\n");
            }
            Files.writeString(dir.resolve("product-" + i + ".md"), text);
        }
    }

    private static String question(int i) {
        return "产品Z" + i + "Q的保修期是多久？";
    }

    private static Response askRaw(int i) {
        return given().contentType(ContentType.JSON).body(Map.of("question", question(i), "collection", CLEAN))
                .when().post("/api/ask").andReturn();
    }

    private static JsonNode ask(int i) {
        Response r = askRaw(i);
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
        return Json.read(r.asString());
    }

    private static boolean citesItsDocument(JsonNode answer, int i) {
        // sources are paths relative to the ingested folder's parent (solr-faults-corpus/product-1.md)
        return answer.get("citations").findValuesAsText("source").stream()
                .anyMatch(source -> source.endsWith("/product-" + i + ".md"));
    }

    private ChunkIndex index(String collection) {
        return collections.find(collection).orElseThrow();
    }

    /** The ledger: each document's source and chunk count. */
    private Map<String, Integer> ledger(String collection) {
        Map<String, Integer> ledger = new TreeMap<>();
        try (IndexView view = index(collection).snapshot()) {
            view.documents().forEach(d -> ledger.put(d.source().replaceAll(".*/", ""), d.chunkCount()));
        }
        return ledger;
    }

    /** Ten clients asking and searching in a loop, each outcome timed and tagged before or after the kill. */
    private final class Clients {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong killedAt = new AtomicLong(Long.MAX_VALUE);
        private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
        private final List<long[]> outcomes = Collections.synchronizedList(new ArrayList<>());
        private final Map<Integer, Boolean> citedDuringKill = Collections.synchronizedMap(new TreeMap<>());
        private final AtomicInteger total = new AtomicInteger();
        private final List<Thread> threads = new ArrayList<>();

        void start() {
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                threads.add(Thread.ofPlatform().name("client-" + c).start(() -> loop(client)));
            }
        }

        private void loop(int client) {
            int round = 0;
            while (running.get()) {
                int i = (client + round * CLIENTS) % DOCUMENTS;
                boolean search = round % 2 == 1;
                long t0 = System.nanoTime();
                try {
                    Response r = search
                            ? given().contentType(ContentType.JSON).body(Map.of("query", question(i), "collection",
                                    CLEAN, "topK", 3)).when().post("/api/search").andReturn()
                            : askRaw(i);
                    long ms = (System.nanoTime() - t0) / 1_000_000;
                    boolean duringKill = t0 >= killedAt.get();
                    outcomes.add(new long[] {ms, duringKill ? 1 : 0});
                    total.incrementAndGet();
                    if (r.statusCode() != 200) {
                        failures.add((search ? "search " : "ask ") + i + ": " + r.statusCode() + " " + r.asString());
                    } else if (r.asString().contains(BranchFailure.CODE)
                            || r.asString().contains("Part of the search failed")) {
                        failures.add("ask " + i + " was partial: " + r.asString());
                    } else if (!search && duringKill) {
                        citedDuringKill.merge(i, citesItsDocument(Json.read(r.asString()), i), Boolean::logicalAnd);
                    }
                } catch (RuntimeException e) {
                    failures.add((search ? "search " : "ask ") + i + ": " + e);
                }
                round++;
            }
        }

        void markKill(long nanos) {
            killedAt.set(nanos);
        }

        void stop() throws InterruptedException {
            running.set(false);
            for (Thread t : threads) {
                t.join(TimeUnit.MINUTES.toMillis(2));
            }
        }

        int total() {
            return total.get();
        }

        int failures() {
            return failures.size();
        }

        List<String> failureMessages() {
            return failures;
        }

        long duringKill() {
            synchronized (outcomes) {
                return outcomes.stream().filter(o -> o[1] == 1).count();
            }
        }

        double percentile(boolean duringKill, int p) {
            List<Long> ms;
            synchronized (outcomes) {
                ms = outcomes.stream().filter(o -> (o[1] == 1) == duringKill).map(o -> o[0]).sorted().toList();
            }
            if (ms.isEmpty()) {
                return Double.NaN;
            }
            int at = Math.min(ms.size() - 1, (int) Math.ceil(p / 100.0 * ms.size()) - 1);
            return ms.get(Math.max(0, at));
        }

        /** Questions that cited their document when the cluster was healthy but not during the kill. */
        List<Integer> wrongCitations(Map<Integer, Boolean> citedWhenHealthy) {
            List<Integer> wrong = new ArrayList<>();
            citedDuringKill.forEach((i, cited) -> {
                if (citedWhenHealthy.get(i) && !cited) {
                    wrong.add(i);
                }
            });
            return wrong;
        }
    }
}

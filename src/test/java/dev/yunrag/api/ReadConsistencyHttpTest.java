package dev.yunrag.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.yunrag.bench.LoopbackClient;
import dev.yunrag.index.AlternatingVersions;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The read-consistency check through the HTTP API: a document uploaded again and again, alternating versions A and
 * B, while clients fetch it with its chunks ({@code GET /api/collections/{c}/documents/{id}}) and search it
 * ({@code POST /api/search}). Every response must be a 200 showing one whole version.
 */
@QuarkusTest
class ReadConsistencyHttpTest {

    private static final String COLLECTION = "consistency-http";
    private static final String FILE = "policy.txt";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URL base;

    @Test
    void readersSeeOneWholeVersionWhileUploadsReplaceIt() throws Exception {
        run(Duration.ofSeconds(2), 3);
    }

    @Test
    @Tag("slow")
    void readersSeeOneWholeVersionForAMinuteOfUploads() throws Exception {
        run(Duration.ofSeconds(60), 30);
    }

    private void run(Duration duration, int minReplacements) throws Exception {
        LoopbackClient client = new LoopbackClient(base.toString(), Duration.ofSeconds(60));
        // given both versions uploaded once, so that their chunk counts and hashes are known
        Map<String, Integer> chunkCounts = new HashMap<>();
        Map<String, String> versionOfHash = new HashMap<>();
        String id = null;
        for (String marker : List.of(AlternatingVersions.B, AlternatingVersions.A)) {
            upload(client, marker);
            JsonNode docs = JSON.readTree(client.get("/api/collections/" + COLLECTION + "/documents").body());
            for (JsonNode doc : docs) {
                if (doc.path("source").asText().endsWith(FILE)) {
                    id = doc.path("documentId").asText();
                    chunkCounts.put(marker, doc.path("chunkCount").asInt());
                    versionOfHash.put(doc.path("contentHash").asText(), marker);
                }
            }
        }
        assertThat(chunkCounts.get(AlternatingVersions.A)).isLessThan(chunkCounts.get(AlternatingVersions.B));
        String documentId = id;

        // when uploads replace it while readers read it
        Queue<String> problems = new ConcurrentLinkedQueue<>();
        AtomicInteger reads = new AtomicInteger();
        AtomicInteger replacements = new AtomicInteger();
        long end = System.nanoTime() + duration.toNanos();
        List<Thread> readers = new ArrayList<>();
        for (int r = 0; r < 3; r++) {
            readers.add(Thread.ofPlatform().name("http-reader-" + r).start(() -> {
                while ((System.nanoTime() < end || replacements.get() < minReplacements) && problems.size() < 20) {
                    try {
                        read(client, documentId, chunkCounts, versionOfHash, problems);
                        reads.incrementAndGet();
                    } catch (Exception e) {
                        problems.add("error: " + e);
                    }
                }
            }));
        }
        while ((System.nanoTime() < end || replacements.get() < minReplacements) && problems.size() < 20) {
            upload(client, replacements.get() % 2 == 0 ? AlternatingVersions.B : AlternatingVersions.A);
            replacements.incrementAndGet();
        }
        for (Thread reader : readers) {
            reader.join();
        }

        // then every response showed one whole version
        System.out.printf("read consistency (HTTP): %d uploads, %d reads (each: document view, search), %d problems%n",
                replacements.get(), reads.get(), problems.size());
        assertThat(problems).as("after %d uploads and %d reads", replacements.get(), reads.get()).isEmpty();
        assertThat(reads.get()).isGreaterThan(replacements.get());
    }

    private static void read(LoopbackClient client, String id, Map<String, Integer> chunkCounts,
                             Map<String, String> versionOfHash, Queue<String> problems) throws Exception {
        LoopbackClient.Reply detail = client.get("/api/collections/" + COLLECTION + "/documents/" + id);
        if (!detail.ok()) {
            problems.add("document: HTTP " + detail.status() + " " + detail.body());
        } else {
            JsonNode body = JSON.readTree(detail.body());
            List<String> texts = new ArrayList<>();
            body.path("chunks").forEach(chunk -> texts.add(chunk.path("text").asText()));
            String version = versionOfHash.get(body.at("/document/contentHash").asText());
            String problem = AlternatingVersions.problem(texts, chunkCounts);
            if (problem != null || version == null || !AlternatingVersions.versions(texts).equals(Set.of(version))
                    || body.at("/document/chunkCount").asInt() != texts.size()) {
                problems.add("document: ledger " + version + " x " + body.at("/document/chunkCount").asInt()
                        + ", chunks " + AlternatingVersions.versions(texts) + " x " + texts.size()
                        + (problem == null ? "" : " (" + problem + ")"));
            }
        }
        LoopbackClient.Reply search = client.postJson("/api/search", JSON.writeValueAsString(Map.of(
                "query", AlternatingVersions.QUERY, "collection", COLLECTION, "topK", 50)));
        if (!search.ok()) {
            problems.add("search: HTTP " + search.status() + " " + search.body());
            return;
        }
        List<String> texts = new ArrayList<>();
        JSON.readTree(search.body()).path("results").forEach(result -> {
            if (result.path("documentId").asText().equals(id)) {
                texts.add(result.path("text").asText());
            }
        });
        if (texts.isEmpty() || AlternatingVersions.versions(texts).size() != 1
                || !chunkCounts.containsKey(AlternatingVersions.versions(texts).iterator().next())) {
            problems.add("search: passages of " + AlternatingVersions.versions(texts));
        }
    }

    private static void upload(LoopbackClient client, String marker) throws Exception {
        LoopbackClient.Reply reply = client.upload(COLLECTION, List.of(new LoopbackClient.Upload(FILE,
                AlternatingVersions.text(marker).getBytes(StandardCharsets.UTF_8))));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(JSON.readTree(reply.body()).path("failed").size()).as(reply.body()).isZero();
    }
}

package dev.yunrag.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yunrag.embed.Embedder;
import dev.yunrag.embed.HashingEmbeddingModel;
import dev.yunrag.embed.TokenCounter;
import dev.yunrag.index.lucene.LuceneCollections;
import dev.yunrag.ingest.IngestOptions;
import dev.yunrag.ingest.IngestProgress;
import dev.yunrag.ingest.IngestionPipeline;
import dev.yunrag.ingest.TestPipelines;
import dev.yunrag.model.Chunk;
import dev.yunrag.model.ScoredChunk;
import dev.yunrag.retrieve.HybridRetriever;
import dev.yunrag.rerank.Reranker;
import dev.yunrag.retrieve.RetrievalQuery;
import dev.yunrag.retrieve.RetrievalResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One document re-ingested again and again, alternating between versions A and B, while readers list its chunks,
 * read its ledger entry with its chunks, and run hybrid retrieval on the same on-disk Lucene index: every read must
 * show exactly one whole version, never a mix, never a partial chunk set, never nothing, never an error.
 */
class ReadConsistencyTest {

    private static final String COLLECTION = "consistency";
    private static final int READERS = 3;

    @TempDir
    Path tmp;

    @Test
    void readersSeeOneWholeVersionWhileADocumentIsReplaced() throws Exception {
        run(Duration.ofSeconds(3), 6);
    }

    @Test
    @Tag("slow")
    void readersSeeOneWholeVersionForAMinute() throws Exception {
        run(Duration.ofSeconds(60), 60);
    }

    /** Runs for {@code duration}, longer if needed to replace the document {@code minReplacements} times. */
    private void run(Duration duration, int minReplacements) throws Exception {
        Path file = tmp.resolve("docs/policy.txt");
        Files.createDirectories(file.getParent());
        Files.writeString(tmp.resolve("docs/other.txt"), "食堂每天中午十一点半开饭，晚餐六点开始。");
        HashingEmbeddingModel model = new HashingEmbeddingModel(64);
        Embedder embedder = new Embedder("hashing", 64, "", model);
        try (LuceneCollections store = new LuceneCollections(tmp.resolve("data"));
             HybridRetriever retriever = new HybridRetriever(store, id -> embedder, new Reranker("none", null),
                     TokenCounter.approximate(), new HybridRetriever.Settings(50, 60, 50, 50, 100_000))) {
            IngestionPipeline pipeline = TestPipelines.pipeline(store, model, Duration.ofSeconds(5));
            // given both versions indexed once, so their chunk counts and hashes are known
            Map<String, Integer> chunkCounts = new HashMap<>();
            Map<String, String> hashes = new HashMap<>();
            for (String marker : List.of(AlternatingVersions.B, AlternatingVersions.A)) {
                write(file, marker);
                ingest(pipeline, file.getParent());
                IndexedDocument doc = documentOf(store.find(COLLECTION).orElseThrow(), "policy.txt");
                chunkCounts.put(marker, doc.chunkCount());
                hashes.put(doc.contentHash(), marker);
            }
            assertThat(chunkCounts.get(AlternatingVersions.A)).isGreaterThan(1)
                    .isLessThan(chunkCounts.get(AlternatingVersions.B));
            ChunkIndex index = store.find(COLLECTION).orElseThrow();
            String id = documentOf(index, "policy.txt").documentId();

            // when the document is replaced in a loop while readers read it
            Queue<String> problems = new ConcurrentLinkedQueue<>();
            AtomicInteger reads = new AtomicInteger();
            long end = System.nanoTime() + duration.toNanos();
            AtomicInteger replacements = new AtomicInteger();
            List<Thread> readers = new ArrayList<>();
            for (int r = 0; r < READERS; r++) {
                readers.add(Thread.ofPlatform().name("reader-" + r).start(() -> {
                    while (!done(end, replacements.get(), minReplacements) && problems.size() < 20) {
                        try {
                            read(index, retriever, id, chunkCounts, hashes, problems);
                            reads.incrementAndGet();
                        } catch (RuntimeException e) {
                            problems.add("error: " + e);
                        }
                    }
                }));
            }
            while (!done(end, replacements.get(), minReplacements) && problems.size() < 20) {
                write(file, replacements.get() % 2 == 0 ? AlternatingVersions.B : AlternatingVersions.A);
                ingest(pipeline, file.getParent());
                replacements.incrementAndGet();
            }
            int replaced = replacements.get();
            for (Thread reader : readers) {
                reader.join();
            }

            // then no read saw anything but one whole version
            System.out.printf("read consistency (index): %d replacements, %d reads (each: chunk list, document view,"
                    + " hybrid retrieval), %d problems%n", replaced, reads.get(), problems.size());
            assertThat(problems).as("after %d replacements and %d reads", replaced, reads.get()).isEmpty();
            assertThat(replaced).isGreaterThanOrEqualTo(minReplacements);
            assertThat(reads.get()).isGreaterThan(replaced);
        }
    }

    private static void read(ChunkIndex index, HybridRetriever retriever, String id,
                             Map<String, Integer> chunkCounts, Map<String, String> hashes, Queue<String> problems) {
        // the chunk browser's list
        String listed = AlternatingVersions.problem(index.chunksOf(id).stream().map(Chunk::text).toList(), chunkCounts);
        if (listed != null) {
            problems.add("chunksOf: " + listed);
        }
        // the document view (as GET /api/collections/{c}/documents/{id} reads it): ledger entry and chunks agree
        IndexedDocument doc;
        List<Chunk> chunks;
        try (IndexView snapshot = index.snapshot()) {
            doc = snapshot.document(id).orElse(null);
            chunks = snapshot.chunksOf(id);
        }
        if (doc == null) {
            problems.add("document: missing");
        } else {
            String version = hashes.get(doc.contentHash());
            List<String> texts = chunks.stream().map(Chunk::text).toList();
            if (version == null || !AlternatingVersions.versions(texts).equals(java.util.Set.of(version))
                    || doc.chunkCount() != chunks.size()) {
                problems.add("document: ledger says " + version + " with " + doc.chunkCount() + " chunks, chunks are "
                        + AlternatingVersions.versions(texts) + " x " + chunks.size());
            }
        }
        // hybrid retrieval: BM25 and kNN candidates of the document must come from one version
        RetrievalResult result = retriever.retrieve(new RetrievalQuery(COLLECTION, AlternatingVersions.QUERY, 50,
                SearchFilter.NONE));
        List<String> bm25 = textsOf(result.bm25(), id);
        List<String> all = Stream.concat(bm25.stream(), textsOf(result.vector(), id).stream()).toList();
        if (bm25.isEmpty()) {
            problems.add("retrieval: no BM25 hit in the document");
        } else if (AlternatingVersions.versions(all).size() != 1) {
            problems.add("retrieval: BM25 " + AlternatingVersions.versions(bm25) + ", kNN "
                    + AlternatingVersions.versions(textsOf(result.vector(), id)));
        }
    }

    private static boolean done(long end, int replaced, int minReplacements) {
        return System.nanoTime() >= end && replaced >= minReplacements;
    }

    private static List<String> textsOf(List<ScoredChunk> hits, String id) {
        return hits.stream().filter(hit -> hit.chunk().documentId().equals(id)).map(ScoredChunk::text).toList();
    }

    private static void write(Path file, String marker) throws Exception {
        Files.writeString(file, AlternatingVersions.text(marker), StandardCharsets.UTF_8);
    }

    private static void ingest(IngestionPipeline pipeline, Path dir) {
        var report = pipeline.ingest(List.of(dir), new IngestOptions(COLLECTION, null, false, false),
                IngestProgress.NONE);
        assertThat(report.failed()).isEmpty();
    }

    private static IndexedDocument documentOf(ChunkIndex index, String sourceSuffix) {
        return index.documents().stream().filter(d -> d.source().endsWith(sourceSuffix)).findFirst().orElseThrow();
    }
}

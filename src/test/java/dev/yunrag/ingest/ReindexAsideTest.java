package dev.yunrag.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yunrag.index.ChunkIndex;
import dev.yunrag.index.IndexStats;
import dev.yunrag.index.IndexView;
import dev.yunrag.index.SearchFilter;
import dev.yunrag.index.lucene.LuceneCollections;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18: re-indexing with another embedding model used to drop the collection before rebuilding it. Now the new
 * index is built aside while the old one serves, and swapped in atomically when complete; a failed or killed rebuild
 * leaves the old collection untouched and its directory is removed.
 */
class ReindexAsideTest {

    private static final String COLLECTION = "swap";

    @TempDir
    Path tmp;

    @Test
    void readersNeverFailWhileTheRebuildIsSwappedIn() throws Exception {
        Path corpus = corpus(tmp.resolve("corpus"), 12);
        Path data = tmp.resolve("data");
        try (LuceneCollections store = new LuceneCollections(data)) {
            IngestionPipeline pipeline = TwoModelPipelines.pipeline(store, 0, 20);
            ingest(pipeline, corpus, null, false);
            IndexStats before = store.find(COLLECTION).orElseThrow().stats();

            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger reads = new AtomicInteger();
            List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
            List<String> modelsSeen = java.util.Collections.synchronizedList(new ArrayList<>());
            ExecutorService readers = Executors.newFixedThreadPool(4);
            List<Future<?>> running = new ArrayList<>();
            for (int r = 0; r < 4; r++) {
                running.add(readers.submit(() -> {
                    while (!stop.get()) {
                        try {
                            ChunkIndex index = store.find(COLLECTION).orElseThrow();
                            try (IndexView view = index.snapshot()) {
                                assertThat(view.searchBm25("年假 报销", 5, SearchFilter.NONE)).isNotEmpty();
                                assertThat(view.documentCount()).isEqualTo(before.documents());
                                float[] query = new float[index.settings().dimension()];
                                query[0] = 1;
                                assertThat(view.searchVector(query, 3, SearchFilter.NONE)).isNotEmpty();
                            }
                            modelsSeen.add(index.settings().embeddingModel());
                            reads.incrementAndGet();
                        } catch (Throwable e) {
                            failures.add(e);
                        }
                    }
                }));
            }
            IngestReport report = ingest(pipeline, corpus, TwoModelPipelines.MODEL_B, true);
            Thread.sleep(300);
            stop.set(true);
            for (Future<?> reader : running) {
                reader.get(30, TimeUnit.SECONDS);
            }
            readers.shutdown();

            assertThat(failures).as("reads failed during the re-index and swap").isEmpty();
            assertThat(report.failed()).isEmpty();
            assertThat(modelsSeen).contains(TwoModelPipelines.MODEL_A, TwoModelPipelines.MODEL_B);
            ChunkIndex after = store.find(COLLECTION).orElseThrow();
            assertThat(after.settings().embeddingModel()).isEqualTo(TwoModelPipelines.MODEL_B);
            assertThat(after.settings().dimension()).isEqualTo(48);
            assertThat(after.stats().documents()).isEqualTo(before.documents());
            System.out.printf("re-index aside: %d reads during the rebuild, 0 failed%n", reads.get());

            // another process (a second catalog on the same data directory) follows the swap
            try (LuceneCollections other = new LuceneCollections(data)) {
                assertThat(other.find(COLLECTION).orElseThrow().settings().embeddingModel())
                        .isEqualTo(TwoModelPipelines.MODEL_B);
            }
            awaitOnlyOneIndexDirectory(data);
        }
        IndexSoundness.assertSound(data, COLLECTION);
    }

    @Test
    void aRebuildWhoseEmbeddingsFailLeavesTheOldCollectionUntouched() throws Exception {
        Path corpus = corpus(tmp.resolve("corpus"), 12);
        Path data = tmp.resolve("data");
        try (LuceneCollections store = new LuceneCollections(data)) {
            ingest(TwoModelPipelines.pipeline(store, 0, 0), corpus, null, false);
            IndexStats before = store.find(COLLECTION).orElseThrow().stats();
            Path indexBefore = store.indexPath(COLLECTION);

            IngestReport report = ingest(TwoModelPipelines.pipeline(store, 3, 0), corpus, TwoModelPipelines.MODEL_B,
                    true);

            assertThat(report.failed()).anyMatch(f -> f.source().equals(COLLECTION)
                    && f.reason().contains("not swapped in") && f.reason().contains("the collection is unchanged"));
            ChunkIndex index = store.find(COLLECTION).orElseThrow();
            assertThat(index.settings().embeddingModel()).isEqualTo(TwoModelPipelines.MODEL_A);
            assertThat(index.stats().documents()).isEqualTo(before.documents());
            assertThat(index.stats().chunks()).isEqualTo(before.chunks());
            assertThat(report.documents()).isEqualTo(before.documents());
            assertThat(store.indexPath(COLLECTION)).isEqualTo(indexBefore);
            assertThat(indexDirectories(data)).as("the side directory is removed").containsExactly(indexBefore);
        }
        IndexSoundness.assertSound(data, COLLECTION);
    }

    @Test
    void aRebuildKilledHalfWayLeavesTheOldCollectionAndItsDirectoryIsSweptAtTheNextStart() throws Exception {
        Path corpus = corpus(tmp.resolve("corpus"), 30);
        Path data = tmp.resolve("data");
        IndexStats before;
        try (LuceneCollections store = new LuceneCollections(data)) {
            ingest(TwoModelPipelines.pipeline(store, 0, 0), corpus, null, false);
            before = store.find(COLLECTION).orElseThrow().stats();
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "--add-modules", "jdk.incubator.vector",
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                InterruptedRebuild.class.getName(), data.toString(), corpus.toString(), COLLECTION)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (indexDirectories(data).size() < 2 && System.nanoTime() < deadline && child.isAlive()) {
                Thread.sleep(50);
            }
            assertThat(indexDirectories(data)).as("the rebuild's side directory").hasSize(2);
            Thread.sleep(1000); // embedding, half-way
            assertThat(child.isAlive()).as("still rebuilding when killed").isTrue();
        } finally {
            child.destroyForcibly(); // SIGKILL
            child.waitFor();
        }
        IndexSoundness.assertSound(data, COLLECTION);
        try (LuceneCollections store = new LuceneCollections(data)) {
            ChunkIndex index = store.find(COLLECTION).orElseThrow();
            assertThat(index.settings().embeddingModel()).isEqualTo(TwoModelPipelines.MODEL_A);
            assertThat(index.stats().documents()).isEqualTo(before.documents());
            assertThat(index.stats().chunks()).isEqualTo(before.chunks());

            List<Path> removed = store.sweepAbandoned();
            assertThat(removed).hasSize(1);
            assertThat(indexDirectories(data)).containsExactly(store.indexPath(COLLECTION));
        }
    }

    private static IngestReport ingest(IngestionPipeline pipeline, Path corpus, String model, boolean reindex) {
        return pipeline.ingest(List.of(corpus), new IngestOptions(COLLECTION, model, false, reindex),
                IngestProgress.NONE);
    }

    private static void awaitOnlyOneIndexDirectory(Path data) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (indexDirectories(data).size() > 1 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(indexDirectories(data)).as("the replaced index is deleted once its readers are done").hasSize(1);
    }

    static List<Path> indexDirectories(Path data) throws IOException {
        Path dir = data.resolve("collections").resolve(COLLECTION);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(Files::isDirectory).sorted().toList();
        }
    }

    static Path corpus(Path dir, int files) throws IOException {
        Files.createDirectories(dir);
        String[] words = {"员工", "年假", "报销", "会议", "安全", "密码", "项目", "客户", "合同", "预算", "培训", "系统"};
        java.util.Random random = new java.util.Random(3);
        for (int f = 0; f < files; f++) {
            StringBuilder text = new StringBuilder("第" + f + "号文件\n\n");
            for (int s = 0; s < 30; s++) {
                for (int w = 0; w < 8; w++) {
                    text.append(words[random.nextInt(words.length)]);
                }
                text.append(s % 5 == 4 ? "。\n\n" : "。");
            }
            Files.writeString(dir.resolve("doc-" + f + ".txt"), text, StandardCharsets.UTF_8);
        }
        return dir;
    }
}

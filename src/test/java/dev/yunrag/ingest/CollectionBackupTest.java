package dev.yunrag.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.yunrag.index.ChunkIndex;
import dev.yunrag.index.IndexStats;
import dev.yunrag.index.IndexView;
import dev.yunrag.index.IndexedDocument;
import dev.yunrag.index.SearchFilter;
import dev.yunrag.index.lucene.BackupException;
import dev.yunrag.index.lucene.BackupManifest;
import dev.yunrag.index.lucene.CollectionBackup;
import dev.yunrag.index.lucene.LuceneCollections;
import dev.yunrag.model.ScoredChunk;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backup and restore of a collection (issue 18): a backup taken while the collection ingests is one whole commit
 * (CheckIndex clean, ledger and chunks agreeing, counts as recorded); restored into a fresh data directory it searches
 * exactly like the original; a damaged backup is refused before anything changes; an existing collection is replaced
 * only when asked.
 */
class CollectionBackupTest {

    private static final String COLLECTION = "kept";

    @TempDir
    Path tmp;

    @Test
    void backupsTakenWhileIngestingAreWholeCommitsAndRestoreIntoAFreshDataDirectory() throws Exception {
        Path data = tmp.resolve("data");
        Path uploads = data.resolve("uploads").resolve(COLLECTION);
        ReindexAsideTest.corpus(uploads, 10);
        Path more = ReindexAsideTest.corpus(tmp.resolve("more"), 40);
        try (LuceneCollections store = new LuceneCollections(data)) {
            IngestionPipeline pipeline = TestPipelines.pipeline(store, new TestPipelines.CountingEmbeddingModel(),
                    Duration.ZERO);
            ingest(pipeline, uploads);
            int before = store.find(COLLECTION).orElseThrow().stats().documents();

            CompletableFuture<IngestReport> ingesting = CompletableFuture.supplyAsync(() -> ingest(pipeline, more));
            int taken = 0;
            while (!ingesting.isDone() || taken < 2) {
                Path backup = tmp.resolve("backup-" + taken);
                BackupManifest manifest = CollectionBackup.backup(store, COLLECTION, backup, uploadOf(uploads));
                assertThat(manifest.documents()).isBetween(before, before + 40);
                assertThat(manifest.uploads()).isEqualTo(10);
                assertThat(CollectionBackup.verify(backup)).isEqualTo(manifest);

                Path fresh = tmp.resolve("fresh-" + taken);
                try (LuceneCollections restored = new LuceneCollections(fresh)) {
                    CollectionBackup.restore(restored, COLLECTION, backup, false,
                            fresh.resolve("uploads").resolve(COLLECTION));
                    IndexStats stats = restored.find(COLLECTION).orElseThrow().stats();
                    assertThat(stats.documents()).isEqualTo(manifest.documents());
                    assertThat(stats.chunks()).isEqualTo(manifest.chunks());
                }
                IndexSoundness.assertSound(fresh, COLLECTION);
                assertThat(files(fresh.resolve("uploads").resolve(COLLECTION))).hasSize(10);
                taken++;
            }
            assertThat(ingesting.get().failed()).isEmpty();
            System.out.printf("backup while ingesting: %d backups taken, each whole and verified%n", taken);

            // quiet now: a backup restored elsewhere searches exactly like the original
            Path backup = tmp.resolve("backup-quiet");
            CollectionBackup.backup(store, COLLECTION, backup, uploadOf(uploads));
            Path fresh = tmp.resolve("fresh-quiet");
            try (LuceneCollections restored = new LuceneCollections(fresh)) {
                CollectionBackup.restore(restored, COLLECTION, backup, false, fresh.resolve("uploads"));
                assertThat(search(restored.find(COLLECTION).orElseThrow()))
                        .isEqualTo(search(store.find(COLLECTION).orElseThrow()));
                assertThat(restored.find(COLLECTION).orElseThrow().documents().stream()
                        .map(IndexedDocument::contentHash).sorted().toList())
                        .isEqualTo(store.find(COLLECTION).orElseThrow().documents().stream()
                                .map(IndexedDocument::contentHash).sorted().toList());
            }
        }
    }

    @Test
    void aDamagedBackupIsRefusedAndNothingIsCreated() throws Exception {
        Path data = tmp.resolve("data");
        Path backup = tmp.resolve("backup");
        try (LuceneCollections store = new LuceneCollections(data)) {
            ingest(TestPipelines.pipeline(store, new TestPipelines.CountingEmbeddingModel(), Duration.ZERO),
                    ReindexAsideTest.corpus(tmp.resolve("corpus"), 8));
            CollectionBackup.backup(store, COLLECTION, backup, document -> Optional.empty());
        }
        corruptLargestFile(backup.resolve("index"));

        Path fresh = tmp.resolve("fresh");
        try (LuceneCollections restored = new LuceneCollections(fresh)) {
            assertThatThrownBy(() -> CollectionBackup.restore(restored, COLLECTION, backup, false,
                    fresh.resolve("uploads")))
                    .isInstanceOf(BackupException.class)
                    .hasMessageContaining("The backup at " + backup + " is damaged")
                    .hasMessageContaining("CheckIndex")
                    .hasMessageContaining("nothing was restored");
            assertThat(restored.exists(COLLECTION)).isFalse();
        }
        assertThat(fresh.resolve("collections").resolve(COLLECTION)).doesNotExist();

        assertThatThrownBy(() -> CollectionBackup.verify(tmp.resolve("corpus")))
                .hasMessageContaining("is not a YunRAG backup: it has no backup.properties");
    }

    @Test
    void anExistingCollectionIsReplacedOnlyWhenAsked() throws Exception {
        Path data = tmp.resolve("data");
        Path backup = tmp.resolve("backup");
        try (LuceneCollections store = new LuceneCollections(data)) {
            IngestionPipeline pipeline = TestPipelines.pipeline(store, new TestPipelines.CountingEmbeddingModel(),
                    Duration.ZERO);
            Path corpus = ReindexAsideTest.corpus(tmp.resolve("corpus"), 6);
            ingest(pipeline, corpus);
            CollectionBackup.backup(store, COLLECTION, backup, document -> Optional.empty());
            ingest(pipeline, ReindexAsideTest.corpus(tmp.resolve("later"), 3)); // 6 + 3 now... same names: replaced
            Files.writeString(corpus.resolve("extra.txt"), "新加的文件。员工年假十五天。");
            ingest(pipeline, corpus);
            int now = store.find(COLLECTION).orElseThrow().stats().documents();

            assertThatThrownBy(() -> CollectionBackup.restore(store, COLLECTION, backup, false, tmp.resolve("u")))
                    .isInstanceOf(BackupException.class)
                    .hasMessageContaining("Collection '" + COLLECTION + "' exists: restore does not overwrite it."
                            + " Add --replace");
            assertThat(store.find(COLLECTION).orElseThrow().stats().documents()).isEqualTo(now);

            assertThatThrownBy(() -> CollectionBackup.restore(store, "other", backup, false, tmp.resolve("u")))
                    .hasMessageContaining("restore it with --collection " + COLLECTION);

            BackupManifest manifest = CollectionBackup.restore(store, COLLECTION, backup, true, tmp.resolve("u"));
            assertThat(store.find(COLLECTION).orElseThrow().stats().documents()).isEqualTo(manifest.documents())
                    .isNotEqualTo(now);
        }
        IndexSoundness.assertSound(data, COLLECTION);
    }

    private static IngestReport ingest(IngestionPipeline pipeline, Path corpus) {
        return pipeline.ingest(List.of(corpus), new IngestOptions(COLLECTION, null, false, false), IngestProgress.NONE);
    }

    private static Function<IndexedDocument, Optional<Path>> uploadOf(Path uploads) {
        return document -> Optional.ofNullable(document.metadata().get(IngestionPipeline.METADATA_PATH))
                .map(Path::of).filter(path -> path.startsWith(uploads.toAbsolutePath().normalize()));
    }

    private static List<String> search(ChunkIndex index) {
        try (IndexView view = index.snapshot()) {
            float[] query = new float[index.settings().dimension()];
            query[1] = 1;
            return Stream.concat(view.searchBm25("年假 报销 合同", 10, SearchFilter.NONE).stream(),
                            view.searchVector(query, 10, SearchFilter.NONE).stream())
                    .map(CollectionBackupTest::describe).toList();
        }
    }

    private static String describe(ScoredChunk hit) {
        return hit.chunk().documentId() + "#" + hit.chunk().ordinal() + "@" + hit.trace();
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.toList();
        }
    }

    /** Overwrites bytes in the middle of the backup's largest index file, as a failing disk would. */
    static void corruptLargestFile(Path indexDir) throws IOException {
        Path largest;
        try (Stream<Path> entries = Files.list(indexDir)) {
            largest = entries.filter(p -> !p.getFileName().toString().equals("write.lock"))
                    .max(Comparator.comparingLong(p -> p.toFile().length())).orElseThrow();
        }
        try (RandomAccessFile file = new RandomAccessFile(largest.toFile(), "rw")) {
            long middle = file.length() / 2;
            file.seek(middle);
            byte[] junk = new byte[64];
            for (int i = 0; i < junk.length; i++) {
                junk[i] = (byte) (i * 37 + 11);
            }
            file.write(junk);
        }
    }
}

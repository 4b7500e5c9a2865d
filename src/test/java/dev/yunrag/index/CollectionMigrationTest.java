package dev.yunrag.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.yunrag.embed.HashingEmbeddingModel;
import dev.yunrag.index.lucene.LuceneCollections;
import dev.yunrag.ingest.IngestOptions;
import dev.yunrag.ingest.IngestProgress;
import dev.yunrag.ingest.TestPipelines;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link CollectionMigration} between two embedded stores (two data directories): the copy is exact, resumable after
 * a limit or a crash without duplicates, refuses an incomparable target and reports counts that do not match. The
 * same copy between Lucene and SolrCloud is {@code dev.yunrag.app.MigrateToSolrAndBackTest} (slow).
 */
class CollectionMigrationTest {

    private static final String NAME = "docs";

    @TempDir
    static Path sourceDir;

    @TempDir
    Path targetDir;

    @BeforeAll
    static void ingestTheSampleCorpus() {
        try (LuceneCollections source = new LuceneCollections(sourceDir)) {
            TestPipelines.pipeline(source, new HashingEmbeddingModel(64), Duration.ofSeconds(30))
                    .ingest(List.of(TestPipelines.sampleCorpus()), new IngestOptions(NAME, null, false, false),
                            IngestProgress.NONE);
        }
    }

    @Test
    void copiesEveryDocumentChunkAndVectorAsStoredAndSearchesAnswerTheSame() {
        try (LuceneCollections source = new LuceneCollections(sourceDir);
             LuceneCollections target = new LuceneCollections(targetDir)) {
            List<String> events = new ArrayList<>();
            CollectionMigration.Result result = new CollectionMigration(source, target, 4).migrate(NAME, 0, false,
                    recording(events));

            assertThat(result.verified()).as(result.problems().toString()).isTrue();
            assertThat(result.sourceDocuments()).isEqualTo(11);
            assertThat(result.targetDocuments()).isEqualTo(11);
            assertThat(result.targetChunks()).isEqualTo(result.sourceChunks()).isEqualTo(result.copiedChunks());
            assertThat(result.copied()).isEqualTo(11);
            assertThat(events).startsWith("started 11 0").contains("committed 4 of 11", "committed 8 of 11")
                    .endsWith("committed 11 of 11");
            ChunkIndex from = source.find(NAME).orElseThrow();
            ChunkIndex to = target.find(NAME).orElseThrow();
            assertThat(to.settings()).isEqualTo(from.settings());
            MigrationChecks.assertSameContent(from, to);
            MigrationChecks.assertSameSearches(from, to, 64);
        }
    }

    @Test
    void aRunStoppedByItsLimitContinuesWhereItStoppedWithoutDuplicates() {
        try (LuceneCollections source = new LuceneCollections(sourceDir);
             LuceneCollections target = new LuceneCollections(targetDir)) {
            CollectionMigration migration = new CollectionMigration(source, target, 2);
            CollectionMigration.Result first = migration.migrate(NAME, 5, false, CollectionMigration.Progress.NONE);
            assertThat(first.complete()).isFalse();
            assertThat(first.verified()).isFalse();
            assertThat(first.copied()).isEqualTo(5);
            assertThat(first.targetDocuments()).isEqualTo(5);

            List<String> events = new ArrayList<>();
            CollectionMigration.Result second = migration.migrate(NAME, 0, false, recording(events));
            assertThat(events.getFirst()).isEqualTo("started 11 5");
            assertThat(second.skipped()).isEqualTo(5);
            assertThat(second.copied()).isEqualTo(6);
            assertThat(second.verified()).as(second.problems().toString()).isTrue();
            MigrationChecks.assertSameContent(source.find(NAME).orElseThrow(), target.find(NAME).orElseThrow());

            CollectionMigration.Result third = migration.migrate(NAME, 0, false, CollectionMigration.Progress.NONE);
            assertThat(third.copied()).isZero();
            assertThat(third.skipped()).isEqualTo(11);
            assertThat(third.verified()).isTrue();
        }
    }

    @Test
    void aRunThatDiesMidWayKeepsItsCommittedDocumentsAndTheNextRunFinishesWithoutDuplicates() {
        try (LuceneCollections source = new LuceneCollections(sourceDir);
             LuceneCollections target = new LuceneCollections(targetDir)) {
            CollectionMigration migration = new CollectionMigration(source, target, 3);
            CollectionMigration.Progress crashAfterSecondCommit = new CollectionMigration.Progress() {
                @Override
                public void committed(int done, int documents, int copiedChunks) {
                    if (done == 6) {
                        throw new IllegalStateException("killed");
                    }
                }
            };
            assertThatThrownBy(() -> migration.migrate(NAME, 0, false, crashAfterSecondCommit))
                    .hasMessage("killed");
            assertThat(target.find(NAME).orElseThrow().stats().documents()).isEqualTo(6);

            CollectionMigration.Result resumed = migration.migrate(NAME, 0, false, CollectionMigration.Progress.NONE);
            assertThat(resumed.skipped()).isEqualTo(6);
            assertThat(resumed.copied()).isEqualTo(5);
            assertThat(resumed.verified()).as(resumed.problems().toString()).isTrue();
            MigrationChecks.assertSameContent(source.find(NAME).orElseThrow(), target.find(NAME).orElseThrow());
        }
    }

    @Test
    void aTargetHoldingADocumentTheSourceLacksFailsVerificationUntilPruned() {
        try (LuceneCollections source = new LuceneCollections(sourceDir);
             LuceneCollections target = new LuceneCollections(targetDir)) {
            IndexSettings settings = source.find(NAME).orElseThrow().settings();
            try (ChunkIndexWriter writer = target.openOrCreate(NAME, settings).openWriter()) {
                writer.upsert(new IndexedDocument("stray", "stray.txt", "Stray", "text/plain", "h", 1, 1, 1, 0, 1,
                        Map.of()), ContractDocuments.chunks("stray", "只在目标里的一段。"),
                        List.of(new HashingEmbeddingModel(64).embed("只在目标里的一段。").content().vector()));
                writer.commit();
            }
            CollectionMigration migration = new CollectionMigration(source, target, 50);
            CollectionMigration.Result result = migration.migrate(NAME, 0, false, CollectionMigration.Progress.NONE);
            assertThat(result.verified()).isFalse();
            assertThat(result.targetDocuments()).isEqualTo(result.sourceDocuments() + 1);
            assertThat(result.problems()).containsExactly(
                    "documents: source 11, target 12",
                    "chunks: source " + result.sourceChunks() + ", target " + (result.sourceChunks() + 1),
                    "1 target documents the source does not have (--prune deletes them): stray");

            CollectionMigration.Result pruned = migration.migrate(NAME, 0, true, CollectionMigration.Progress.NONE);
            assertThat(pruned.pruned()).isEqualTo(1);
            assertThat(pruned.copied()).isZero();
            assertThat(pruned.verified()).as(pruned.problems().toString()).isTrue();
        }
    }

    @Test
    void aTargetBuiltWithAnotherModelIsRefusedAndLeftAlone() {
        try (LuceneCollections source = new LuceneCollections(sourceDir);
             LuceneCollections target = new LuceneCollections(targetDir)) {
            target.openOrCreate(NAME, new IndexSettings("bge-m3", 1024, "cjk"));
            assertThatThrownBy(() -> new CollectionMigration(source, target, 50).migrate(NAME, 0, false,
                    CollectionMigration.Progress.NONE))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Collection 'docs' already exists on the target with embedding model bge-m3"
                            + " (dimension 1024, analyzer cjk), but the source has embedding model hashing (dimension"
                            + " 64, analyzer cjk)");
            assertThat(target.find(NAME).orElseThrow().stats().documents()).isZero();
            assertThatThrownBy(() -> new CollectionMigration(source, target, 50).migrate("nope", 0, false,
                    CollectionMigration.Progress.NONE))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("No collection 'nope' to migrate: the source has [docs]");
        }
    }

    private static CollectionMigration.Progress recording(List<String> events) {
        return new CollectionMigration.Progress() {
            @Override
            public void started(int documents, int alreadyCopied) {
                events.add("started " + documents + " " + alreadyCopied);
            }

            @Override
            public void committed(int done, int documents, int copiedChunks) {
                events.add("committed " + done + " of " + documents);
            }
        };
    }
}

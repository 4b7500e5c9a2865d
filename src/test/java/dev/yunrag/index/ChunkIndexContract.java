package dev.yunrag.index;

import static dev.yunrag.index.ContractDocuments.DIMENSION;
import static dev.yunrag.index.ContractDocuments.MODEL;
import static dev.yunrag.index.ContractDocuments.SETTINGS;
import static dev.yunrag.index.ContractDocuments.chunks;
import static dev.yunrag.index.ContractDocuments.ledger;
import static dev.yunrag.index.ContractDocuments.put;
import static dev.yunrag.index.ContractDocuments.putVersion;
import static dev.yunrag.index.ContractDocuments.vector;
import static dev.yunrag.index.ContractDocuments.vectors;
import static dev.yunrag.index.ContractDocuments.versionOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.yunrag.model.Chunk;
import dev.yunrag.model.ScoredChunk;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The promises of {@link ChunkIndex}, {@link IndexView}, {@link ChunkIndexWriter} and {@link CollectionCatalog} that
 * every storage backend must keep. A backend's test extends this class and says how to reach a fresh store
 * ({@link #openCatalog()}); everything else is the same for every backend. The ranking behaviour beyond these
 * promises (which passage wins) is tested per backend and by the evaluation.
 */
public abstract class ChunkIndexContract {

    /** Collection used by most tests. */
    protected static final String COLLECTION = "contract";

    private final List<CollectionCatalog> opened = new ArrayList<>();
    private CollectionCatalog catalog;

    /**
     * A catalog on this test's store, empty when first called in a test. Each call returns a new catalog on the same
     * store, as another process (or server) sharing it would have; the suite closes them after the test.
     */
    protected abstract CollectionCatalog openCatalog() throws Exception;

    @BeforeEach
    void openStore() throws Exception {
        catalog = another();
    }

    @AfterEach
    void closeStore() {
        Collections.reverse(opened);
        opened.forEach(CollectionCatalog::close);
    }

    private CollectionCatalog another() throws Exception {
        CollectionCatalog next = openCatalog();
        opened.add(next);
        return next;
    }

    private ChunkIndex create() {
        return catalog.openOrCreate(COLLECTION, SETTINGS);
    }

    // ---- atomic replace, visibility at commit, one view per request ----

    @Test
    void readersNeverSeeAMixOfADocumentsVersionsWhileItIsReplaced() throws Exception {
        ChunkIndex index = create();
        try (ChunkIndexWriter writer = index.openWriter()) {
            putVersion(writer, 0);
            writer.commit();
        }
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger reads = new AtomicInteger();
        ExecutorService readers = Executors.newFixedThreadPool(3);
        try {
            List<CompletableFuture<Void>> checks = new ArrayList<>();
            for (int r = 0; r < 3; r++) {
                checks.add(CompletableFuture.runAsync(() -> {
                    // At least one read after the writer is done, however the threads are scheduled.
                    boolean more = true;
                    while (more) {
                        more = writing.get();
                        assertOneWholeVersion(index);
                        reads.incrementAndGet();
                    }
                }, readers));
            }
            try (ChunkIndexWriter writer = index.openWriter()) {
                for (int v = 1; v <= 40; v++) {
                    putVersion(writer, v);
                    writer.commit();
                }
            } finally {
                writing.set(false);
            }
            CompletableFuture.allOf(checks.toArray(CompletableFuture[]::new)).join();
        } finally {
            readers.shutdownNow();
        }
        assertThat(reads.get()).isGreaterThanOrEqualTo(3);
        try (IndexView view = index.snapshot()) {
            assertThat(view.document("doc")).map(IndexedDocument::contentHash).contains("v40");
        }
    }

    /** Within one view, the ledger, the chunks, BM25 and kNN all show the same single version of "doc". */
    private static void assertOneWholeVersion(ChunkIndex index) {
        try (IndexView view = index.snapshot()) {
            IndexedDocument entry = view.document("doc").orElseThrow();
            String version = entry.contentHash();
            List<Chunk> chunks = view.chunksOf("doc");
            assertThat(chunks).hasSize(entry.chunkCount());
            assertThat(chunks).allSatisfy(chunk -> assertThat(versionOf(chunk.text())).isEqualTo(version));
            assertThat(view.searchBm25("共同的段落 年假", 10, SearchFilter.NONE)).hasSize(entry.chunkCount())
                    .allSatisfy(hit -> assertThat(versionOf(hit.text())).isEqualTo(version));
            assertThat(view.searchVector(vector("共同的段落 年假制度说明"), 10, SearchFilter.NONE))
                    .hasSize(entry.chunkCount())
                    .allSatisfy(hit -> assertThat(versionOf(hit.text())).isEqualTo(version));
            assertThat(view.chunkCount()).isEqualTo(entry.chunkCount());
        }
    }

    @Test
    void aCommitAfterAViewIsTakenIsNotSeenByThatViewBetweenItsBm25AndKnnReads() throws Exception {
        ChunkIndex index = create();
        try (ChunkIndexWriter writer = index.openWriter()) {
            putVersion(writer, 1);
            writer.commit();
            try (IndexView request = index.snapshot()) {
                List<ScoredChunk> bm25 = request.searchBm25("共同的段落", 10, SearchFilter.NONE);
                putVersion(writer, 2);
                writer.commit();
                List<ScoredChunk> knn = request.searchVector(vector("共同的段落 年假制度说明"), 10, SearchFilter.NONE);
                assertThat(bm25).hasSize(2).allSatisfy(hit -> assertThat(versionOf(hit.text())).isEqualTo("v1"));
                assertThat(knn).hasSize(2).allSatisfy(hit -> assertThat(versionOf(hit.text())).isEqualTo("v1"));
                assertThat(request.document("doc")).map(IndexedDocument::contentHash).contains("v1");
                assertThat(request.chunksOf("doc")).hasSize(2);
            }
            try (IndexView next = index.snapshot()) {
                assertThat(next.document("doc")).map(IndexedDocument::contentHash).contains("v2");
                assertThat(next.chunksOf("doc")).hasSize(3)
                        .allSatisfy(chunk -> assertThat(versionOf(chunk.text())).isEqualTo("v2"));
            }
        }
    }

    @Test
    void writesAreInvisibleUntilCommitAndDiscardedWhenTheWriterClosesWithoutOne() throws Exception {
        ChunkIndex index = create();
        try (ChunkIndexWriter writer = index.openWriter()) {
            put(writer, "a", "a.txt", "未提交的内容。");
            assertThat(index.documents()).isEmpty();
            assertThat(index.searchBm25("未提交", 5, SearchFilter.NONE)).isEmpty();
        }
        assertThat(index.stats().documents()).isZero();
        try (ChunkIndexWriter writer = index.openWriter()) {
            put(writer, "b", "b.txt", "已提交的内容。");
            writer.commit();
        }
        assertThat(index.documents()).extracting(IndexedDocument::documentId).containsExactly("b");
    }

    @Test
    void committedDataSurvivesReopeningTheStore() throws Exception {
        try (ChunkIndexWriter writer = create().openWriter()) {
            put(writer, "a", "a.txt", "员工每年享有十五天带薪年假。");
            writer.commit();
        }
        ChunkIndex reopened = another().find(COLLECTION).orElseThrow();
        assertThat(reopened.settings()).isEqualTo(SETTINGS);
        assertThat(reopened.documents()).extracting(IndexedDocument::documentId).containsExactly("a");
        assertThat(reopened.searchBm25("年假", 5, SearchFilter.NONE)).hasSize(1);
    }

    // ---- delete ----

    @Test
    void deleteRemovesADocumentsLedgerRecordAndChunksTogether() throws Exception {
        ChunkIndex index = create();
        try (ChunkIndexWriter writer = index.openWriter()) {
            put(writer, "a", "a.txt", "第一份文件的年假说明。", "第一份文件的第二段。");
            put(writer, "b", "b.txt", "第二份文件的年假说明。");
            writer.commit();
            writer.delete("a");
            writer.delete("no-such-document");
            writer.commit();
        }
        try (IndexView view = index.snapshot()) {
            assertThat(view.documents()).extracting(IndexedDocument::documentId).containsExactly("b");
            assertThat(view.document("a")).isEmpty();
            assertThat(view.chunksOf("a")).isEmpty();
            assertThat(view.searchBm25("年假说明", 10, SearchFilter.NONE)).extracting(ScoredChunk::source)
                    .containsExactly("b.txt");
            assertThat(view.searchVector(vector("第一份文件的年假说明。"), 10, SearchFilter.NONE))
                    .extracting(ScoredChunk::source).containsExactly("b.txt");
            assertThat(view.documentCount()).isEqualTo(1);
            assertThat(view.chunkCount()).isEqualTo(1);
        }
    }

    @Test
    void theCatalogDeletesOneDocumentAndSaysWhenThereWasNone() throws Exception {
        assertThat(catalog.deleteDocument(COLLECTION, "a")).isFalse();
        assertThat(catalog.exists(COLLECTION)).isFalse();
        try (ChunkIndexWriter writer = create().openWriter()) {
            put(writer, "a", "a.txt", "第一份。");
            put(writer, "b", "b.txt", "第二份。");
            writer.commit();
        }
        assertThat(catalog.deleteDocument(COLLECTION, "missing")).isFalse();
        assertThat(catalog.deleteDocument(COLLECTION, "a")).isTrue();
        assertThat(another().find(COLLECTION).orElseThrow().documents()).extracting(IndexedDocument::documentId)
                .containsExactly("b");
        assertThat(lockedElsewhere(COLLECTION)).isFalse();
    }

    @Test
    void deleteAllEmptiesTheCollectionAtTheNextCommit() throws Exception {
        ChunkIndex index = create();
        try (ChunkIndexWriter writer = index.openWriter()) {
            put(writer, "a", "a.txt", "第一份。");
            put(writer, "b", "b.txt", "第二份。");
            writer.commit();
            writer.deleteAll();
            assertThat(index.stats().documents()).isEqualTo(2);
            writer.commit();
        }
        assertThat(index.stats().documents()).isZero();
        assertThat(index.stats().chunks()).isZero();
        assertThat(index.settings()).isEqualTo(SETTINGS);
    }

    // ---- what a search returns ----

    @Test
    void searchesReturnAtMostKChunksBestFirstWithRanksFromOne() throws Exception {
        ChunkIndex index = create();
        try (ChunkIndexWriter writer = index.openWriter()) {
            put(writer, "a", "a.txt", "年假 年假 年假 制度。", "年假 制度。", "差旅 住宿 标准。");
            put(writer, "b", "b.txt", "年假 申请 流程 说明 以及 其他 很多 无关 的 内容。");
            writer.commit();
        }
        try (IndexView view = index.snapshot()) {
            List<ScoredChunk> bm25 = view.searchBm25("年假", 2, SearchFilter.NONE);
            assertThat(bm25).hasSize(2);
            assertThat(bm25.get(0).text()).isEqualTo("年假 年假 年假 制度。");
            assertThat(bm25).extracting(hit -> hit.trace().bm25Rank()).containsExactly(1, 2);
            assertThat(bm25.get(0).trace().bm25Score()).isGreaterThanOrEqualTo(bm25.get(1).trace().bm25Score())
                    .isPositive();
            assertThat(bm25.get(0).source()).isEqualTo("a.txt");
            assertThat(bm25.get(0).title()).isEqualTo("标题 a");
            assertThat(bm25.get(0).contentType()).isEqualTo("text/plain");

            float[] query = vector("差旅 住宿 标准。");
            List<ScoredChunk> knn = view.searchVector(query, 3, SearchFilter.NONE);
            assertThat(knn).hasSize(3);
            assertThat(knn.get(0).text()).isEqualTo("差旅 住宿 标准。");
            assertThat(knn).extracting(hit -> hit.trace().vectorRank()).containsExactly(1, 2, 3);
            for (ScoredChunk hit : knn) {
                assertThat(hit.trace().vectorScore()).isBetween(0f, 1f)
                        .isCloseTo((1 + dot(query, vector(hit.text()))) / 2, within(1e-3f));
            }
            assertThat(knn.get(0).trace().vectorScore()).isCloseTo(1f, within(1e-3f));
            assertThat(knn.get(0).trace().vectorScore()).isGreaterThanOrEqualTo(knn.get(1).trace().vectorScore());
            assertThat(knn.get(1).trace().vectorScore()).isGreaterThanOrEqualTo(knn.get(2).trace().vectorScore());
        }
    }

    @Test
    void aQueryWithoutTermsFindsNothingAndAnOverlongOneIsCutNotRefused() throws Exception {
        ChunkIndex index = create();
        try (ChunkIndexWriter writer = index.openWriter()) {
            put(writer, "a", "a.txt", "年假制度说明。");
            writer.commit();
        }
        assertThat(index.searchBm25("？！。，", 5, SearchFilter.NONE)).isEmpty();
        assertThat(index.searchBm25("年假制度说明" + "其他的字".repeat(500), 5, SearchFilter.NONE)).hasSize(1);
    }

    private static float dot(float[] a, float[] b) {
        float sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    // ---- errors ----

    @Test
    void wrongDimensionsAndMismatchedVectorsAreRefusedWritingNothing() throws Exception {
        ChunkIndex index = create();
        assertThatThrownBy(() -> index.searchVector(new float[8], 3, SearchFilter.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("8");
        try (ChunkIndexWriter writer = index.openWriter()) {
            List<Chunk> two = chunks("a", "第一段。", "第二段。");
            IndexedDocument entry = ledger("a", "a.txt", "text/plain", 0, "h", 2);
            assertThatThrownBy(() -> writer.upsert(entry, two, List.of(vector("第一段。"))))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> writer.upsert(entry, two, List.of(vector("第一段。"), new float[DIMENSION / 2])))
                    .isInstanceOf(IllegalArgumentException.class);
            writer.commit();
        }
        assertThat(index.stats().documents()).isZero();
        assertThat(index.stats().chunks()).isZero();
    }

    @Test
    void aSecondWriterOnTheCollectionIsRefusedWithAClearError() throws Exception {
        ChunkIndex index = create();
        ChunkIndex elsewhere = another().find(COLLECTION).orElseThrow();
        try (ChunkIndexWriter ignored = index.openWriter()) {
            assertThatThrownBy(elsewhere::openWriter).isInstanceOf(CollectionLockedException.class)
                    .hasMessageContaining("'" + COLLECTION + "'").hasMessageContaining("another");
        }
        try (ChunkIndexWriter writer = elsewhere.openWriter()) {
            put(writer, "a", "a.txt", "锁释放之后可以写。");
            writer.commit();
        }
        assertThat(index.documents()).hasSize(1);
    }

    // ---- filters ----

    @Test
    void filtersKeepOnlyChunksOfMatchingDocumentsInBothBranches() throws Exception {
        try (ChunkIndexWriter writer = create().openWriter()) {
            put(writer, ledger("hr", "hr/leave.pdf", "application/pdf", 1_000, "h1", 1), "年假政策说明。");
            put(writer, ledger("it", "it/security.html", "text/html", 5_000, "h2", 1), "年假期间的账号安全。");
            put(writer, ledger("fin", "finance/travel.md", "text/markdown", 9_000, "h3", 1), "年假和差旅的报销。");
            writer.commit();
        }
        assertFilter(new SearchFilter("hr/", null, null), "hr/leave.pdf");
        assertFilter(new SearchFilter(null, "text/html", null), "it/security.html");
        // strictly after: a document modified at exactly the instant is left out
        assertFilter(new SearchFilter(null, null, java.time.Instant.ofEpochMilli(5_000)), "finance/travel.md");
        assertFilter(SearchFilter.NONE, "hr/leave.pdf", "it/security.html", "finance/travel.md");
        assertFilter(null, "hr/leave.pdf", "it/security.html", "finance/travel.md");
        assertFilter(new SearchFilter("hr/", "text/html", null));
    }

    @Test
    void metadataConditionsCompareTextAndTimesJoinedByAndOrOr() throws Exception {
        try (ChunkIndexWriter writer = create().openWriter()) {
            put(writer, ledger("hr", "hr/leave.pdf", "application/pdf", 1_000, "h1", 1), "年假政策说明。");
            put(writer, ledger("it", "it/security.html", "text/html", 5_000, "h2", 1), "年假期间的账号安全。");
            put(writer, ledger("fin", "finance/travel.md", "text/markdown", 9_000, "h3", 1), "年假和差旅的报销。");
            writer.commit();
        }
        assertFilter(condition(false, text(MetadataCondition.Field.SOURCE, MetadataCondition.Operator.CONTAINS,
                "securi")), "it/security.html");
        assertFilter(condition(false, text(MetadataCondition.Field.SOURCE, MetadataCondition.Operator.ENDS_WITH,
                ".md")), "finance/travel.md");
        assertFilter(condition(false, text(MetadataCondition.Field.CONTENT_TYPE, MetadataCondition.Operator.NOT_IN,
                "application/pdf", "text/html")), "finance/travel.md");
        assertFilter(condition(false, text(MetadataCondition.Field.CONTENT_TYPE, MetadataCondition.Operator.IS_NOT,
                "text/html")), "hr/leave.pdf", "finance/travel.md");
        assertFilter(condition(false, text(MetadataCondition.Field.SOURCE, MetadataCondition.Operator.EMPTY)));
        assertFilter(condition(false, time(MetadataCondition.Operator.BEFORE, 5_000)), "hr/leave.pdf");
        assertFilter(condition(false, time(MetadataCondition.Operator.GREATER_OR_EQUAL, 5_000)),
                "it/security.html", "finance/travel.md");
        // AND: both must hold; OR: either
        assertFilter(condition(false, time(MetadataCondition.Operator.AFTER, 1_000),
                text(MetadataCondition.Field.SOURCE, MetadataCondition.Operator.STARTS_WITH, "it/")),
                "it/security.html");
        assertFilter(condition(true, time(MetadataCondition.Operator.EQUAL, 1_000),
                text(MetadataCondition.Field.SOURCE, MetadataCondition.Operator.IS, "finance/travel.md")),
                "hr/leave.pdf", "finance/travel.md");
    }

    @Test
    void aFilteredKnnSearchReturnsKResultsWhenKChunksPassTheFilter() throws Exception {
        try (ChunkIndexWriter writer = create().openWriter()) {
            for (int i = 0; i < 30; i++) {
                put(writer, ledger("near" + i, "near/" + i + ".txt", "text/plain", 0, "n" + i, 1),
                        "差旅住宿标准 第" + i + "条");
            }
            put(writer, ledger("far", "far/only.txt", "text/plain", 0, "f", 1), "信息安全要求密码至少十二位。");
            writer.commit();
        }
        ChunkIndex index = catalog.find(COLLECTION).orElseThrow();
        assertThat(index.searchVector(vector("差旅住宿标准"), 1, new SearchFilter("far/", null, null)))
                .extracting(ScoredChunk::source).containsExactly("far/only.txt");
    }

    private static SearchFilter condition(boolean any, MetadataCondition.Comparison... comparisons) {
        return SearchFilter.of(new MetadataCondition(any, List.of(comparisons)));
    }

    private static MetadataCondition.Comparison text(MetadataCondition.Field field, MetadataCondition.Operator op,
                                                     String... values) {
        return new MetadataCondition.Comparison(field, op, List.of(values), null);
    }

    private static MetadataCondition.Comparison time(MetadataCondition.Operator op, long epochMillis) {
        return new MetadataCondition.Comparison(MetadataCondition.Field.MODIFIED, op, List.of(),
                java.time.Instant.ofEpochMilli(epochMillis));
    }

    /** BM25 and kNN with the filter both return exactly the chunks of these sources. */
    private void assertFilter(SearchFilter filter, String... sources) {
        try (IndexView view = catalog.find(COLLECTION).orElseThrow().snapshot()) {
            assertThat(view.searchBm25("年假", 10, filter)).extracting(ScoredChunk::source)
                    .as("BM25 with %s", filter).containsExactlyInAnyOrder(sources);
            assertThat(view.searchVector(vector("年假"), 10, filter)).extracting(ScoredChunk::source)
                    .as("kNN with %s", filter).containsExactlyInAnyOrder(sources);
        }
    }

    // ---- ledger and counts ----

    @Test
    void theLedgerKeepsEveryFieldAndListsDocumentsBySource() throws Exception {
        ChunkIndex index = create();
        IndexedDocument b = ledger("b", "b/second.pdf", "application/pdf", 1_700_000_000_000L, "hash-b", 3);
        try (ChunkIndexWriter writer = index.openWriter()) {
            put(writer, b, "第一段。", "第二段。", "第三段。");
            put(writer, "a", "a/first.txt", "唯一的一段。");
            writer.commit();
        }
        try (IndexView view = index.snapshot()) {
            assertThat(view.documents()).extracting(IndexedDocument::source)
                    .containsExactly("a/first.txt", "b/second.pdf");
            assertThat(view.document("b")).contains(b);
            assertThat(view.document("missing")).isEmpty();
            assertThat(view.chunksOf("b")).isEqualTo(chunks("b", "第一段。", "第二段。", "第三段。"));
            assertThat(view.chunksOf("missing")).isEmpty();
            assertThat(view.documentCount()).isEqualTo(2);
            assertThat(view.chunkCount()).isEqualTo(4);
        }
        IndexStats stats = index.stats();
        assertThat(stats.documents()).isEqualTo(2);
        assertThat(stats.chunks()).isEqualTo(4);
        assertThat(stats.settings()).isEqualTo(SETTINGS);
        assertThat(stats.bytesOnDisk()).isNotNegative();
    }

    @Test
    void aStoredDocumentReadsBackItsLedgerChunksAndVectorsExactlyAsWritten() throws Exception {
        ChunkIndex index = create();
        IndexedDocument b = ledger("b", "b/second.pdf", "application/pdf", 1_700_000_000_000L, "hash-b", 3);
        List<Chunk> written = new ArrayList<>(chunks("b", "第一段，年假。", "第二段，病假。", "第三段，产假。"));
        // a chunk that crosses a page and a heading keeps both boundaries
        written.set(2, new Chunk("b", 2, "第三段，产假。", 14, 21, 2, 3, List.of("第一章"),
                List.of(new dev.yunrag.model.PageSpan(2, 14, 17), new dev.yunrag.model.PageSpan(3, 17, 21)),
                List.of(new dev.yunrag.model.SectionStart(14, List.of("第一章")),
                        new dev.yunrag.model.SectionStart(18, List.of("第二章")))));
        List<float[]> vectors = vectors(written);
        try (ChunkIndexWriter writer = index.openWriter()) {
            writer.upsert(b, written, vectors);
            writer.upsert(ledger("empty", "empty.pdf", "application/pdf", 0, "h", 0), List.of(), List.of());
            writer.commit();
        }
        try (IndexView view = index.snapshot()) {
            StoredDocument stored = view.storedDocument("b").orElseThrow();
            assertThat(stored.document()).isEqualTo(b);
            assertThat(stored.chunks()).isEqualTo(written);
            assertThat(stored.vectors()).hasSize(3);
            for (int i = 0; i < 3; i++) {
                assertThat(stored.vectors().get(i)).as("vector %d", i).containsExactly(vectors.get(i));
            }
            assertThat(view.storedDocument("empty").orElseThrow().chunks()).isEmpty();
            assertThat(view.storedDocument("missing")).isEmpty();
        }
    }

    @Test
    void aDocumentWithoutChunksKeepsItsLedgerRecord() throws Exception {
        ChunkIndex index = create();
        try (ChunkIndexWriter writer = index.openWriter()) {
            writer.upsert(ledger("empty", "empty.pdf", "application/pdf", 0, "h", 0), List.of(), List.of());
            writer.commit();
        }
        assertThat(index.documents()).extracting(IndexedDocument::documentId).containsExactly("empty");
        assertThat(index.stats().chunks()).isZero();
    }

    // ---- the catalog: lifecycle, model check, lock ----

    @Test
    void theCatalogCreatesListsFindsAndDropsCollectionsWithoutCreatingOnReads() throws Exception {
        assertThat(catalog.find("nothing")).isEmpty();
        assertThat(catalog.exists("nothing")).isFalse();
        assertThat(catalog.names()).isEmpty();
        catalog.openOrCreate("zeta", SETTINGS);
        catalog.openOrCreate("alpha", SETTINGS.withReranker("none"));
        assertThat(catalog.names()).containsExactly("alpha", "zeta");
        assertThat(another().find("alpha")).map(ChunkIndex::settings).contains(SETTINGS.withReranker("none"));
        catalog.drop("zeta");
        catalog.drop("never-existed");
        assertThat(catalog.names()).containsExactly("alpha");
        assertThat(catalog.exists("zeta")).isFalse();
        assertThatThrownBy(() -> catalog.find("../escape")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Invalid collection name");
        assertThatThrownBy(() -> catalog.openForWriting("-bad", null, false, model -> SETTINGS))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void openingForWritingCreatesWithTheWritersSettingsAndHoldsTheLockUntilClosed() throws Exception {
        List<String> asked = new ArrayList<>();
        try (WritableCollection target = catalog.openForWriting(COLLECTION, null, false, model -> {
            asked.add(String.valueOf(model));
            return SETTINGS;
        })) {
            assertThat(asked).containsExactly("null");
            assertThat(target.index().settings()).isEqualTo(SETTINGS);
            assertThat(lockedElsewhere(COLLECTION)).isTrue();
            put(target.writer(), "a", "a.txt", "写入的内容。");
            target.writer().commit();
        }
        assertThat(lockedElsewhere(COLLECTION)).isFalse();
        assertThat(catalog.find(COLLECTION).orElseThrow().documents()).hasSize(1);
        try (WritableCollection same = catalog.openForWriting(COLLECTION, MODEL, false, model -> {
            throw new AssertionError("an existing collection is not created again");
        })) {
            assertThat(same.index().documents()).hasSize(1);
        }
    }

    @Test
    void anotherEmbeddingModelIsRefusedUnlessRebuildingWhichStartsAnEmptyCollection() throws Exception {
        try (WritableCollection target = catalog.openForWriting(COLLECTION, MODEL, false, model -> SETTINGS)) {
            put(target.writer(), "a", "a.txt", "旧模型的向量。");
            target.writer().commit();
        }
        IndexSettings other = new IndexSettings("other-model", DIMENSION * 2, "cjk");
        assertThatThrownBy(() -> catalog.openForWriting(COLLECTION, "other-model", false, model -> other))
                .isInstanceOf(CollectionMismatchException.class)
                .hasMessageContaining(MODEL).hasMessageContaining("other-model").hasMessageContaining("--reindex");
        assertThat(lockedElsewhere(COLLECTION)).isFalse();
        assertThat(catalog.find(COLLECTION).orElseThrow().documents()).hasSize(1);

        try (WritableCollection rebuilt = catalog.openForWriting(COLLECTION, "other-model", true, model -> other)) {
            assertThat(rebuilt.index().settings()).isEqualTo(other);
            assertThat(rebuilt.index().documents()).isEmpty();
            // a rebuild becomes the collection when published after its last commit (on the embedded backend it
            // is built aside, and a rebuild closed unpublished leaves the collection as it was: ReindexAsideTest)
            rebuilt.writer().commit();
            rebuilt.publish();
        }
        assertThat(another().find(COLLECTION)).map(ChunkIndex::settings).contains(other);
    }

    @Test
    void pruningDeletesThePickedDocumentsAtTheNextCommit() throws Exception {
        try (WritableCollection target = catalog.openForWriting(COLLECTION, null, false, model -> SETTINGS)) {
            put(target.writer(), "keep", "keep.txt", "留下的文件。");
            put(target.writer(), "gone1", "gone/1.txt", "删除的文件一。");
            put(target.writer(), "gone2", "gone/2.txt", "删除的文件二。");
            target.writer().commit();
            assertThat(target.prune(doc -> doc.source().startsWith("gone/"))).isEqualTo(2);
            assertThat(target.index().documents()).hasSize(3);
            target.writer().commit();
            assertThat(target.index().documents()).extracting(IndexedDocument::documentId).containsExactly("keep");
            assertThat(target.index().stats().chunks()).isEqualTo(1);
        }
    }

    @Test
    void openExistingLocksOnlyACollectionThatExists() throws Exception {
        assertThat(catalog.openExisting(COLLECTION)).isEmpty();
        assertThat(lockedElsewhere(COLLECTION)).isFalse();
        assertThat(catalog.exists(COLLECTION)).isFalse();
        create();
        Optional<WritableCollection> opened = catalog.openExisting(COLLECTION);
        assertThat(opened).isPresent();
        try (WritableCollection target = opened.get()) {
            assertThat(lockedElsewhere(COLLECTION)).isTrue();
            assertThat(target.index().collection()).isEqualTo(COLLECTION);
        }
        assertThat(lockedElsewhere(COLLECTION)).isFalse();
    }

    /** Whether another thread of this process would have to wait for the collection's write lock. */
    private boolean lockedElsewhere(String collection) throws Exception {
        return !CompletableFuture.supplyAsync(() -> {
            var lock = catalog.writeLock(collection);
            boolean free = lock.tryLock();
            if (free) {
                lock.unlock();
            }
            return free;
        }).get();
    }
}

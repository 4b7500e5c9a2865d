package dev.yunrag.retrieve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.data.segment.TextSegment;
import dev.yunrag.embed.Embedder;
import dev.yunrag.embed.HashingEmbeddingModel;
import dev.yunrag.index.ChunkIndex;
import dev.yunrag.index.ChunkIndexWriter;
import dev.yunrag.index.CollectionCatalog;
import dev.yunrag.index.IndexSettings;
import dev.yunrag.index.IndexStats;
import dev.yunrag.index.IndexUnavailableException;
import dev.yunrag.index.IndexView;
import dev.yunrag.index.IndexedDocument;
import dev.yunrag.index.SearchFilter;
import dev.yunrag.index.lucene.LuceneCollections;
import dev.yunrag.model.Chunk;
import dev.yunrag.model.ScoredChunk;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.Lock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hybrid branch the index cannot answer (a backend timeout or error, as a paused SolrCloud replica gives) while the
 * other branch does: the search still returns the other branch's hits, with its rank traces, and an
 * {@code index_partial} warning naming the failed branch; both failed is the index's failure (503). A real Lucene
 * collection underneath; only the failing branch is replaced, by an exception like the Solr backend's
 * ({@code SolrCalls}). Exceptions that are not index failures (a wrong vector size) still propagate.
 */
class PartialSearchTest {

    private static final int DIMENSION = 32;
    private static final Embedder EMBEDDER = new Embedder("hashing-32", DIMENSION, "",
            new HashingEmbeddingModel(DIMENSION));

    @TempDir
    Path dataDir;

    private LuceneCollections lucene;

    @BeforeEach
    void writeCollection() {
        lucene = new LuceneCollections(dataDir);
        ChunkIndex index = lucene.openOrCreate("c", new IndexSettings("hashing-32", DIMENSION, "cjk"));
        try (ChunkIndexWriter writer = index.openWriter()) {
            for (int d = 0; d < 3; d++) {
                String text = "第" + d + "份 年假制度 每年十天";
                Chunk chunk = new Chunk("doc" + d, 0, text, 0, text.length(), null, null, List.of());
                writer.upsert(new IndexedDocument("doc" + d, "doc" + d + ".txt", "doc" + d, "text/plain", "h" + d,
                        10, 1_000, 2_000, 0, 1, Map.of()), List.of(chunk),
                        List.of(EMBEDDER.model().embed(TextSegment.from(text)).content().vector()));
            }
            writer.commit();
        }
    }

    @AfterEach
    void close() {
        lucene.close();
    }

    @Test
    void aTimedOutKnnBranchLeavesTheBm25HitsWithAWarning() {
        Candidates found = search(Failing.VECTOR, new IndexUnavailableException("SolrCloud did not answer when asked"
                + " to search (kNN) in collection 'c': Timeout", null));

        assertThat(found.bm25()).isNotEmpty().allSatisfy(hit -> assertThat(hit.trace().bm25Rank()).isPositive());
        assertThat(found.vector()).isEmpty();
        assertThat(found.warnings()).singleElement().asString().startsWith(BranchFailure.PREFIX)
                .contains("vector (kNN)").contains("Timeout").contains("keyword (BM25) search only");
        assertThat(BranchFailure.in(found.warnings())).isTrue();
    }

    @Test
    void aBm25BranchErrorLeavesTheKnnHitsWithAWarning() {
        Candidates found = search(Failing.BM25, new UncheckedIOException("Solr failed to search (BM25)",
                new IOException("500")));

        assertThat(found.bm25()).isEmpty();
        assertThat(found.vector()).hasSize(3).allSatisfy(hit -> assertThat(hit.trace().vectorRank()).isPositive());
        assertThat(found.warnings()).singleElement().asString().contains("keyword (BM25)")
                .contains("vector (kNN) search only");
    }

    @Test
    void bothBranchesFailedIsTheIndexFailure() {
        IndexUnavailableException down = new IndexUnavailableException("SolrCloud did not answer", null);

        assertThatThrownBy(() -> search(Failing.BOTH, down)).isSameAs(down);
    }

    @Test
    void aFailureThatIsNotTheIndexsPropagates() {
        assertThatThrownBy(() -> search(Failing.VECTOR, new IllegalArgumentException("Query vector has 3 dimensions")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void noFailureNoWarning() {
        Candidates found = search(Failing.NONE, null);

        assertThat(found.bm25()).isNotEmpty();
        assertThat(found.vector()).hasSize(3);
        assertThat(found.warnings()).isEmpty();
        assertThat(BranchFailure.in(found.warnings())).isFalse();
    }

    private enum Failing { NONE, BM25, VECTOR, BOTH }

    private Candidates search(Failing failing, RuntimeException failure) {
        CollectionCatalog catalog = new FailingCatalog(lucene, failing, failure);
        try (HybridSearch search = new HybridSearch(catalog, model -> EMBEDDER, 10)) {
            return search.search(new RetrievalQuery("c", "年假制度", 5, null));
        }
    }

    /** The Lucene collections, whose views fail the chosen branch with the given exception. */
    private record FailingCatalog(CollectionCatalog lucene, Failing failing, RuntimeException failure)
            implements CollectionCatalog {

        @Override
        public List<String> names() {
            return lucene.names();
        }

        @Override
        public boolean exists(String collection) {
            return lucene.exists(collection);
        }

        @Override
        public Optional<ChunkIndex> find(String collection) {
            return lucene.find(collection).map(index -> new ChunkIndex() {
                @Override
                public String collection() {
                    return index.collection();
                }

                @Override
                public IndexSettings settings() {
                    return index.settings();
                }

                @Override
                public IndexView snapshot() {
                    return new FailingView(index.snapshot(), failing, failure);
                }

                @Override
                public ChunkIndexWriter openWriter() {
                    return index.openWriter();
                }

                @Override
                public IndexStats stats() {
                    return index.stats();
                }
            });
        }

        @Override
        public ChunkIndex openOrCreate(String collection, IndexSettings settingsIfNew) {
            return lucene.openOrCreate(collection, settingsIfNew);
        }

        @Override
        public void drop(String collection) {
            lucene.drop(collection);
        }

        @Override
        public Lock writeLock(String collection) {
            return lucene.writeLock(collection);
        }

        @Override
        public void close() {
            // the test closes the Lucene collections
        }
    }

    /** A view that throws for one branch (or both) and reads the real view otherwise. */
    private record FailingView(IndexView view, Failing failing, RuntimeException failure) implements IndexView {

        @Override
        public List<ScoredChunk> searchBm25(String query, int k, SearchFilter filter) {
            if (failing == Failing.BM25 || failing == Failing.BOTH) {
                throw failure;
            }
            return view.searchBm25(query, k, filter);
        }

        @Override
        public List<ScoredChunk> searchVector(float[] vector, int k, SearchFilter filter) {
            if (failing == Failing.VECTOR || failing == Failing.BOTH) {
                throw failure;
            }
            return view.searchVector(vector, k, filter);
        }

        @Override
        public List<IndexedDocument> documents() {
            return view.documents();
        }

        @Override
        public Optional<IndexedDocument> document(String documentId) {
            return view.document(documentId);
        }

        @Override
        public List<Chunk> chunksOf(String documentId) {
            return view.chunksOf(documentId);
        }

        @Override
        public int documentCount() {
            return view.documentCount();
        }

        @Override
        public int chunkCount() {
            return view.chunkCount();
        }

        @Override
        public void close() {
            view.close();
        }
    }
}

package dev.yunrag.index.lucene;

import dev.yunrag.index.IndexSettings;
import dev.yunrag.index.IndexView;
import dev.yunrag.index.IndexedDocument;
import dev.yunrag.index.SearchFilter;
import dev.yunrag.index.StoredDocument;
import dev.yunrag.model.Chunk;
import dev.yunrag.model.RankTrace;
import dev.yunrag.model.ScoredChunk;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.RescoreTopNQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.util.QueryBuilder;

/**
 * The embedded {@link IndexView}: one commit of a collection, pinned (a Lucene searcher acquired from the
 * {@code SearcherManager}) until {@link #close()}: every read made through it sees the same version of every
 * document. A request that reads more than once (BM25 and then kNN; a ledger entry and then its chunks) must use
 * one snapshot: two separate reads may straddle a commit and return chunks of an old and a new version side by side
 * (found by {@code ReadConsistencyTest}). Thread-safe; close it once, after the last read.
 */
public final class IndexSnapshot implements IndexView {

    /** Most term clauses per field in a BM25 query; text and context together stay under Lucene's 1024. */
    static final int MAX_QUERY_TERMS = 400;

    /** Title and headings say what a passage is about but are shared by all of a document's chunks: weigh them less. */
    private static final float CONTEXT_BOOST = 0.3f;

    private final SearcherManager searchers;
    private final IndexSearcher searcher;
    private final String collection;
    private final IndexSettings settings;
    private final Analyzer analyzer;
    private final int rescoreOversample;
    private final Runnable released;

    /**
     * @param rescoreOversample kNN candidates per result re-scored by the float32 vectors; 1 for none
     * @param released          called once the searcher is released (the index counts the views still open)
     */
    IndexSnapshot(SearcherManager searchers, String collection, IndexSettings settings, Analyzer analyzer,
                  int rescoreOversample, Runnable released) throws IOException {
        this.searchers = searchers;
        this.searcher = searchers.acquire();
        this.released = released;
        this.collection = collection;
        this.settings = settings;
        this.analyzer = analyzer;
        this.rescoreOversample = rescoreOversample;
    }

    /** The pinned searcher, for measurements that read the index directly. */
    IndexSearcher searcher() {
        return searcher;
    }

    /** BM25 over passage text (and, weighted less, title and headings); ranks from 1. */
    @Override
    public List<ScoredChunk> searchBm25(String query, int k, SearchFilter filter) {
        QueryBuilder builder = new QueryBuilder(analyzer);
        Query text = termsQuery(builder, ChunkFields.TEXT, query);
        if (text == null) {
            return List.of();
        }
        BooleanQuery.Builder bool = new BooleanQuery.Builder().add(text, BooleanClause.Occur.SHOULD);
        Query context = termsQuery(builder, ChunkFields.CONTEXT, query);
        if (context != null) {
            bool.add(new BoostQuery(context, CONTEXT_BOOST), BooleanClause.Occur.SHOULD);
        }
        Query restriction = filterQuery(filter);
        if (restriction != null) {
            bool.add(restriction, BooleanClause.Occur.FILTER);
        }
        bool.setMinimumNumberShouldMatch(1);
        return search(bool.build(), k, true);
    }

    /** Approximate nearest neighbours (HNSW) by dot product of unit vectors; ranks from 1. */
    @Override
    public List<ScoredChunk> searchVector(float[] vector, int k, SearchFilter filter) {
        if (vector.length != settings.dimension()) {
            throw new IllegalArgumentException("Query vector has " + vector.length + " dimensions; collection '"
                    + collection + "' has " + settings.dimension());
        }
        if (rescoreOversample <= 1) {
            return search(new KnnFloatVectorQuery(ChunkFields.VECTOR, vector, k, filterQuery(filter)), k, false);
        }
        // Quantized scores are approximate: widen the HNSW search, then rank its candidates by the float32 vectors
        // (the same dot-product score as a float32 collection gives, so fused traces stay comparable).
        Query candidates = new KnnFloatVectorQuery(ChunkFields.VECTOR, vector, k * rescoreOversample,
                filterQuery(filter));
        return search(RescoreTopNQuery.createFullPrecisionRescorerQuery(candidates, vector, ChunkFields.VECTOR, k),
                k, false);
    }

    /** The ledger: every indexed document, by source. */
    @Override
    public List<IndexedDocument> documents() {
        Query query = new TermQuery(new Term(ChunkFields.KIND, ChunkFields.KIND_DOCUMENT));
        List<IndexedDocument> docs = new ArrayList<>();
        for (Document d : all(query)) {
            docs.add(ChunkFields.toIndexedDocument(d));
        }
        docs.sort(Comparator.comparing(IndexedDocument::source));
        return docs;
    }

    @Override
    public Optional<IndexedDocument> document(String documentId) {
        List<Document> found = all(ofDocument(ChunkFields.KIND_DOCUMENT, documentId));
        return found.isEmpty() ? Optional.empty() : Optional.of(ChunkFields.toIndexedDocument(found.get(0)));
    }

    /** A document's chunks in order. */
    @Override
    public List<Chunk> chunksOf(String documentId) {
        List<Chunk> chunks = new ArrayList<>();
        for (Document d : all(ofDocument(ChunkFields.KIND_CHUNK, documentId))) {
            chunks.add(ChunkFields.toChunk(d));
        }
        chunks.sort(Comparator.comparingInt(Chunk::ordinal));
        return chunks;
    }

    @Override
    public Optional<StoredDocument> storedDocument(String documentId) {
        return StoredDocuments.read(searcher, documentId);
    }

    @Override
    public int documentCount() {
        return count(ChunkFields.KIND_DOCUMENT);
    }

    @Override
    public int chunkCount() {
        return count(ChunkFields.KIND_CHUNK);
    }

    /** Live Lucene documents of one kind ({@link ChunkFields#KIND_DOCUMENT}, {@link ChunkFields#KIND_CHUNK}), or all. */
    int count(String kind) {
        try {
            return searcher.count(kind == null ? new MatchAllDocsQuery()
                    : new TermQuery(new Term(ChunkFields.KIND, kind)));
        } catch (IOException e) {
            throw failed(e);
        }
    }

    private static Query ofDocument(String kind, String documentId) {
        return new BooleanQuery.Builder()
                .add(new TermQuery(new Term(ChunkFields.KIND, kind)), BooleanClause.Occur.FILTER)
                .add(new TermQuery(new Term(ChunkFields.DOC_ID, documentId)), BooleanClause.Occur.FILTER)
                .build();
    }

    private List<Document> all(Query query) {
        try {
            int count = Math.max(1, searcher.count(query));
            StoredFields stored = searcher.storedFields();
            List<Document> docs = new ArrayList<>(count);
            for (ScoreDoc hit : searcher.search(query, count).scoreDocs) {
                docs.add(stored.document(hit.doc));
            }
            return docs;
        } catch (IOException e) {
            throw failed(e);
        }
    }

    private List<ScoredChunk> search(Query query, int k, boolean bm25) {
        try {
            TopDocs top = searcher.search(query, k);
            StoredFields stored = searcher.storedFields();
            List<ScoredChunk> results = new ArrayList<>(top.scoreDocs.length);
            int rank = 1;
            for (ScoreDoc hit : top.scoreDocs) {
                Document d = stored.document(hit.doc);
                RankTrace trace = bm25 ? RankTrace.NONE.withBm25(rank, hit.score)
                        : RankTrace.NONE.withVector(rank, hit.score);
                results.add(new ScoredChunk(ChunkFields.toChunk(d), d.get(ChunkFields.SOURCE),
                        d.get(ChunkFields.TITLE), d.get(ChunkFields.CONTENT_TYPE), trace));
                rank++;
            }
            return results;
        } catch (IOException e) {
            throw failed(e);
        }
    }

    /**
     * The query's terms as SHOULD clauses. A long question (up to 2000 characters, one bigram clause each) would
     * exceed Lucene's limit of 1024 clauses per query and fail the search; past {@link #MAX_QUERY_TERMS} clauses,
     * repeated terms are dropped and the rest cut. Shorter queries are left alone, repeats included (a repeated term
     * weighs more, as the user typed it).
     */
    private Query termsQuery(QueryBuilder builder, String field, String query) {
        try {
            return capClauses(builder.createBooleanQuery(field, query));
        } catch (IndexSearcher.TooManyClauses e) {
            Set<String> terms = new LinkedHashSet<>();
            try (var tokens = analyzer.tokenStream(field, query)) {
                var term = tokens.addAttribute(CharTermAttribute.class);
                tokens.reset();
                while (terms.size() < MAX_QUERY_TERMS && tokens.incrementToken()) {
                    terms.add(term.toString());
                }
                tokens.end();
            } catch (IOException io) {
                throw new UncheckedIOException(io);
            }
            BooleanQuery.Builder bool = new BooleanQuery.Builder();
            terms.forEach(t -> bool.add(new TermQuery(new Term(field, t)), BooleanClause.Occur.SHOULD));
            return bool.build();
        }
    }

    private static Query capClauses(Query query) {
        if (!(query instanceof BooleanQuery bool) || bool.clauses().size() <= MAX_QUERY_TERMS) {
            return query;
        }
        BooleanQuery.Builder capped = new BooleanQuery.Builder();
        Set<Query> seen = new HashSet<>();
        for (BooleanClause clause : bool.clauses()) {
            if (seen.size() == MAX_QUERY_TERMS) {
                break;
            }
            if (seen.add(clause.query())) {
                capped.add(clause);
            }
        }
        return capped.build();
    }

    /**
     * The filter as a Lucene query; null when it restricts nothing. Only chunk records have the text and the vector
     * that BM25 and kNN search (a ledger record has neither), so an empty filter needs no query at all: a kNN query
     * with a filter builds a bit set of every accepted document and searches the graph filtered, which was a third of
     * the kNN time at 100k chunks (docs/benchmarks.md, "Query path profile").
     */
    private static Query filterQuery(SearchFilter filter) {
        if (filter == null || filter.isEmpty()) {
            return null;
        }
        BooleanQuery.Builder bool = new BooleanQuery.Builder()
                .add(new TermQuery(new Term(ChunkFields.KIND, ChunkFields.KIND_CHUNK)), BooleanClause.Occur.FILTER);
        if (filter.sourcePrefix() != null && !filter.sourcePrefix().isEmpty()) {
            bool.add(new PrefixQuery(new Term(ChunkFields.SOURCE, filter.sourcePrefix())), BooleanClause.Occur.FILTER);
        }
        if (filter.contentType() != null && !filter.contentType().isEmpty()) {
            bool.add(new TermQuery(new Term(ChunkFields.CONTENT_TYPE, filter.contentType())),
                    BooleanClause.Occur.FILTER);
        }
        if (filter.modifiedAfter() != null) {
            bool.add(LongPoint.newRangeQuery(ChunkFields.MODIFIED, filter.modifiedAfter().toEpochMilli() + 1,
                    Long.MAX_VALUE), BooleanClause.Occur.FILTER);
        }
        if (filter.condition() != null) {
            bool.add(ConditionQueries.of(filter.condition()), BooleanClause.Occur.FILTER);
        }
        return bool.build();
    }

    private UncheckedIOException failed(IOException e) {
        return new UncheckedIOException("Search failed in collection '" + collection + "'", e);
    }

    /** Releases the pinned commit (its files may then be deleted once no other snapshot holds them). */
    @Override
    public void close() {
        try {
            searchers.release(searcher);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            released.run();
        }
    }
}

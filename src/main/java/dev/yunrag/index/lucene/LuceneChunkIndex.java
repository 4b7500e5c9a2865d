package dev.yunrag.index.lucene;

import dev.yunrag.index.CollectionLockedException;
import dev.yunrag.index.IndexSettings;
import dev.yunrag.index.IndexStats;
import dev.yunrag.index.IndexedDocument;
import dev.yunrag.index.SearchFilter;
import dev.yunrag.model.Chunk;
import dev.yunrag.model.RankTrace;
import dev.yunrag.model.ScoredChunk;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
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
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.util.QueryBuilder;

/**
 * One collection's on-disk Lucene index: BM25 text and HNSW vectors side by side, plus the ledger of documents.
 * Readers follow the last commit (refreshed before each search), so another process's ingestion becomes visible as a
 * whole when it commits; the writer is opened only while ingesting.
 */
public class LuceneChunkIndex implements Closeable {

    /** Most term clauses per field in a BM25 query; text and context together stay under Lucene's 1024. */
    static final int MAX_QUERY_TERMS = 400;

    /** Title and headings say what a passage is about but are shared by all of a document's chunks: weigh them less. */
    private static final float CONTEXT_BOOST = 0.3f;

    private final String collection;
    private final Path path;
    private final Directory directory;
    private final IndexSettings settings;
    private final Analyzer analyzer;
    private final SearcherManager searchers;
    private final int rescoreOversample;

    private LuceneChunkIndex(String collection, Path path, Directory directory, IndexSettings settings,
                             int rescoreOversample) throws IOException {
        this.collection = collection;
        this.path = path;
        this.directory = directory;
        this.settings = settings;
        this.rescoreOversample = rescoreOversample;
        this.analyzer = Analyzers.text(settings.analyzer());
        this.searchers = new SearcherManager(directory, null);
    }

    /** True when {@code path} holds an index. */
    public static boolean exists(Path path) {
        try (Directory dir = FSDirectory.open(path)) {
            return Files.isDirectory(path) && DirectoryReader.indexExists(dir);
        } catch (IOException e) {
            return false;
        }
    }

    /** Opens the index at {@code path}, creating it with {@code settingsIfNew} when there is none. */
    public static LuceneChunkIndex open(String collection, Path path, IndexSettings settingsIfNew) {
        return open(collection, path, settingsIfNew, 1);
    }

    /**
     * @param rescoreOversample for quantized vector formats: kNN takes this many times k candidates by the quantized
     *                          scores, then keeps the k best by the float32 vectors (read from disk); 1 disables it.
     *                          Ignored for float32, whose scores are already exact
     */
    public static LuceneChunkIndex open(String collection, Path path, IndexSettings settingsIfNew,
                                        int rescoreOversample) {
        if (rescoreOversample < 1) {
            throw new IllegalArgumentException("rescore oversample must be at least 1, got " + rescoreOversample);
        }
        try {
            Files.createDirectories(path);
            Directory directory = FSDirectory.open(path);
            if (!DirectoryReader.indexExists(directory)) {
                createEmpty(collection, directory, settingsIfNew);
            }
            IndexSettings settings;
            try (DirectoryReader reader = DirectoryReader.open(directory)) {
                settings = IndexSettings.fromCommitData(reader.getIndexCommit().getUserData());
            }
            return new LuceneChunkIndex(collection, path, directory, settings, rescoreOversample);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the index of collection '" + collection + "' at " + path, e);
        }
    }

    private static void createEmpty(String collection, Directory directory, IndexSettings settings) throws IOException {
        IndexWriterConfig config = new IndexWriterConfig(Analyzers.perField(settings.analyzer()))
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                .setCodec(VectorFormats.codec(settings.vectorFormat()));
        try (IndexWriter writer = new IndexWriter(directory, config)) {
            writer.setLiveCommitData(settings.toCommitData().entrySet());
            writer.commit();
        } catch (LockObtainFailedException e) {
            throw new CollectionLockedException(collection, e);
        }
    }

    public String collection() {
        return collection;
    }

    public IndexSettings settings() {
        return settings;
    }

    /** The kNN candidate multiplier for re-scoring quantized vectors; 1 when there is no re-scoring. */
    public int rescoreOversample() {
        return IndexSettings.FLOAT32.equals(settings.vectorFormat()) ? 1 : rescoreOversample;
    }

    /** Opens the collection's single writer; fails with {@link CollectionLockedException} if another one is open. */
    public LuceneIndexWriter openWriter() {
        return openWriter(WriterTuning.DEFAULT);
    }

    /** {@link #openWriter()} with a bulk-load buffer size and HNSW merge threads; safe to call from several threads. */
    public LuceneIndexWriter openWriter(WriterTuning tuning) {
        // Lucene's concurrent HNSW merge needs an executor; its threads end with the writer.
        ExecutorService mergeExecutor = tuning.mergeWorkers() > 1
                ? Executors.newFixedThreadPool(tuning.mergeWorkers(), Thread.ofPlatform().daemon()
                        .name("hnsw-merge-" + collection + "-", 0).factory())
                : null;
        IndexWriterConfig config = new IndexWriterConfig(Analyzers.perField(settings.analyzer()))
                .setOpenMode(IndexWriterConfig.OpenMode.APPEND)
                .setCodec(VectorFormats.codec(settings.vectorFormat(), tuning.mergeWorkers(), mergeExecutor))
                .setRAMBufferSizeMB(tuning.ramBufferMb());
        try {
            return new LuceneIndexWriter(new IndexWriter(directory, config), settings, this::refresh, mergeExecutor);
        } catch (LockObtainFailedException e) {
            shutdown(mergeExecutor);
            throw new CollectionLockedException(collection, e);
        } catch (IOException e) {
            shutdown(mergeExecutor);
            throw new UncheckedIOException("Cannot open the index writer of collection '" + collection + "'", e);
        }
    }

    private static void shutdown(ExecutorService executor) {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    /** Makes the last commit visible to searches. */
    public void refresh() {
        try {
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** BM25 over passage text (and, weighted less, title and headings); ranks from 1. */
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
        bool.add(filterQuery(filter), BooleanClause.Occur.FILTER);
        bool.setMinimumNumberShouldMatch(1);
        return search(bool.build(), k, true);
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
            java.util.Set<String> terms = new java.util.LinkedHashSet<>();
            try (var tokens = analyzer.tokenStream(field, query)) {
                var term = tokens.addAttribute(org.apache.lucene.analysis.tokenattributes.CharTermAttribute.class);
                tokens.reset();
                while (terms.size() < MAX_QUERY_TERMS && tokens.incrementToken()) {
                    terms.add(term.toString());
                }
                tokens.end();
            } catch (IOException io) {
                throw new UncheckedIOException(io);
            }
            BooleanQuery.Builder bool = new BooleanQuery.Builder();
            terms.forEach(t -> bool.add(new org.apache.lucene.search.TermQuery(
                    new org.apache.lucene.index.Term(field, t)), BooleanClause.Occur.SHOULD));
            return bool.build();
        }
    }

    static Query capClauses(Query query) {
        if (!(query instanceof BooleanQuery bool) || bool.clauses().size() <= MAX_QUERY_TERMS) {
            return query;
        }
        BooleanQuery.Builder capped = new BooleanQuery.Builder();
        java.util.Set<Query> seen = new java.util.HashSet<>();
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

    /** Approximate nearest neighbours (HNSW) by dot product of unit vectors; ranks from 1. */
    public List<ScoredChunk> searchVector(float[] vector, int k, SearchFilter filter) {
        if (vector.length != settings.dimension()) {
            throw new IllegalArgumentException("Query vector has " + vector.length + " dimensions; collection '"
                    + collection + "' has " + settings.dimension());
        }
        boolean rescore = rescoreOversample > 1 && !IndexSettings.FLOAT32.equals(settings.vectorFormat());
        if (!rescore) {
            return search(new KnnFloatVectorQuery(ChunkFields.VECTOR, vector, k, filterQuery(filter)), k, false);
        }
        // Quantized scores are approximate: widen the HNSW search, then rank its candidates by the float32 vectors
        // (the same dot-product score as a float32 collection gives, so fused traces stay comparable).
        Query candidates = new KnnFloatVectorQuery(ChunkFields.VECTOR, vector, k * rescoreOversample,
                filterQuery(filter));
        return search(RescoreTopNQuery.createFullPrecisionRescorerQuery(candidates, vector, ChunkFields.VECTOR, k),
                k, false);
    }

    /**
     * Exact top {@code k} by dot product over every vector (a full scan, for measuring HNSW recall): chunk ids per
     * query, best first.
     */
    public List<List<String>> exactVectorSearch(float[][] queries, int k) {
        return withSearcher(searcher -> ExactVectorScan.topChunkIds(searcher, queries, k));
    }

    /** Lucene segments in the last commit that searches see (each is searched separately, one HNSW graph each). */
    public int segmentCount() {
        return withSearcher(searcher -> searcher.getIndexReader().leaves().size());
    }

    private List<ScoredChunk> search(Query query, int k, boolean bm25) {
        return withSearcher(searcher -> {
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
        });
    }

    private static Query filterQuery(SearchFilter filter) {
        BooleanQuery.Builder bool = new BooleanQuery.Builder()
                .add(new TermQuery(new Term(ChunkFields.KIND, ChunkFields.KIND_CHUNK)), BooleanClause.Occur.FILTER);
        if (filter != null && filter.sourcePrefix() != null && !filter.sourcePrefix().isEmpty()) {
            bool.add(new PrefixQuery(new Term(ChunkFields.SOURCE, filter.sourcePrefix())), BooleanClause.Occur.FILTER);
        }
        if (filter != null && filter.contentType() != null && !filter.contentType().isEmpty()) {
            bool.add(new TermQuery(new Term(ChunkFields.CONTENT_TYPE, filter.contentType())),
                    BooleanClause.Occur.FILTER);
        }
        if (filter != null && filter.modifiedAfter() != null) {
            bool.add(LongPoint.newRangeQuery(ChunkFields.MODIFIED, filter.modifiedAfter().toEpochMilli() + 1,
                    Long.MAX_VALUE), BooleanClause.Occur.FILTER);
        }
        return bool.build();
    }

    /** The ledger: every indexed document, by source. */
    public List<IndexedDocument> documents() {
        return withSearcher(searcher -> {
            Query query = new TermQuery(new Term(ChunkFields.KIND, ChunkFields.KIND_DOCUMENT));
            int count = Math.max(1, searcher.count(query));
            StoredFields stored = searcher.storedFields();
            List<IndexedDocument> docs = new ArrayList<>();
            for (ScoreDoc hit : searcher.search(query, count).scoreDocs) {
                docs.add(ChunkFields.toIndexedDocument(stored.document(hit.doc)));
            }
            docs.sort(Comparator.comparing(IndexedDocument::source));
            return docs;
        });
    }

    public Optional<IndexedDocument> document(String documentId) {
        return withSearcher(searcher -> {
            BooleanQuery query = new BooleanQuery.Builder()
                    .add(new TermQuery(new Term(ChunkFields.KIND, ChunkFields.KIND_DOCUMENT)), BooleanClause.Occur.FILTER)
                    .add(new TermQuery(new Term(ChunkFields.DOC_ID, documentId)), BooleanClause.Occur.FILTER)
                    .build();
            TopDocs top = searcher.search(query, 1);
            return top.scoreDocs.length == 0 ? Optional.<IndexedDocument>empty()
                    : Optional.of(ChunkFields.toIndexedDocument(searcher.storedFields().document(top.scoreDocs[0].doc)));
        });
    }

    /** A document's chunks in order. */
    public List<Chunk> chunksOf(String documentId) {
        return withSearcher(searcher -> {
            BooleanQuery query = new BooleanQuery.Builder()
                    .add(new TermQuery(new Term(ChunkFields.KIND, ChunkFields.KIND_CHUNK)), BooleanClause.Occur.FILTER)
                    .add(new TermQuery(new Term(ChunkFields.DOC_ID, documentId)), BooleanClause.Occur.FILTER)
                    .build();
            int count = Math.max(1, searcher.count(query));
            StoredFields stored = searcher.storedFields();
            List<Chunk> chunks = new ArrayList<>();
            for (ScoreDoc hit : searcher.search(query, count).scoreDocs) {
                chunks.add(ChunkFields.toChunk(stored.document(hit.doc)));
            }
            chunks.sort(Comparator.comparingInt(Chunk::ordinal));
            return chunks;
        });
    }

    public IndexStats stats() {
        return withSearcher(searcher -> {
            int documents = searcher.count(new TermQuery(new Term(ChunkFields.KIND, ChunkFields.KIND_DOCUMENT)));
            int chunks = searcher.count(new TermQuery(new Term(ChunkFields.KIND, ChunkFields.KIND_CHUNK)));
            return new IndexStats(documents, chunks, sizeOnDisk(), settings);
        });
    }

    /** Number of live Lucene documents, for tests and checks. */
    int liveDocs() {
        return withSearcher(searcher -> searcher.count(new MatchAllDocsQuery()));
    }

    private long sizeOnDisk() {
        try (Stream<Path> files = Files.list(path)) {
            return files.mapToLong(file -> file.toFile().length()).sum();
        } catch (IOException e) {
            return 0;
        }
    }

    @FunctionalInterface
    private interface SearcherFunction<T> {
        T apply(IndexSearcher searcher) throws IOException;
    }

    private <T> T withSearcher(SearcherFunction<T> function) {
        try {
            searchers.maybeRefresh();
            IndexSearcher searcher = searchers.acquire();
            try {
                return function.apply(searcher);
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Search failed in collection '" + collection + "'", e);
        }
    }

    @Override
    public void close() throws IOException {
        searchers.close();
        directory.close();
    }
}

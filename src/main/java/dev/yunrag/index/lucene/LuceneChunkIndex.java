package dev.yunrag.index.lucene;

import dev.yunrag.index.ChunkIndex;
import dev.yunrag.index.CollectionLockedException;
import dev.yunrag.index.IndexSettings;
import dev.yunrag.index.IndexStats;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;

/**
 * The embedded {@link ChunkIndex}: one collection's on-disk Lucene index, BM25 text and HNSW vectors side by side,
 * plus the ledger of documents (one record per document, written in the same {@code updateDocuments} block as its
 * chunks, which is what makes a replace atomic). Readers follow the last commit (refreshed when a view is taken), so
 * another process's ingestion becomes visible as a whole when it commits; the writer is opened only while ingesting,
 * and Lucene's {@code write.lock} file is the single-writer lock across processes.
 */
public class LuceneChunkIndex implements ChunkIndex, Closeable {

    private final String collection;
    private final Path path;
    private final Directory directory;
    private final IndexSettings settings;
    private final Analyzer analyzer;
    private final SearcherManager searchers;
    private final int rescoreOversample;
    /** Views open, and whether the index was replaced (see {@link #retire}); guarded by {@code this}. */
    private int openViews;
    private boolean retired;
    private boolean closed;
    private Runnable afterRetirement;

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

    /**
     * True when {@code path} holds an index. Never creates anything: {@link FSDirectory#open} makes the directory
     * when it is missing, so a read naming an unknown collection used to leave one behind (issue 18).
     */
    public static boolean exists(Path path) {
        if (!Files.isDirectory(path)) {
            return false;
        }
        try (Directory dir = FSDirectory.open(path)) {
            return DirectoryReader.indexExists(dir);
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

    @Override
    public String collection() {
        return collection;
    }

    @Override
    public IndexSettings settings() {
        return settings;
    }

    /** The kNN candidate multiplier for re-scoring quantized vectors; 1 when there is no re-scoring. */
    public int rescoreOversample() {
        return IndexSettings.FLOAT32.equals(settings.vectorFormat()) ? 1 : rescoreOversample;
    }

    /** Opens the collection's single writer; fails with {@link CollectionLockedException} if another one is open. */
    @Override
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

    /**
     * Pins the last commit for reads that must agree with each other (see {@link IndexSnapshot}); close it after use.
     * The single-read methods below each take a snapshot of their own.
     */
    @Override
    public IndexSnapshot snapshot() {
        lease();
        try {
            refreshQuietly();
            return new IndexSnapshot(searchers, collection, settings, analyzer, rescoreOversample(), this::release);
        } catch (IOException | RuntimeException e) {
            release();
            if (e instanceof RuntimeException unchecked) {
                throw unchecked;
            }
            throw new UncheckedIOException("Search failed in collection '" + collection + "'", (IOException) e);
        }
    }

    /**
     * Follows the last commit. An index that cannot refresh (its directory being deleted by another process that
     * swapped a re-index or restore in) goes on serving the commit it has, whole, until the catalog moves on to the
     * new one at the next lookup: a question must not fail because a newer version exists.
     */
    private void refreshQuietly() {
        try {
            searchers.maybeRefresh();
        } catch (IOException e) {
            org.jboss.logging.Logger.getLogger(LuceneChunkIndex.class).debugf(
                    "Collection '%s' keeps its current commit: refresh failed (%s)", collection, e.getMessage());
        }
    }

    private synchronized void lease() {
        if (closed) {
            throw new org.apache.lucene.store.AlreadyClosedException("Collection '" + collection
                    + "' was replaced and its old index closed");
        }
        openViews++;
    }

    private void release() {
        Runnable last = null;
        synchronized (this) {
            openViews--;
            if (retired && openViews == 0 && !closed) {
                closed = true;
                last = afterRetirement;
            }
        }
        if (last != null) {
            closeRetired(last);
        }
    }

    /**
     * This index was replaced (a re-index or restore swapped in another directory): it is closed, and
     * {@code afterClose} run (the catalog deletes its directory), once the views still reading it are closed; reads
     * that began before the swap finish on the old index.
     */
    void retire(Runnable afterClose) {
        boolean now;
        synchronized (this) {
            retired = true;
            afterRetirement = afterClose;
            now = openViews == 0 && !closed;
            if (now) {
                closed = true;
            }
        }
        if (now) {
            closeRetired(afterClose);
        }
    }

    private void closeRetired(Runnable afterClose) {
        try {
            searchers.close();
            directory.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot close the replaced index of collection '" + collection + "'", e);
        } finally {
            afterClose.run();
        }
    }

    /** The index directory. */
    public Path path() {
        return path;
    }

    /**
     * Takes the store's single-writer lock without opening a writer, so that no other process writes this index
     * while it is being replaced (a re-index built aside would lose those writes).
     *
     * @throws CollectionLockedException another writer holds it
     */
    org.apache.lucene.store.Lock lockWriters() {
        try {
            return directory.obtainLock(IndexWriter.WRITE_LOCK_NAME);
        } catch (LockObtainFailedException e) {
            throw new CollectionLockedException(collection, e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot lock collection '" + collection + "'", e);
        }
    }

    /**
     * Exact top {@code k} by dot product over every vector (a full scan, for measuring HNSW recall): chunk ids per
     * query, best first.
     */
    public List<List<String>> exactVectorSearch(float[][] queries, int k) {
        try (IndexSnapshot snapshot = snapshot()) {
            return ExactVectorScan.topChunkIds(snapshot.searcher(), queries, k);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lucene segments in the last commit that searches see (each is searched separately, one HNSW graph each). */
    public int segmentCount() {
        try (IndexSnapshot snapshot = snapshot()) {
            return snapshot.searcher().getIndexReader().leaves().size();
        }
    }

    @Override
    public IndexStats stats() {
        try (IndexSnapshot snapshot = snapshot()) {
            return new IndexStats(snapshot.documentCount(), snapshot.chunkCount(), sizeOnDisk(), settings);
        }
    }

    /** Number of live Lucene documents, for tests and checks. */
    int liveDocs() {
        try (IndexSnapshot snapshot = snapshot()) {
            return snapshot.count(null);
        }
    }

    private long sizeOnDisk() {
        try (Stream<Path> files = Files.list(path)) {
            return files.mapToLong(file -> file.toFile().length()).sum();
        } catch (IOException e) {
            return 0;
        }
    }

    @Override
    public void close() throws IOException {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        searchers.close();
        directory.close();
    }
}

package dev.yunrag.ingest;

import dev.yunrag.embed.Embedder;
import dev.yunrag.index.CollectionStore;
import dev.yunrag.index.IndexSettings;
import dev.yunrag.index.IndexedDocument;
import dev.yunrag.index.lucene.LuceneChunkIndex;
import dev.yunrag.index.lucene.LuceneIndexWriter;
import dev.yunrag.model.Chunk;
import dev.yunrag.model.ParsedDocument;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Owns the order of the ingestion stages: walk → hash (skip unchanged) → parse → chunk → embed → index, with
 * periodic durable commits. A file that fails is counted and reported; the batch goes on and nothing already indexed
 * is lost. A changed file's chunks are replaced atomically.
 */
public class IngestionPipeline {

    private static final Logger LOG = Logger.getLogger(IngestionPipeline.class);

    private final CollectionStore collections;
    private final Function<String, Embedder> embedders;
    private final String defaultEmbedder;
    private final DocumentParser parser;
    private final SentenceChunker chunker;
    private final String analyzer;
    private final String vectorFormat;
    private final int embedBatchSize;
    private final Duration commitInterval;

    public IngestionPipeline(CollectionStore collections, Function<String, Embedder> embedders, String defaultEmbedder,
                             DocumentParser parser, SentenceChunker chunker, String analyzer, int embedBatchSize,
                             Duration commitInterval) {
        this(collections, embedders, defaultEmbedder, parser, chunker, analyzer, IndexSettings.FLOAT32, embedBatchSize,
                commitInterval);
    }

    /** @param vectorFormat of new collections ({@link IndexSettings#vectorFormat()}) */
    public IngestionPipeline(CollectionStore collections, Function<String, Embedder> embedders, String defaultEmbedder,
                             DocumentParser parser, SentenceChunker chunker, String analyzer, String vectorFormat,
                             int embedBatchSize, Duration commitInterval) {
        if (!IndexSettings.VECTOR_FORMATS.contains(vectorFormat)) {
            throw new IllegalArgumentException("yunrag.index.vector-format is '" + vectorFormat
                    + "': use float32, int8, int4 or binary");
        }
        this.vectorFormat = vectorFormat;
        this.collections = collections;
        this.embedders = embedders;
        this.defaultEmbedder = defaultEmbedder;
        this.parser = parser;
        this.chunker = chunker;
        this.analyzer = analyzer;
        this.embedBatchSize = embedBatchSize;
        this.commitInterval = commitInterval;
    }

    public IngestReport ingest(List<Path> roots, IngestOptions options, IngestProgress progress) {
        var lock = collections.writeLock(options.collection());
        lock.lock();
        try {
            return ingestLocked(roots, options, progress);
        } finally {
            lock.unlock();
        }
    }

    /** Deletes one document; false when the collection or document does not exist. */
    public boolean delete(String collection, String documentId) {
        var lock = collections.writeLock(collection);
        lock.lock();
        try {
            var index = collections.find(collection);
            if (index.isEmpty() || index.get().document(documentId).isEmpty()) {
                return false;
            }
            try (LuceneIndexWriter writer = index.get().openWriter()) {
                writer.delete(documentId);
                writer.commit();
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    private IngestReport ingestLocked(List<Path> roots, IngestOptions options, IngestProgress progress) {
        long started = System.nanoTime();
        LuceneChunkIndex index = prepareCollection(options);
        // Resolved on first use: a run where nothing changed must not even load the model.
        Supplier<Embedder> embedder = lazy(() -> embedders.apply(index.settings().embeddingModel()));
        SourceWalker.Walk walk = SourceWalker.walk(roots);
        Counts counts = new Counts();
        walk.failures().forEach(failure -> counts.fail(failure, progress));
        progress.started(walk.files().size(), walk.files().stream().mapToLong(f -> sizeOf(f.path())).sum());

        Map<String, IndexedDocument> ledger = new HashMap<>();
        index.documents().forEach(doc -> ledger.put(doc.documentId(), doc));
        Set<String> seen = new HashSet<>();
        try (LuceneIndexWriter writer = index.openWriter()) {
            long lastCommit = System.nanoTime();
            for (SourceFile file : walk.files()) {
                seen.add(file.documentId());
                ingestOne(file, ledger.get(file.documentId()), options.reindex(), embedder, writer, counts, progress);
                // A re-index is published in one commit so that queries never see a half-rebuilt collection.
                if (!options.reindex() && System.nanoTime() - lastCommit > commitInterval.toNanos()) {
                    writer.commit();
                    lastCommit = System.nanoTime();
                }
            }
            if (options.prune()) {
                counts.deleted = prune(roots, ledger, seen, writer);
            }
            if (options.reindex()) {
                // A re-index replaces each document it rebuilt and drops those it was not given. A file that failed
                // (say the embedding endpoint was down) keeps its previous version: deleting everything first made a
                // re-index during an outage commit an empty collection.
                ledger.keySet().stream().filter(id -> !seen.contains(id)).forEach(writer::delete);
            }
            writer.commit();
        }
        var stats = index.stats();
        double seconds = (System.nanoTime() - started) / 1e9;
        return new IngestReport(counts.added, counts.updated, counts.unchanged, counts.deleted,
                List.copyOf(counts.failed), stats.documents(), stats.chunks(), counts.embedded, seconds);
    }

    /** A document parsed elsewhere (an evaluation corpus record, say), with the id it is indexed under. */
    public record IdentifiedDocument(String documentId, ParsedDocument document) {
    }

    /**
     * Indexes documents that are already text (each record of an evaluation corpus is one document) through the same
     * chunking, embedding and indexing as files; unchanged texts (same hash) are skipped.
     */
    public IngestReport ingestDocuments(List<IdentifiedDocument> documents, IngestOptions options,
                                        IngestProgress progress) {
        var lock = collections.writeLock(options.collection());
        lock.lock();
        try {
            return ingestDocumentsLocked(documents, options, progress);
        } finally {
            lock.unlock();
        }
    }

    private IngestReport ingestDocumentsLocked(List<IdentifiedDocument> documents, IngestOptions options,
                                               IngestProgress progress) {
        long started = System.nanoTime();
        LuceneChunkIndex index = prepareCollection(options);
        Supplier<Embedder> embedder = lazy(() -> embedders.apply(index.settings().embeddingModel()));
        Counts counts = new Counts();
        progress.started(documents.size(), documents.stream().mapToLong(d -> d.document().text().length()).sum());
        Map<String, IndexedDocument> ledger = new HashMap<>();
        index.documents().forEach(doc -> ledger.put(doc.documentId(), doc));
        try (LuceneIndexWriter writer = index.openWriter()) {
            long lastCommit = System.nanoTime();
            // Short documents share embedding calls (see EmbeddingBatcher for why).
            try (EmbeddingBatcher batcher = new EmbeddingBatcher(embedder, embedBatchSize,
                    (doc, vectors) -> write(doc, vectors, writer, counts, progress))) {
                for (IdentifiedDocument doc : documents) {
                    ParsedDocument parsed = doc.document();
                    String hash = sha256(parsed.text());
                    IndexedDocument previous = ledger.get(doc.documentId());
                    if (!options.reindex() && previous != null && previous.contentHash().equals(hash)) {
                        counts.unchanged++;
                        progress.fileDone(parsed.source(), parsed.text().length(), 0);
                        continue;
                    }
                    List<Chunk> chunks = chunker.chunk(doc.documentId(), parsed);
                    if (batcher.add(new EmbeddingBatcher.PendingDocument(doc.documentId(), parsed, hash,
                            previous != null, chunks), false)) {
                        if (System.nanoTime() - lastCommit > commitInterval.toNanos()) {
                            writer.commit();
                            lastCommit = System.nanoTime();
                        }
                    }
                }
                batcher.add(null, true);
            }
            writer.commit();
        }
        var stats = index.stats();
        return new IngestReport(counts.added, counts.updated, counts.unchanged, 0, List.copyOf(counts.failed),
                stats.documents(), stats.chunks(), counts.embedded, (System.nanoTime() - started) / 1e9);
    }

    private void write(EmbeddingBatcher.PendingDocument doc, List<float[]> vectors, LuceneIndexWriter writer,
                       Counts counts, IngestProgress progress) {
        ParsedDocument parsed = doc.parsed();
        int n = doc.chunks().size();
        IndexedDocument record = new IndexedDocument(doc.documentId(), parsed.source(), parsed.title(),
                parsed.contentType(), doc.hash(), parsed.text().length(), 0, System.currentTimeMillis(),
                parsed.pages().size(), n, parsed.metadata());
        writer.upsert(record, doc.chunks(), vectors);
        counts.embedded += n;
        if (doc.existed()) {
            counts.updated++;
        } else {
            counts.added++;
        }
        progress.fileDone(parsed.source(), parsed.text().length(), n);
    }

    /** Chunks, embeds and writes one parsed document; returns its chunk count. */
    private int index(String documentId, ParsedDocument parsed, String hash, long size, long modified,
                      Map<String, String> metadata, Supplier<Embedder> embedder, LuceneIndexWriter writer) {
        List<Chunk> chunks = chunker.chunk(documentId, parsed);
        List<float[]> vectors = embed(embedder.get(), parsed.title(), chunks);
        IndexedDocument record = new IndexedDocument(documentId, parsed.source(), parsed.title(),
                parsed.contentType(), hash, size, modified, System.currentTimeMillis(), parsed.pages().size(),
                chunks.size(), metadata);
        writer.upsert(record, chunks, vectors);
        return chunks.size();
    }

    /** Opens the collection, refusing a different embedding model unless re-indexing (which rebuilds it). */
    private LuceneChunkIndex prepareCollection(IngestOptions options) {
        String wanted = options.embeddingModel();
        var existing = collections.find(options.collection());
        if (existing.isPresent()) {
            IndexSettings current = existing.get().settings();
            if (wanted == null || wanted.equals(current.embeddingModel())) {
                return existing.get();
            }
            if (!options.reindex()) {
                throw new IllegalStateException("Collection '" + options.collection() + "' was built with embedding"
                        + " model " + current.embeddingModel() + " (" + current.dimension() + " dims), not " + wanted
                        + ". Vectors of different models cannot be mixed: re-ingest everything with"
                        + " `ingest --reindex --embedding-model " + wanted + " PATH...`, or use another collection.");
            }
            collections.drop(options.collection());
        }
        String model = wanted == null ? defaultEmbedder : wanted;
        Embedder embedder = embedders.apply(model);
        return collections.openOrCreate(options.collection(), new IndexSettings(model, embedder.dimension(), analyzer,
                vectorFormat));
    }

    private void ingestOne(SourceFile file, IndexedDocument previous, boolean reindex, Supplier<Embedder> embedder,
                           LuceneIndexWriter writer, Counts counts, IngestProgress progress) {
        long size = sizeOf(file.path());
        try {
            String hash = sha256(file.path());
            // The same file reached under another name (another ingestion root) is re-indexed so that citations show
            // the name the user gave it last; only identical content under the identical name is skipped.
            if (!reindex && previous != null && previous.contentHash().equals(hash)
                    && previous.source().equals(file.source())) {
                counts.unchanged++;
                progress.fileDone(file.source(), size, 0);
                return;
            }
            ParsedDocument parsed = parser.parse(file.path(), file.source());
            int chunks = index(file.documentId(), parsed, hash, size,
                    Files.getLastModifiedTime(file.path()).toMillis(), withPath(parsed.metadata(), file.path()),
                    embedder, writer);
            counts.embedded += chunks;
            if (previous == null || reindex) {
                counts.added++;
            } else {
                counts.updated++;
            }
            progress.fileDone(file.source(), size, chunks);
        } catch (IngestFailure e) {
            counts.fail(new IngestReport.Failure(file.source(), e.reason()), progress);
            progress.fileDone(file.source(), size, 0);
        } catch (IOException | RuntimeException e) {
            LOG.debugf(e, "Ingestion of %s failed", file.source());
            counts.fail(new IngestReport.Failure(file.source(), describe(e)), progress);
            progress.fileDone(file.source(), size, 0);
        }
    }

    /** Embeds chunk texts in batches, each prefixed with the document title so that a passage says what it is about. */
    private List<float[]> embed(Embedder embedder, String title, List<Chunk> chunks) {
        List<float[]> vectors = new ArrayList<>(chunks.size());
        for (int from = 0; from < chunks.size(); from += embedBatchSize) {
            List<String> texts = chunks.subList(from, Math.min(chunks.size(), from + embedBatchSize)).stream()
                    .map(chunk -> EmbeddingText.of(title, chunk)).toList();
            vectors.addAll(embedder.embedDocuments(texts));
        }
        return vectors;
    }

    private int prune(List<Path> roots, Map<String, IndexedDocument> ledger, Set<String> seen,
                      LuceneIndexWriter writer) {
        List<Path> absoluteRoots = roots.stream().map(r -> r.toAbsolutePath().normalize()).toList();
        int deleted = 0;
        for (IndexedDocument doc : ledger.values()) {
            String pathText = doc.metadata().get(METADATA_PATH);
            if (pathText == null || seen.contains(doc.documentId())) {
                continue;
            }
            Path path = Path.of(pathText);
            boolean underRoots = absoluteRoots.stream().anyMatch(path::startsWith);
            if (underRoots && !Files.exists(path)) {
                writer.delete(doc.documentId());
                deleted++;
            }
        }
        return deleted;
    }

    /** Metadata key of the absolute path a document was read from (used by --prune). */
    public static final String METADATA_PATH = "path";

    private static Map<String, String> withPath(Map<String, String> metadata, Path path) {
        Map<String, String> copy = new HashMap<>(metadata);
        copy.put(METADATA_PATH, path.toAbsolutePath().normalize().toString());
        return copy;
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    private static <T> Supplier<T> lazy(Supplier<T> supplier) {
        return new Supplier<>() {
            private T value;

            @Override
            public T get() {
                if (value == null) {
                    value = supplier.get();
                }
                return value;
            }
        };
    }

    private static long sizeOf(Path path) {
        try {
            return Files.size(path);
        } catch (IOException e) {
            return 0;
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(Path path) throws IOException {
        try (var in = Files.newInputStream(path)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int read; (read = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, read);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class Counts {
        int added;
        int updated;
        int unchanged;
        int deleted;
        int embedded;
        final List<IngestReport.Failure> failed = new ArrayList<>();

        void fail(IngestReport.Failure failure, IngestProgress progress) {
            failed.add(failure);
            progress.fileFailed(failure.source(), failure.reason());
        }
    }
}

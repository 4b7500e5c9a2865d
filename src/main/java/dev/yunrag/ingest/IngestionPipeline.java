package dev.yunrag.ingest;

import dev.yunrag.embed.Embedder;
import dev.yunrag.index.ChunkIndex;
import dev.yunrag.index.ChunkIndexWriter;
import dev.yunrag.index.CollectionCatalog;
import dev.yunrag.index.IndexSettings;
import dev.yunrag.index.IndexedDocument;
import dev.yunrag.index.WritableCollection;
import dev.yunrag.model.Chunk;
import dev.yunrag.model.ParsedDocument;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Owns the order of the ingestion stages: walk → hash (skip unchanged) → parse → chunk → embed → index, with
 * periodic durable commits. The collection itself (lock, model check, create, rebuild) comes from the
 * {@link CollectionCatalog}. A file that fails is counted and reported; the batch goes on and nothing already indexed
 * is lost. A changed file's chunks are replaced atomically.
 */
public class IngestionPipeline {

    private static final Logger LOG = Logger.getLogger(IngestionPipeline.class);
    /** Threads writing to Lucene (HNSW insertion is most of the pipeline's own CPU time; see IndexWrites). */
    private static final int WRITE_LANES = Math.min(4, Runtime.getRuntime().availableProcessors());

    private final CollectionCatalog collections;
    private final Function<String, Embedder> embedders;
    private final DocumentParser parser;
    private final SentenceChunker chunker;
    private final IngestionSettings settings;
    /** Set by {@link #stop}: runs commit what is complete and return; no new run starts. */
    private volatile boolean stopping;
    /** Runs in progress, guarded by {@code this} (for {@link #stop} to wait on). */
    private int running;

    /**
     * @param embedders the embedding models by id (a collection is embedded with the model it records)
     * @param settings  how new collections are built and how hard the embedding model is driven
     */
    public IngestionPipeline(CollectionCatalog collections, Function<String, Embedder> embedders,
                             DocumentParser parser, SentenceChunker chunker, IngestionSettings settings) {
        this.collections = collections;
        this.embedders = embedders;
        this.parser = parser;
        this.chunker = chunker;
        this.settings = settings;
    }

    public IngestionSettings settings() {
        return settings;
    }

    public IngestReport ingest(List<Path> roots, IngestOptions options, IngestProgress progress) {
        SourceWalker.Walk walk = SourceWalker.walk(roots);
        List<IngestSource> sources = walk.files().stream().<IngestSource>map(IngestSource.File::new).toList();
        return ingestSources(sources, walk.failures(), options, progress, (seen, target) -> {
            int deleted = options.prune() ? target.prune(goneFrom(roots, seen)) : 0;
            if (options.reindex()) {
                // A re-index replaces each document it rebuilt and drops those it was not given. A file that failed
                // (say the embedding endpoint was down) keeps its previous version: deleting everything first made a
                // re-index during an outage commit an empty collection.
                target.prune(doc -> !seen.contains(doc.documentId()));
            }
            return deleted;
        });
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
        List<IngestSource> sources = documents.stream()
                .<IngestSource>map(doc -> new IngestSource.Text(doc.documentId(), doc.document())).toList();
        return ingestSources(sources, List.of(), options, progress, (seen, target) -> 0);
    }

    /** What happens after the last document and before the final commit; returns the documents deleted. */
    @FunctionalInterface
    private interface Cleanup {
        int run(Set<String> seen, WritableCollection target);
    }

    /**
     * The one ingestion loop, for files and text records alike: skip unchanged sources, parse and chunk the others,
     * embed their chunks in full batches across documents ({@link EmbeddingBatcher}) and write each document once all
     * its chunks have vectors, committing at least every {@code commitInterval}.
     */
    private IngestReport ingestSources(List<IngestSource> sources, List<IngestReport.Failure> earlyFailures,
                                       IngestOptions options, IngestProgress progress, Cleanup cleanup) {
        long started = System.nanoTime();
        enter();
        // The collection's write lock is held from here to the final commit (uploads and deletes queue behind it).
        try (WritableCollection target = collections.openForWriting(options.collection(), options.embeddingModel(),
                options.reindex(), this::newCollectionSettings)) {
            return ingestSources(target, sources, earlyFailures, options, progress, cleanup, started);
        } finally {
            leave();
        }
    }

    /**
     * Graceful shutdown (SIGTERM): every run stops taking new files, writes and commits the documents already parsed
     * and returns a report that says it was stopped; later runs are refused. Waits up to {@code wait} for the runs
     * to finish.
     *
     * @return true when no run is left
     */
    public boolean stop(java.time.Duration wait) {
        stopping = true;
        long deadline = System.nanoTime() + wait.toNanos();
        synchronized (this) {
            while (running > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return running == 0;
                }
            }
            return true;
        }
    }

    /** Whether {@link #stop} was called. */
    public boolean stopping() {
        return stopping;
    }

    private synchronized void enter() {
        if (stopping) {
            throw new IllegalStateException("Shutting down: ingestion is no longer accepted");
        }
        running++;
    }

    private synchronized void leave() {
        running--;
        notifyAll();
    }

    private IngestReport ingestSources(WritableCollection target, List<IngestSource> sources,
                                       List<IngestReport.Failure> earlyFailures, IngestOptions options,
                                       IngestProgress progress, Cleanup cleanup, long started) {
        ChunkIndex index = target.index();
        // Resolved on first use: a run where nothing changed must not even load the model.
        Supplier<Embedder> embedder = lazy(() -> embedders.apply(index.settings().embeddingModel()));
        // Chunk budgets are counted in the collection's own model's tokens (English and Chinese vocabularies differ).
        SentenceChunker chunker = this.chunker.forModel(index.settings().embeddingModel());
        Counts counts = new Counts();
        earlyFailures.forEach(failure -> counts.fail(failure, progress));
        progress.started(sources.size(), sources.stream().mapToLong(IngestSource::size).sum());

        Map<String, IndexedDocument> ledger = new HashMap<>();
        index.documents().forEach(doc -> ledger.put(doc.documentId(), doc));
        Set<String> seen = new HashSet<>();
        ChunkIndexWriter writer = target.writer();
        try (IndexWrites writes = new IndexWrites(writer, WRITE_LANES,
                settings.embedCallsInFlight() * settings.embedBatchSize(),
                     doc -> counts.written(doc, progress), (doc, cause) -> counts.failed(doc, cause, progress));
             EmbeddingBatcher batcher = new EmbeddingBatcher(embedder, settings.embedBatchSize(),
                     settings.embedCallsInFlight(), writes, () -> stopping)) {
            long lastCommit = System.nanoTime();
            for (IngestSource source : sources) {
                if (stopping) {
                    counts.stoppedBefore = sources.size() - seen.size();
                    break;
                }
                seen.add(source.documentId());
                EmbeddingBatcher.PendingDocument doc = prepare(source, chunker, ledger.get(source.documentId()),
                        options.reindex(), counts, progress);
                if (doc != null) {
                    batcher.add(doc);
                }
                // A re-index is published in one commit so that queries never see a half-rebuilt collection.
                if (!options.reindex() && writes.sinceCommit() > 0
                        && System.nanoTime() - lastCommit > settings.commitInterval().toNanos()) {
                    writes.awaitAll();
                    writer.commit();
                    writes.committed();
                    lastCommit = System.nanoTime();
                }
            }
            if (stopping) {
                counts.droppedInFlight = batcher.stopNow();
            } else {
                batcher.finish();
            }
            writes.awaitAll();
            if (!counts.stopped()) {
                // pruning needs to have seen every source: a stopped run must not delete what it did not reach
                counts.deleted = cleanup.run(seen, target);
            }
            writer.commit();
        }
        if (counts.stopped()) {
            stopped(target, counts);
        } else {
            publishOrKeep(target, counts);
        }
        var stats = collections.find(options.collection()).orElse(index).stats();
        double seconds = (System.nanoTime() - started) / 1e9;
        return new IngestReport(counts.added, counts.updated, counts.unchanged, counts.deleted,
                List.copyOf(counts.failed), stats.documents(), stats.chunks(), counts.embedded, seconds,
                List.copyOf(counts.warnings));
    }

    /**
     * A rebuild with another model replaces the collection only when every document that was read could also be
     * embedded and written: failures there mean the embedding endpoint or the disk failed, and swapping in a
     * collection missing those documents would lose them. Files that cannot be read fail the same way in any build
     * and do not stop the swap.
     */
    private static void publishOrKeep(WritableCollection target, Counts counts) {
        if (!target.isRebuild() || counts.notWritten == 0) {
            target.publish();
            return;
        }
        String reason = "re-index with embedding model " + target.index().settings().embeddingModel()
                + " not swapped in: " + counts.notWritten + " document(s) could not be embedded or written;"
                + " the collection is unchanged. Run it again when the cause is fixed.";
        LOG.warn(reason);
        counts.failed.add(new IngestReport.Failure(target.index().collection(), reason));
    }

    /** A run stopped by a shutdown: what was done is committed (a rebuild aside is not swapped in). */
    private static void stopped(WritableCollection target, Counts counts) {
        String reason = "stopped by shutdown: " + counts.stoppedBefore + " file(s) not started and "
                + counts.droppedInFlight + " not finished; the documents done are committed" + (target.isRebuild() ? " to the rebuild, which was not swapped in" : "")
                + ". Run the same command again to finish.";
        LOG.warn(reason);
        counts.failed.add(new IngestReport.Failure(target.index().collection(), reason));
        if (!target.isRebuild()) {
            target.publish();
        }
    }

    /** Hashes, parses and chunks one source; null when it is unchanged or failed (both counted and reported). */
    private EmbeddingBatcher.PendingDocument prepare(IngestSource source, SentenceChunker chunker,
                                                     IndexedDocument previous, boolean reindex,
                                                     Counts counts, IngestProgress progress) {
        try {
            String hash = source.hash();
            // The same file reached under another name (another ingestion root) is re-indexed so that citations show
            // the name the user gave it last; only identical content under the identical name is skipped.
            if (!reindex && previous != null && previous.contentHash().equals(hash)
                    && previous.source().equals(source.source())) {
                counts.unchanged++;
                progress.fileDone(source.source(), source.size(), 0);
                return null;
            }
            ParsedDocument parsed = source.parse(parser, images -> progress.imagesRead(source.source(), images));
            counts.warnAbout(source.source(), parsed);
            List<Chunk> chunks = chunker.chunk(source.documentId(), parsed);
            return new EmbeddingBatcher.PendingDocument(source.entry(parsed, hash, chunks.size()), parsed.title(),
                    chunks, previous != null && !reindex);
        } catch (IngestFailure e) {
            counts.fail(new IngestReport.Failure(source.source(), e.reason()), progress);
        } catch (IOException | RuntimeException e) {
            LOG.debugf(e, "Ingestion of %s failed", source.source());
            counts.fail(new IngestReport.Failure(source.source(), describe(e)), progress);
        }
        progress.fileDone(source.source(), source.size(), 0);
        return null;
    }

    /** The settings of a collection this pipeline creates, embedding with {@code wanted} (null: the default). */
    private IndexSettings newCollectionSettings(String wanted) {
        String model = wanted == null ? settings.defaultEmbedder() : wanted;
        Embedder embedder = embedders.apply(model);
        return new IndexSettings(model, embedder.dimension(), settings.analyzer(), settings.vectorFormat(),
                settings.collectionReranker());
    }

    /** For --prune: documents read from under {@code roots}, not met in this run, whose file is gone. */
    private static Predicate<IndexedDocument> goneFrom(List<Path> roots, Set<String> seen) {
        List<Path> absoluteRoots = roots.stream().map(r -> r.toAbsolutePath().normalize()).toList();
        return doc -> {
            String pathText = doc.metadata().get(METADATA_PATH);
            if (pathText == null || seen.contains(doc.documentId())) {
                return false;
            }
            Path path = Path.of(pathText);
            return absoluteRoots.stream().anyMatch(path::startsWith) && !Files.exists(path);
        };
    }

    /** Metadata key of the absolute path a document was read from (used by --prune). */
    public static final String METADATA_PATH = "path";

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

    private static final class Counts {
        int added;
        int updated;
        int unchanged;
        int deleted;
        int embedded;
        /** Documents read but not embedded or written (the endpoint or the index failed). */
        int notWritten;
        /** Sources not started because a shutdown stopped the run. */
        int stoppedBefore;
        /** Documents whose embeddings were still running when a shutdown stopped the run (not written). */
        int droppedInFlight;

        boolean stopped() {
            return stoppedBefore > 0 || droppedInFlight > 0;
        }
        final List<IngestReport.Failure> failed = new ArrayList<>();
        final List<IngestReport.Failure> warnings = new ArrayList<>();

        /** Parts of a document left unread (images), reported beside the failures. */
        void warnAbout(String source, ParsedDocument parsed) {
            String unread = parsed.metadata().get(ImageSummary.IMAGE_WARNINGS);
            if (unread != null) {
                unread.lines().forEach(line -> warnings.add(new IngestReport.Failure(source, line)));
            }
        }

        void fail(IngestReport.Failure failure, IngestProgress progress) {
            failed.add(failure);
            progress.fileFailed(failure.source(), failure.reason());
        }

        void written(EmbeddingBatcher.PendingDocument doc, IngestProgress progress) {
            embedded += doc.chunks().size();
            if (doc.existed()) {
                updated++;
            } else {
                added++;
            }
            progress.fileDone(doc.entry().source(), doc.entry().sizeBytes(), doc.chunks().size());
        }

        void failed(EmbeddingBatcher.PendingDocument doc, RuntimeException cause, IngestProgress progress) {
            LOG.debugf(cause, "Ingestion of %s failed", doc.entry().source());
            notWritten++;
            fail(new IngestReport.Failure(doc.entry().source(), describe(cause)), progress);
            progress.fileDone(doc.entry().source(), doc.entry().sizeBytes(), 0);
        }
    }
}

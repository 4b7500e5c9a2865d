package dev.yunrag.api;

import dev.yunrag.config.YunragConfig;
import dev.yunrag.index.ChunkIndex;
import dev.yunrag.index.CollectionCatalog;
import dev.yunrag.index.IndexedDocument;
import dev.yunrag.ingest.IngestOptions;
import dev.yunrag.ingest.IngestProgress;
import dev.yunrag.ingest.IngestReport;
import dev.yunrag.ingest.IngestionPipeline;
import dev.yunrag.ingest.SourceFile;
import dev.yunrag.ingest.UploadStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * Uploads and deletes with nothing left on disk: a stored upload that ends up without a document (refused, failed,
 * or the request broke off) is removed, and deleting a document removes its stored upload. Everything runs under the
 * collection's write lock, so two uploads of one name cannot overwrite each other's file before one is indexed.
 */
@ApplicationScoped
public class UploadIngestion {

    private static final Logger LOG = Logger.getLogger(UploadIngestion.class);

    @Inject
    CollectionCatalog collections;

    @Inject
    IngestionPipeline pipeline;

    @Inject
    YunragConfig config;

    @Inject
    dev.yunrag.security.AuditLog audit;

    public IngestReport ingest(String collection, List<FileUpload> files) {
        UploadStore uploads = new UploadStore(config.dataDir());
        var lock = collections.writeLock(collection);
        lock.lock();
        List<Path> stored = new ArrayList<>();
        try {
            for (FileUpload file : files) {
                stored.add(uploads.store(collection, file.fileName(), file.uploadedFile()));
            }
            IngestReport report = pipeline.ingest(stored, new IngestOptions(collection, null, false, false),
                    IngestProgress.NONE);
            audit.uploaded(collection, names(files), "added=" + report.added() + " updated=" + report.updated()
                    + " unchanged=" + report.unchanged() + " failed=" + report.failed().size());
            return report;
        } catch (RuntimeException e) {
            audit.uploaded(collection, names(files), "error");
            throw e;
        } finally {
            try {
                removeUnindexed(uploads, collection, stored);
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * Re-ingests one document from a new copy: the copy takes the document's name, so it replaces that document
     * whatever the chosen file is called. A document first ingested from a folder has a longer source than the
     * upload's name, so its copy comes in as a new document: the old one is dropped once the copy is in.
     */
    public IngestReport reingest(String collection, IndexedDocument old, FileUpload file) {
        UploadStore uploads = new UploadStore(config.dataDir());
        var lock = collections.writeLock(collection);
        lock.lock();
        List<Path> stored = new ArrayList<>();
        try {
            stored.add(uploads.store(collection, old.source(), file.uploadedFile()));
            IngestReport report = pipeline.ingest(stored, new IngestOptions(collection, null, false, false),
                    IngestProgress.NONE);
            String copyId = new SourceFile(stored.getFirst(), stored.getFirst().getFileName().toString()).documentId();
            if (!report.hasFailures() && !copyId.equals(old.documentId())) {
                collections.deleteDocument(collection, old.documentId());
            }
            audit.uploaded(collection, List.of(old.source()), "reingested document " + old.documentId()
                    + " failed=" + report.failed().size());
            return report;
        } catch (RuntimeException e) {
            audit.uploaded(collection, List.of(old.source()), "error");
            throw e;
        } finally {
            try {
                removeUnindexed(uploads, collection, stored);
            } finally {
                lock.unlock();
            }
        }
    }

    /** Deletes the document and its stored upload; false when there is no such document. */
    public boolean delete(String collection, String documentId) {
        var lock = collections.writeLock(collection);
        lock.lock();
        try {
            Optional<IndexedDocument> document = collections.find(collection)
                    .flatMap(index -> index.document(documentId));
            Optional<String> upload = document.map(d -> d.metadata().get(IngestionPipeline.METADATA_PATH));
            java.util.Set<String> figures = figuresOf(collection, documentId);
            if (!collections.deleteDocument(collection, documentId)) {
                audit.deleted(collection, documentId, null, "not_found");
                return false;
            }
            audit.deleted(collection, documentId, document.map(IndexedDocument::source).orElse(null), "deleted");
            upload.flatMap(path -> new UploadStore(config.dataDir()).remove(collection, path))
                    .ifPresent(path -> LOG.debugf("Removed upload %s with its document", path));
            // A deleted document's pictures go with it, unless another document (any collection) holds the same
            // image: thumbnails are stored once per image.
            new dev.yunrag.ingest.ThumbnailSweep(collections,
                    dev.yunrag.ingest.image.Thumbnails.under(config.dataDir())).removeUncited(figures);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** The figures a document's text was read from (for their thumbnails); empty for an unknown document. */
    private java.util.Set<String> figuresOf(String collection, String documentId) {
        return collections.find(collection).map(index -> {
            try (dev.yunrag.index.IndexView view = index.snapshot()) {
                return view.chunksOf(documentId).stream().flatMap(chunk -> chunk.figures().stream())
                        .map(dev.yunrag.model.FigureSpan::figure)
                        .collect(java.util.stream.Collectors.toSet());
            }
        }).orElse(java.util.Set.of());
    }

    private static List<String> names(List<FileUpload> files) {
        return files.stream().map(FileUpload::fileName).toList();
    }

    private void removeUnindexed(UploadStore uploads, String collection, List<Path> stored) {
        Optional<ChunkIndex> index = collections.find(collection);
        for (Path path : stored) {
            String id = new SourceFile(path, path.getFileName().toString()).documentId();
            Optional<IndexedDocument> document = index.flatMap(i -> i.document(id));
            if (document.isEmpty()) {
                uploads.remove(collection, path.toString());
            }
        }
    }
}

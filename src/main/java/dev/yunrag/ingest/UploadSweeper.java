package dev.yunrag.ingest;

import dev.yunrag.index.CollectionCatalog;
import dev.yunrag.index.IndexedDocument;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Removes what a killed server left behind: stored uploads that no document of their collection points at (the
 * server died between storing and indexing them) and the HTTP layer's temporary multipart files. Only files older
 * than {@code cutoff} (the process start) are touched, so an upload that arrives while the sweep runs is safe.
 */
public final class UploadSweeper {

    private static final Logger LOG = Logger.getLogger(UploadSweeper.class);

    private UploadSweeper() {
    }

    /** Sweeps both places and logs each file removed; returns them. */
    public static List<Path> sweep(UploadStore uploads, CollectionCatalog collections, Path httpTempDir,
                                   Instant cutoff) {
        List<Path> removed = new ArrayList<>(unindexedUploads(uploads, collections, cutoff));
        removed.addAll(staleFiles(httpTempDir, cutoff));
        for (Path path : removed) {
            LOG.infof("Start-up sweep removed %s", path);
        }
        if (!removed.isEmpty()) {
            LOG.infof("Start-up sweep removed %d orphaned file(s) (stored but unindexed uploads, interrupted"
                    + " multipart temp files)", removed.size());
        }
        return removed;
    }

    static List<Path> unindexedUploads(UploadStore uploads, CollectionCatalog collections, Instant cutoff) {
        List<Path> removed = new ArrayList<>();
        if (!Files.isDirectory(uploads.root())) {
            return removed;
        }
        for (Path folder : list(uploads.root())) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            String collection = folder.getFileName().toString();
            Set<String> referenced = referencedNames(collections, collection);
            for (Path file : list(folder)) {
                if (Files.isRegularFile(file) && olderThan(file, cutoff)
                        && !referenced.contains(file.getFileName().toString())) {
                    delete(file, removed);
                }
            }
        }
        return removed;
    }

    /**
     * The upload file names the collection's documents point at. Matched by {@code uploads/COLLECTION/NAME} rather
     * than the absolute path, so that a data directory moved elsewhere keeps its uploads.
     */
    private static Set<String> referencedNames(CollectionCatalog collections, String collection) {
        Set<String> names = new HashSet<>();
        try {
            CollectionCatalog.validName(collection);
        } catch (IllegalArgumentException notACollection) {
            return names;
        }
        collections.find(collection).ifPresent(index -> {
            for (IndexedDocument document : index.documents()) {
                String pathText = document.metadata().get(IngestionPipeline.METADATA_PATH);
                if (pathText != null && isUploadOf(Path.of(pathText), collection)) {
                    names.add(Path.of(pathText).getFileName().toString());
                }
            }
        });
        return names;
    }

    static boolean isUploadOf(Path path, String collection) {
        Path parent = path.getParent();
        return parent != null && parent.getFileName() != null && parent.getFileName().toString().equals(collection)
                && parent.getParent() != null && parent.getParent().getFileName() != null
                && parent.getParent().getFileName().toString().equals("uploads");
    }

    static List<Path> staleFiles(Path dir, Instant cutoff) {
        List<Path> removed = new ArrayList<>();
        if (dir == null || !Files.isDirectory(dir)) {
            return removed;
        }
        for (Path file : list(dir)) {
            if (Files.isRegularFile(file) && olderThan(file, cutoff)) {
                delete(file, removed);
            }
        }
        return removed;
    }

    private static boolean olderThan(Path file, Instant cutoff) {
        try {
            return Files.getLastModifiedTime(file).toInstant().isBefore(cutoff);
        } catch (IOException e) {
            return false;
        }
    }

    private static void delete(Path file, List<Path> removed) {
        try {
            if (Files.deleteIfExists(file)) {
                removed.add(file);
            }
        } catch (IOException e) {
            LOG.warnf("Start-up sweep could not remove %s: %s", file, e.getMessage());
        }
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + dir, e);
        }
    }
}

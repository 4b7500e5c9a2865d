package dev.yunrag.index.lucene;

import dev.yunrag.index.IndexStats;
import dev.yunrag.index.IndexedDocument;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.Lock;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.lucene.index.CheckIndex;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexCommit;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * Backup and restore of one collection of the embedded backend, while it serves and ingests.
 *
 * <p><b>Consistency without stopping writers.</b> A backup copies one Lucene commit: the commit a pinned
 * {@link IndexSnapshot} reads, whose counts it records. Lucene never changes a file once written, but a writer deletes
 * the files of older commits after a new one; so the commit's files are first hard-linked into a staging directory
 * beside the index (milliseconds), which keeps their contents whatever the writer deletes, and copied from there. A
 * file deleted before it was linked means a newer commit landed: the attempt starts again from that one. This needs no
 * writer lock, so it works the same beside an ingestion in this process, a server in another one, or nothing at all.
 * The ledger and the collection's settings are part of the commit (ledger records, commit user data); the uploads
 * the documents were read from are copied beside it.
 *
 * <p><b>Verified both ways.</b> The copy is checked with Lucene's {@link CheckIndex} and its documents and chunks
 * counted against the snapshot's; a restore checks the backup the same way before touching anything, builds the index
 * in a new directory of the collection and swaps it in like a re-index ({@link LuceneCollections#swapIn}).
 */
public final class CollectionBackup {

    private static final int ATTEMPTS = 20;
    static final String INDEX = "index";
    static final String UPLOADS = "uploads";

    private CollectionBackup() {
    }

    /**
     * Backs the collection up into {@code destination} (missing or empty).
     *
     * @param uploadOf the stored upload a document was read from, if it has one (copied into the backup)
     * @throws BackupException no such collection, a non-empty destination, or a copy that does not verify
     */
    public static BackupManifest backup(LuceneCollections catalog, String collection, Path destination,
                                        Function<IndexedDocument, Optional<Path>> uploadOf) {
        Path target = destination.toAbsolutePath().normalize();
        requireEmpty(target);
        LuceneChunkIndex index = catalog.findLucene(collection)
                .orElseThrow(() -> new BackupException("No collection '" + collection + "' in "
                        + catalog.directory(collection).getParent().getParent()));
        Path staging = catalog.directory(collection).resolve("backup-staging-"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000)));
        try {
            Pinned pinned = pin(catalog, collection, index, staging);
            Files.createDirectories(target.resolve(INDEX));
            for (String file : pinned.files()) {
                Files.copy(staging.resolve(file), target.resolve(INDEX).resolve(file));
            }
            int uploads = copyUploads(pinned.documents(), uploadOf, target.resolve(UPLOADS));
            BackupManifest manifest = new BackupManifest(collection, pinned.generation(),
                    pinned.settings().embeddingModel(), pinned.settings().dimension(), pinned.documents().size(),
                    pinned.chunks(), uploads, Instant.now().toString());
            manifest.write(target);
            verify(target);
            return manifest;
        } catch (IOException e) {
            throw new BackupException("Backup of collection '" + collection + "' failed: " + e.getMessage(), e);
        } finally {
            IndexPointer.deleteTree(staging);
        }
    }

    /** One commit's files linked into the staging directory, with what the commit holds. */
    private record Pinned(long generation, List<String> files, dev.yunrag.index.IndexSettings settings,
                          List<IndexedDocument> documents, int chunks) {
    }

    private static Pinned pin(LuceneCollections catalog, String collection, LuceneChunkIndex first, Path staging)
            throws IOException {
        LuceneChunkIndex index = first;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            IndexPointer.deleteTree(staging);
            Files.createDirectories(staging);
            try (IndexSnapshot snapshot = index.snapshot()) {
                IndexCommit commit = ((DirectoryReader) snapshot.searcher().getIndexReader()).getIndexCommit();
                List<String> files = new ArrayList<>(commit.getFileNames());
                if (linkAll(index.path(), staging, files)) {
                    return new Pinned(commit.getGeneration(), files, index.settings(), snapshot.documents(),
                            snapshot.chunkCount());
                }
            }
            // a newer commit deleted a file of this one before it was linked (or a re-index swapped the index in)
            index = catalog.findLucene(collection).orElse(index);
        }
        throw new BackupException("Backup of collection '" + collection + "' gave up: the index changed under "
                + ATTEMPTS + " attempts in a row");
    }

    /** True when every file was linked (or, on a file system without hard links, copied); false when one vanished. */
    private static boolean linkAll(Path indexDir, Path staging, List<String> files) throws IOException {
        for (String file : files) {
            try {
                Files.createLink(staging.resolve(file), indexDir.resolve(file));
            } catch (NoSuchFileException e) {
                return false;
            } catch (UnsupportedOperationException | FileAlreadyExistsException e) {
                throw e;
            } catch (IOException e) {
                // no hard links here (another file system type): a copy holds the contents as well, only slower
                try {
                    Files.copy(indexDir.resolve(file), staging.resolve(file), StandardCopyOption.REPLACE_EXISTING);
                } catch (NoSuchFileException vanished) {
                    return false;
                }
            }
        }
        return true;
    }

    private static int copyUploads(List<IndexedDocument> documents, Function<IndexedDocument, Optional<Path>> uploadOf,
                                   Path target) throws IOException {
        int copied = 0;
        for (IndexedDocument document : documents) {
            Optional<Path> upload = uploadOf.apply(document);
            if (upload.isEmpty() || !Files.isRegularFile(upload.get())) {
                continue;
            }
            Files.createDirectories(target);
            Path copy = target.resolve(upload.get().getFileName().toString());
            if (!Files.exists(copy)) {
                Files.copy(upload.get(), copy);
                copied++;
            }
        }
        return copied;
    }

    /**
     * Checks a backup: its manifest, Lucene's CheckIndex over its index, and its documents, chunks and uploads against
     * the manifest.
     *
     * @throws BackupException it is not a backup, or it is damaged (the message says what was found)
     */
    public static BackupManifest verify(Path backupDir) {
        Path source = backupDir.toAbsolutePath().normalize();
        BackupManifest manifest = BackupManifest.read(source);
        checkIndex(source.resolve(INDEX), "The backup at " + source);
        IndexStats stats = count(manifest.collection(), source.resolve(INDEX));
        if (stats.documents() != manifest.documents() || stats.chunks() != manifest.chunks()) {
            throw new BackupException("The backup at " + source + " is damaged: it holds " + stats.documents()
                    + " documents and " + stats.chunks() + " chunks, its manifest says " + manifest.documents()
                    + " and " + manifest.chunks());
        }
        int uploads = countFiles(source.resolve(UPLOADS));
        if (uploads != manifest.uploads()) {
            throw new BackupException("The backup at " + source + " is damaged: it holds " + uploads
                    + " uploaded files, its manifest says " + manifest.uploads());
        }
        return manifest;
    }

    /**
     * Restores a backup as collection {@code collection}: verified first (a damaged backup changes nothing), then
     * copied into a new index directory of the collection, verified again there and swapped in; its uploads are
     * copied into {@code uploadsDir}.
     *
     * @param replace whether an existing collection may be replaced; without it one is refused
     * @throws BackupException the backup is damaged, the collection exists, or the copy does not verify
     */
    public static BackupManifest restore(LuceneCollections catalog, String collection, Path backupDir,
                                         boolean replace, Path uploadsDir) {
        BackupManifest manifest = verify(backupDir);
        if (!manifest.collection().equals(collection)) {
            throw new BackupException("The backup at " + backupDir + " holds collection '" + manifest.collection()
                    + "': restore it with --collection " + manifest.collection()
                    + " (its documents name their uploads under that collection)");
        }
        Lock lock = catalog.writeLock(collection);
        lock.lock();
        try {
            if (catalog.exists(collection) && !replace) {
                throw new BackupException("Collection '" + collection + "' exists: restore does not overwrite it."
                        + " Add --replace to replace it with the backup, or restore into another data directory");
            }
            Path indexDir = catalog.newIndexDirectory(collection);
            try {
                copyTree(backupDir.resolve(INDEX), indexDir);
                checkIndex(indexDir, "The restored copy in " + indexDir);
                catalog.swapIn(collection, indexDir);
            } catch (IOException | RuntimeException e) {
                catalog.discard(indexDir);
                throw e instanceof BackupException backup ? backup
                        : new BackupException("Restore of collection '" + collection + "' failed, nothing was"
                                + " changed: " + e.getMessage(), e);
            }
            copyTree(backupDir.resolve(UPLOADS), uploadsDir);
            IndexStats stats = catalog.find(collection).orElseThrow().stats();
            if (stats.documents() != manifest.documents() || stats.chunks() != manifest.chunks()) {
                throw new BackupException("The restored collection '" + collection + "' holds " + stats.documents()
                        + " documents and " + stats.chunks() + " chunks, the backup " + manifest.documents()
                        + " and " + manifest.chunks());
            }
            return manifest;
        } catch (IOException e) {
            throw new BackupException("Restore of collection '" + collection + "' failed: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    private static void checkIndex(Path indexDir, String what) {
        if (!LuceneChunkIndex.exists(indexDir)) {
            throw new BackupException(what + " is damaged: it has no readable Lucene index in " + indexDir);
        }
        try (Directory directory = FSDirectory.open(indexDir); CheckIndex check = new CheckIndex(directory)) {
            CheckIndex.Status status = check.checkIndex();
            if (!status.clean) {
                long broken = status.segmentInfos.stream().filter(s -> s.error != null).count();
                throw new BackupException(what + " is damaged: Lucene's CheckIndex found " + broken + " broken of "
                        + status.numSegments + " segments" + (status.missingSegments ? " (segments missing)" : "")
                        + "; nothing was restored");
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof BackupException backup) {
                throw backup;
            }
            throw new BackupException(what + " is damaged: Lucene's CheckIndex cannot read it (" + e.getMessage()
                    + "); nothing was restored", e);
        }
    }

    private static IndexStats count(String collection, Path indexDir) {
        try (LuceneChunkIndex index = LuceneChunkIndex.open(collection, indexDir, null)) {
            return index.stats();
        } catch (IOException | RuntimeException e) {
            throw new BackupException("The index at " + indexDir + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static void requireEmpty(Path target) {
        if (!Files.exists(target)) {
            return;
        }
        if (!Files.isDirectory(target)) {
            throw new BackupException(target + " is a file: give a new or empty directory for the backup");
        }
        try (Stream<Path> entries = Files.list(target)) {
            if (entries.findAny().isPresent()) {
                throw new BackupException(target + " is not empty: give a new or empty directory for the backup");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int countFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return (int) entries.filter(Files::isRegularFile).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) {
            return;
        }
        Files.createDirectories(to);
        try (Stream<Path> entries = Files.list(from)) {
            for (Path file : entries.filter(Files::isRegularFile).toList()) {
                Files.copy(file, to.resolve(file.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}

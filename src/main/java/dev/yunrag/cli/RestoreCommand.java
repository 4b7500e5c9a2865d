package dev.yunrag.cli;

import dev.yunrag.config.YunragConfig;
import dev.yunrag.index.CollectionCatalog;
import dev.yunrag.index.lucene.BackupException;
import dev.yunrag.index.lucene.BackupManifest;
import dev.yunrag.index.lucene.CollectionBackup;
import dev.yunrag.index.lucene.LuceneCollections;
import dev.yunrag.ingest.UploadStore;
import dev.yunrag.security.AuditLog;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code restore --collection NAME [--replace] SRC}: a backup made by {@code backup}, verified, swapped in. */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = "Restore a collection from a backup made by 'backup': the backup is checked (CheckIndex,"
                + " counts) before anything changes, and an existing collection is replaced only with --replace.",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:restored and verified", "2:nothing restored (the message says why)"})
public class RestoreCommand implements Callable<Integer> {

    @Option(names = "--collection", paramLabel = "NAME", required = true,
            description = "The collection to restore (the one the backup was taken of).")
    String collection;

    @Option(names = "--replace", description = "Replace the collection if it exists (refused otherwise).")
    boolean replace;

    @Parameters(paramLabel = "SRC", description = "The backup directory.")
    Path source;

    @Inject
    CollectionCatalog collections;

    @Inject
    YunragConfig config;

    @Inject
    AuditLog audit;

    @Override
    public Integer call() {
        if (!(collections instanceof LuceneCollections lucene)) {
            System.err.println("error: restore writes the embedded Lucene index; on SolrCloud use Solr's own"
                    + " collection RESTORE");
            return 2;
        }
        try {
            CollectionCatalog.validName(collection);
            Path uploads = new UploadStore(config.dataDir()).root().resolve(collection);
            BackupManifest manifest = CollectionBackup.restore(lucene, collection, source, replace, uploads);
            audit.operator(replace ? "restore --replace" : "restore", collection,
                    source.toAbsolutePath().normalize().toString(),
                    "ok: " + manifest.documents() + " documents, " + manifest.chunks() + " chunks");
            System.out.printf("Restored collection '%s' from %s: %d documents, %d chunks, %d uploaded files"
                            + " (embedding model %s); CheckIndex clean, counts verified.%n", collection,
                    source.toAbsolutePath().normalize(), manifest.documents(), manifest.chunks(), manifest.uploads(),
                    manifest.embeddingModel());
            return 0;
        } catch (BackupException | IllegalArgumentException e) {
            audit.operator("restore", collection, String.valueOf(source), "refused: " + e.getMessage());
            System.err.println("error: " + e.getMessage());
            return 2;
        }
    }
}

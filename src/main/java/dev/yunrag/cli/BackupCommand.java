package dev.yunrag.cli;

import dev.yunrag.config.YunragConfig;
import dev.yunrag.index.CollectionCatalog;
import dev.yunrag.index.lucene.BackupException;
import dev.yunrag.index.lucene.BackupManifest;
import dev.yunrag.index.lucene.CollectionBackup;
import dev.yunrag.index.lucene.LuceneCollections;
import dev.yunrag.ingest.IngestionPipeline;
import dev.yunrag.ingest.UploadStore;
import dev.yunrag.security.AuditLog;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code backup --collection NAME DEST}: a verified copy of one collection, taken while it serves and ingests. */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = "Copy a collection (index, ledger, settings and uploaded files) into DEST, from one commit,"
                + " while it serves and ingests; the copy is checked with Lucene's CheckIndex and its counts.",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:backed up and verified", "2:nothing backed up (the message says why)"})
public class BackupCommand implements Callable<Integer> {

    @Option(names = "--collection", paramLabel = "NAME", required = true, description = "The collection to back up.")
    String collection;

    @Parameters(paramLabel = "DEST", description = "A new or empty directory for the backup.")
    Path destination;

    @Inject
    CollectionCatalog collections;

    @Inject
    YunragConfig config;

    @Inject
    AuditLog audit;

    @Override
    public Integer call() {
        if (!(collections instanceof LuceneCollections lucene)) {
            System.err.println("error: backup copies the embedded Lucene index; on SolrCloud use Solr's own"
                    + " collection backup (BACKUP of the Collections API)");
            return 2;
        }
        try {
            CollectionCatalog.validName(collection);
            Path uploads = new UploadStore(config.dataDir()).root().resolve(collection);
            BackupManifest manifest = CollectionBackup.backup(lucene, collection, destination, document ->
                    Optional.ofNullable(document.metadata().get(IngestionPipeline.METADATA_PATH)).map(Path::of)
                            .filter(path -> path.toAbsolutePath().normalize().startsWith(uploads))
                            .filter(Files::isRegularFile));
            String summary = String.format("Backed up collection '%s' to %s: %d documents, %d chunks, %d uploaded"
                    + " files (commit %d, embedding model %s); CheckIndex clean, counts verified.", collection,
                    destination.toAbsolutePath().normalize(), manifest.documents(), manifest.chunks(),
                    manifest.uploads(), manifest.generation(), manifest.embeddingModel());
            audit.operator("backup", collection, destination.toAbsolutePath().normalize().toString(),
                    "ok: " + manifest.documents() + " documents, " + manifest.chunks() + " chunks");
            System.out.println(summary);
            return 0;
        } catch (BackupException | IllegalArgumentException e) {
            audit.operator("backup", collection, String.valueOf(destination), "refused: " + e.getMessage());
            System.err.println("error: " + e.getMessage());
            return 2;
        }
    }
}

package dev.yunrag.cli;

import dev.yunrag.config.YunragConfig;
import dev.yunrag.index.CollectionCatalog;
import dev.yunrag.ingest.UploadStore;
import dev.yunrag.ingest.UploadSweeper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * What {@code serve} clears at start: uploads stored but never indexed and multipart temp files, left by a server
 * that was killed mid-request, and index directories of re-indexes or restores a crash interrupted. Only
 * {@code serve} runs it: a one-shot command may run beside a live server, whose in-flight uploads are not orphans.
 */
@ApplicationScoped
public class OrphanSweep {

    private static final Logger LOG = Logger.getLogger(OrphanSweep.class);

    @Inject
    YunragConfig config;

    @Inject
    CollectionCatalog collections;

    @ConfigProperty(name = "quarkus.http.body.uploads-directory")
    String httpUploads;

    public List<Path> run() {
        Instant started = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
        try {
            if (collections instanceof dev.yunrag.index.lucene.LuceneCollections lucene) {
                // index directories of re-indexes or restores that a crash interrupted (the old index stayed)
                lucene.sweepAbandoned();
            }
            return UploadSweeper.sweep(new UploadStore(config.dataDir()), collections, Path.of(httpUploads), started);
        } catch (RuntimeException e) {
            LOG.warnf("Start-up sweep of orphaned uploads failed: %s", e.getMessage());
            return List.of();
        }
    }
}

package dev.yunrag.api.health;

import dev.yunrag.app.Pipelines;
import dev.yunrag.config.YunragConfig;
import dev.yunrag.index.CollectionCatalog;
import dev.yunrag.index.IndexStats;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when the data directory takes writes (uploads and ingestion need it) and every collection opens (on disk, or
 * on SolrCloud with {@code yunrag.index.backend=solr}: an unreachable cluster is DOWN with the reason); reports the
 * backend and each collection's size. An empty data directory is ready: there is just nothing to search yet.
 */
@Readiness
@ApplicationScoped
public class IndexHealthCheck implements HealthCheck {

    static final String NAME = "index";

    @Inject
    YunragConfig config;

    @Inject
    CollectionCatalog collections;

    @Inject
    Pipelines pipelines;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder health = HealthCheckResponse.named(NAME).up();
        Path dataDir = config.dataDir().toAbsolutePath().normalize();
        health.withData("dataDir", dataDir.toString());
        try {
            Files.createDirectories(dataDir);
            Files.delete(Files.createTempFile(dataDir, ".health", ".tmp"));
            health.withData("dataDirWritable", true);
        } catch (IOException | RuntimeException e) {
            health.down().withData("dataDirWritable", false).withData("dataDirError", String.valueOf(e));
        }
        health.withData("backend", pipelines.indexBackend());
        // with SolrCloud a cluster that is down is DOWN here with the client's reason, within its request timeout
        try {
            var names = collections.names();
            health.withData("collections", names.size());
            for (String name : names) {
                try {
                    IndexStats stats = collections.find(name).orElseThrow().stats();
                    health.withData("collection." + name, stats.documents() + " documents, " + stats.chunks()
                            + " chunks, " + stats.settings().embeddingModel());
                } catch (RuntimeException e) {
                    health.down().withData("collection." + name, "cannot open: " + e.getMessage());
                }
            }
        } catch (RuntimeException e) {
            health.down().withData("collectionsError", String.valueOf(e.getMessage()));
        }
        return health.build();
    }
}

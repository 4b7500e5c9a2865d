package dev.yunrag.app;

import dev.yunrag.config.YunragConfig;
import dev.yunrag.index.ChunkIndex;
import dev.yunrag.index.CollectionCatalog;
import dev.yunrag.index.IndexSettings;
import dev.yunrag.index.IndexUnavailableException;
import dev.yunrag.index.solr.SolrCollectionCatalog;
import dev.yunrag.index.solr.SolrSettings;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.Lock;
import java.util.function.Supplier;

/**
 * The collections on SolrCloud ({@code yunrag.index.backend=solr}). The cluster is connected on first use, not at
 * start-up, and again after a failed attempt: a service started while the cluster is down (or before it) serves as
 * soon as the cluster answers, and meanwhile every request that needs the index fails at once with
 * {@link IndexUnavailableException} (503, {@code /q/health} DOWN with the reason) instead of stopping the start-up.
 * Misconfiguration (no address, say) still stops the start-up: {@link #settings} is called when the catalog is built.
 */
final class SolrBackend implements CollectionCatalog {

    private final SolrSettings settings;
    private final Supplier<CollectionCatalog> connect;
    private CollectionCatalog connected;

    SolrBackend(SolrSettings settings) {
        this(settings, () -> SolrCollectionCatalog.connect(settings));
    }

    SolrBackend(SolrSettings settings, Supplier<CollectionCatalog> connect) {
        this.settings = settings;
        this.connect = connect;
    }

    /**
     * The {@code yunrag.solr.*} settings.
     *
     * @throws IllegalArgumentException neither {@code yunrag.solr.zk-hosts} nor {@code yunrag.solr.urls} is set, or
     *                                  another value is out of range; the message names the key to set
     */
    static SolrSettings settings(YunragConfig config) {
        YunragConfig.Solr solr = config.solr();
        return new SolrSettings(solr.zkHosts().orElse(List.of()), solr.urls().orElse(List.of()),
                solr.user().orElse(null), solr.password().orElse(null), solr.shards(), solr.replicas(),
                solr.requestTimeout(), solr.connectTimeout());
    }

    /** Where the cluster is, for logs and health (never the password). */
    String describe() {
        return settings.toString();
    }

    private synchronized CollectionCatalog catalog() {
        if (connected == null) {
            try {
                connected = connect.get();
            } catch (IndexUnavailableException e) {
                throw new IndexUnavailableException("SolrCloud is unreachable (" + where() + "): " + e.getMessage(),
                        e);
            } catch (RuntimeException e) {
                // the cluster-state client fails with plain runtime exceptions when no node answers
                throw new IndexUnavailableException("SolrCloud cannot be used (" + where()
                        + "): " + e.getMessage(), e);
            }
        }
        return connected;
    }

    private String where() {
        return settings.zkHosts().isEmpty() ? "yunrag.solr.urls=" + String.join(",", settings.solrUrls())
                : "yunrag.solr.zk-hosts=" + String.join(",", settings.zkHosts());
    }

    @Override
    public List<String> names() {
        return catalog().names();
    }

    @Override
    public boolean exists(String collection) {
        return catalog().exists(collection);
    }

    @Override
    public Optional<ChunkIndex> find(String collection) {
        return catalog().find(collection);
    }

    @Override
    public ChunkIndex openOrCreate(String collection, IndexSettings settingsIfNew) {
        return catalog().openOrCreate(collection, settingsIfNew);
    }

    @Override
    public void drop(String collection) {
        catalog().drop(collection);
    }

    @Override
    public Lock writeLock(String collection) {
        return catalog().writeLock(collection);
    }

    @Override
    public synchronized void close() {
        if (connected != null) {
            connected.close();
            connected = null;
        }
    }
}

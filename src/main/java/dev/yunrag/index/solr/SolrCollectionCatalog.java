package dev.yunrag.index.solr;

import dev.yunrag.index.ChunkIndex;
import dev.yunrag.index.CollectionCatalog;
import dev.yunrag.index.IndexSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.request.CollectionAdminRequest;
import org.apache.solr.client.solrj.request.ConfigSetAdminRequest;
import org.apache.solr.client.solrj.request.UpdateRequest;
import org.apache.solr.client.solrj.request.AbstractUpdateRequest;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.util.ContentStreamBase;

/**
 * The YunRAG collections of one SolrCloud cluster. A collection is created with a configset of its own, named
 * {@code yunrag-NAME} ({@link SolrConfigset}: the schema carries the collection's dimension and analyzer), with the
 * shards and replicas of {@link SolrSettings}, the compositeId router, and a settings record holding what it was
 * built with. Only collections whose configset is named so are listed: the cluster may serve others. Opening a
 * collection reads its settings record; the embedding-model check is {@link CollectionCatalog#openForWriting}'s.
 */
public final class SolrCollectionCatalog implements CollectionCatalog {

    static final String CONFIGSET_PREFIX = "yunrag-";

    private final SolrClient client;
    private final SolrSettings settings;
    private final Map<String, SolrChunkIndex> open = new ConcurrentHashMap<>();
    private final Map<String, ReentrantLock> writeLocks = new ConcurrentHashMap<>();

    /** Connects and checks the Solr version; see {@link SolrClients#connect}. */
    public static SolrCollectionCatalog connect(SolrSettings settings) {
        return new SolrCollectionCatalog(SolrClients.connect(settings), settings);
    }

    SolrCollectionCatalog(SolrClient client, SolrSettings settings) {
        this.client = client;
        this.settings = settings;
    }

    @Override
    public List<String> names() {
        Map<String, String> configs = SolrClients.collectionConfigs(client);
        List<String> names = new ArrayList<>();
        configs.forEach((name, config) -> {
            if ((CONFIGSET_PREFIX + name).equals(config)) {
                names.add(name);
            }
        });
        names.sort(null);
        return names;
    }

    @Override
    public boolean exists(String collection) {
        return names().contains(CollectionCatalog.validName(collection));
    }

    @Override
    public Optional<ChunkIndex> find(String collection) {
        CollectionCatalog.validName(collection);
        SolrChunkIndex index = open.get(collection);
        if (index != null) {
            return Optional.of(index);
        }
        if (!exists(collection)) {
            return Optional.empty();
        }
        return Optional.of(open.computeIfAbsent(collection, this::load));
    }

    private SolrChunkIndex load(String collection) {
        SolrDocument record = SolrCalls.call(collection, "read the settings",
                () -> client.getById(collection, SolrRecords.SETTINGS_ID));
        if (record == null) {
            throw new IllegalStateException("Solr collection '" + collection + "' has no YunRAG settings record; it"
                    + " was not created by YunRAG, or its creation did not finish. Drop it and ingest again.");
        }
        return new SolrChunkIndex(client, collection, SolrRecords.toSettings(record));
    }

    @Override
    public synchronized ChunkIndex openOrCreate(String collection, IndexSettings settingsIfNew) {
        Optional<ChunkIndex> existing = find(collection);
        if (existing.isPresent()) {
            return existing.get();
        }
        create(collection, settingsIfNew);
        return open.computeIfAbsent(collection, this::load);
    }

    /** Uploads the collection's configset, creates the collection and writes its settings record. */
    private void create(String collection, IndexSettings indexSettings) {
        String configName = CONFIGSET_PREFIX + collection;
        byte[] zip = SolrConfigset.zip(indexSettings);
        ConfigSetAdminRequest.Upload upload = new ConfigSetAdminRequest.Upload()
                .setConfigSetName(configName).setOverwrite(true).setCleanup(true)
                .setUploadStream(new ContentStreamBase.ByteArrayStream(zip, configName + ".zip", "application/zip"));
        SolrCalls.call(collection, "upload configset " + configName, () -> upload.process(client));
        CollectionAdminRequest.Create create = CollectionAdminRequest.createCollection(collection, configName,
                settings.shards(), settings.replicas());
        create.setRouterName("compositeId");
        try {
            SolrCalls.call(collection, "create the collection", () -> create.process(client));
        } catch (RuntimeException e) {
            drop(collection); // a creation that failed half-way (some replicas created) would block the next one
            throw e;
        }
        UpdateRequest record = new UpdateRequest();
        record.add(SolrRecords.settingsRecord(indexSettings));
        record.add(SolrRecords.headRecord(0, 0));
        record.setAction(AbstractUpdateRequest.ACTION.COMMIT, true, true);
        // the replicas may still be electing their leaders: retry the first write for a while
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                SolrCalls.call(collection, "write the settings", () -> record.process(client, collection));
                return;
            } catch (UncheckedIOException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                sleep(250);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating a Solr collection", e);
        }
    }

    @Override
    public synchronized void drop(String collection) {
        CollectionCatalog.validName(collection);
        open.remove(collection);
        if (SolrClients.collectionConfigs(client).containsKey(collection)) {
            SolrCalls.call(collection, "drop the collection",
                    () -> CollectionAdminRequest.deleteCollection(collection).process(client));
        }
        String configName = CONFIGSET_PREFIX + collection;
        if (SolrClients.configsets(client).contains(configName)) {
            SolrCalls.call(collection, "delete configset " + configName,
                    () -> new ConfigSetAdminRequest.Delete().setConfigSetName(configName).process(client));
        }
    }

    @Override
    public Lock writeLock(String collection) {
        return writeLocks.computeIfAbsent(CollectionCatalog.validName(collection), name -> new ReentrantLock());
    }

    @Override
    public void close() {
        open.clear();
        try {
            client.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.yunrag.index.solr;

import dev.yunrag.index.CollectionLockedException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.request.UpdateRequest;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrException;
import org.apache.solr.common.SolrInputDocument;

/**
 * The single-writer lock of a collection across processes: a lock record created only if absent (Solr's optimistic
 * concurrency, {@code _version_ = -1}) and read back with real-time get, so no commit is needed to see it. The holder
 * refreshes its heartbeat; a lock whose heartbeat is older than {@link #STALE} was left by a process that died, and
 * is taken over (again with optimistic concurrency, so two takers cannot both win).
 */
final class SolrWriterLock implements AutoCloseable {

    static final String LOCK_ID = "yunrag-writer-lock";
    static final Duration STALE = Duration.ofMinutes(2);
    private static final Duration HEARTBEAT = Duration.ofSeconds(20);

    private final SolrClient client;
    private final String collection;
    private final String owner = UUID.randomUUID() + "@" + ProcessHandle.current().pid();
    private final ScheduledExecutorService heartbeat;

    private SolrWriterLock(SolrClient client, String collection) {
        this.client = client;
        this.collection = collection;
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon()
                .name("solr-writer-lock-" + collection).factory());
    }

    /** Takes the lock or throws {@link CollectionLockedException}. */
    static SolrWriterLock acquire(SolrClient client, String collection) {
        SolrWriterLock lock = new SolrWriterLock(client, collection);
        SolrDocument current = lock.read();
        long version;
        if (current == null) {
            version = -1; // only if absent
        } else if (System.currentTimeMillis() - ((Number) current.getFieldValue("heartbeat")).longValue()
                > STALE.toMillis()) {
            version = ((Number) current.getFieldValue("_version_")).longValue(); // only if still that stale lock
        } else {
            lock.heartbeat.shutdownNow();
            throw new CollectionLockedException(collection, null);
        }
        try {
            lock.write(version);
        } catch (RuntimeException e) {
            lock.heartbeat.shutdownNow();
            if (conflict(e)) { // another process created or took the lock between our read and write
                throw new CollectionLockedException(collection, e);
            }
            throw e;
        }
        lock.heartbeat.scheduleWithFixedDelay(lock::beat, HEARTBEAT.toMillis(), HEARTBEAT.toMillis(),
                TimeUnit.MILLISECONDS);
        return lock;
    }

    private static boolean conflict(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SolrException solr && solr.code() == SolrException.ErrorCode.CONFLICT.code) {
                return true;
            }
        }
        return false;
    }

    private SolrDocument read() {
        return SolrCalls.call(collection, "read the writer lock", () -> client.getById(collection, LOCK_ID));
    }

    private void write(long version) {
        SolrInputDocument d = new SolrInputDocument();
        d.setField(SolrRecords.ID, LOCK_ID);
        d.setField(SolrRecords.KIND, "lock");
        d.setField("owner", owner);
        d.setField("heartbeat", System.currentTimeMillis());
        d.setField("_version_", version);
        SolrCalls.call(collection, "take the writer lock", () -> new UpdateRequest().add(d).process(client, collection));
    }

    private void beat() {
        try {
            SolrDocument current = read();
            if (current != null && owner.equals(current.getFieldValue("owner"))) {
                write(((Number) current.getFieldValue("_version_")).longValue());
            }
        } catch (RuntimeException e) {
            // the next beat tries again; a lock not refreshed for STALE may be taken over
        }
    }

    @Override
    public void close() {
        heartbeat.shutdownNow();
        try {
            SolrDocument current = read();
            if (current != null && owner.equals(current.getFieldValue("owner"))) {
                UpdateRequest delete = new UpdateRequest();
                delete.deleteById(LOCK_ID, ((Number) current.getFieldValue("_version_")).longValue());
                SolrCalls.call(collection, "release the writer lock", () -> delete.process(client, collection));
            }
        } catch (RuntimeException e) {
            // Solr unreachable: the lock goes stale and is taken over after STALE
        }
    }
}

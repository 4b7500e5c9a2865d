package dev.yunrag.index.solr;

import dev.yunrag.index.ChunkIndexWriter;
import dev.yunrag.index.IndexSettings;
import dev.yunrag.index.IndexedDocument;
import dev.yunrag.model.Chunk;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.SolrRequest;
import org.apache.solr.client.solrj.request.AbstractUpdateRequest;
import org.apache.solr.client.solrj.request.UpdateRequest;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrDocumentList;
import org.apache.solr.common.SolrInputDocument;

/**
 * The writer of a SolrCloud collection. Writes wait here until {@link #commit()} (SolrCloud has no rollback, and
 * whatever reaches it shows at anyone's next commit), so closing without a commit discards them. A commit picks the
 * next generation and sends, per document, one update request to the document's shard that adds its new records
 * (visible from that generation) and retires its live ones (an in-place update of {@code gen_to}), purges records
 * retired more than {@link #RETENTION} ago, and commits; only then, in a second commit, it moves the head record to
 * the new generation (a commit returns once every replica has opened its new searcher). Readers
 * ({@link SolrIndexView}) see the new generation only once they read the new head, and never half of a document.
 * A writer left by a crashed process is undone when the next one opens: records of generations the head never
 * reached are deleted, and retirements from them revoked.
 */
final class SolrIndexWriter implements ChunkIndexWriter {

    /** How long a retired version is kept for views that fixed an older generation. */
    static final Duration RETENTION = Duration.ofMinutes(1);
    private static final int PAGE = 1000;

    private sealed interface Pending permits Upsert, Delete {
    }

    private record Upsert(IndexedDocument document, List<SolrInputDocument> records) implements Pending {
    }

    private record Delete(String documentId) implements Pending {
    }

    private final SolrClient client;
    private final String collection;
    private final IndexSettings settings;
    private final SolrWriterLock lock;
    /** Per document the last write handed over, in order: only the last one of a document matters at commit. */
    private final Map<String, Pending> pending = new LinkedHashMap<>();
    private boolean deleteAll;
    private long gen;
    private long floor;

    SolrIndexWriter(SolrClient client, String collection, IndexSettings settings, SolrWriterLock lock) {
        this.client = client;
        this.collection = collection;
        this.settings = settings;
        this.lock = lock;
        try {
            long[] head = SolrIndexView.head(client, collection);
            this.gen = head[0];
            this.floor = head[1];
            undoUnfinishedCommit();
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    @Override
    public void upsert(IndexedDocument document, List<Chunk> chunks, List<float[]> vectors) {
        if (chunks.size() != vectors.size()) {
            throw new IllegalArgumentException(chunks.size() + " chunks but " + vectors.size() + " vectors");
        }
        String writeId = UUID.randomUUID().toString();
        List<SolrInputDocument> records = new ArrayList<>(chunks.size() + 1);
        records.add(SolrRecords.ledgerRecord(document, writeId));
        for (int i = 0; i < chunks.size(); i++) {
            if (vectors.get(i).length != settings.dimension()) {
                throw new IllegalArgumentException("Vector of " + vectors.get(i).length + " dims for a collection of "
                        + settings.dimension());
            }
            records.add(SolrRecords.chunkRecord(document, chunks.get(i), vectors.get(i), writeId));
        }
        synchronized (pending) {
            pending.remove(document.documentId());
            pending.put(document.documentId(), new Upsert(document, records));
        }
    }

    @Override
    public void delete(String documentId) {
        synchronized (pending) {
            pending.remove(documentId);
            pending.put(documentId, new Delete(documentId));
        }
    }

    @Override
    public void deleteAll() {
        synchronized (pending) {
            pending.clear();
            deleteAll = true;
        }
    }

    @Override
    public void commit() {
        List<Pending> batch;
        boolean raiseFloor;
        synchronized (pending) {
            batch = List.copyOf(pending.values());
            raiseFloor = deleteAll;
            pending.clear();
            deleteAll = false;
        }
        long next = Math.max(gen + 1, System.currentTimeMillis());
        long nextFloor = raiseFloor ? next : floor;
        for (Pending op : batch) {
            switch (op) {
                case Upsert upsert -> replace(upsert.document().documentId(), upsert.records(), next);
                case Delete delete -> replace(delete.documentId(), List.of(), next);
            }
        }
        // Two commits: the head may name the new generation only once every replica of every shard shows its
        // records, or a view could read the new generation and then a replica still showing the old version.
        UpdateRequest data = new UpdateRequest();
        data.deleteByQuery(purgeable(next - RETENTION.toMillis(), nextFloor));
        data.setAction(AbstractUpdateRequest.ACTION.COMMIT, true, true);
        SolrCalls.call(collection, "commit", () -> data.process(client, collection));
        UpdateRequest head = new UpdateRequest();
        head.add(SolrRecords.headRecord(next, nextFloor));
        head.setAction(AbstractUpdateRequest.ACTION.COMMIT, true, true);
        SolrCalls.call(collection, "commit", () -> head.process(client, collection));
        gen = next;
        floor = nextFloor;
    }

    /** One request to the document's shard: its new records from {@code next}, its live ones retired at it. */
    private void replace(String documentId, List<SolrInputDocument> records, long next) {
        UpdateRequest request = new UpdateRequest();
        for (String id : liveIds(documentId)) {
            request.add(SolrRecords.retired(id, next));
        }
        for (SolrInputDocument record : records) {
            SolrRecords.visibleFrom(record, next);
            request.add(record);
        }
        if (request.getDocuments() == null || request.getDocuments().isEmpty()) {
            return; // deleting a document that is not there
        }
        SolrCalls.call(collection, "write document " + documentId, () -> request.process(client, collection));
    }

    /** Ids of the document's records alive in the committed generation (the single writer's view is current). */
    private List<String> liveIds(String documentId) {
        SolrQuery q = new SolrQuery(SolrQueries.term(SolrRecords.DOC_ID, documentId));
        q.addFilterQuery(SolrIndexView.alive(gen, floor));
        q.set("_route_", SolrRecords.route(documentId));
        q.setFields(SolrRecords.ID);
        q.setRows(PAGE);
        SolrDocumentList found = query(q, "read document " + documentId);
        if (found.getNumFound() > found.size()) {
            q.setRows((int) found.getNumFound());
            found = query(q, "read document " + documentId);
        }
        List<String> ids = new ArrayList<>(found.size());
        for (SolrDocument d : found) {
            ids.add(SolrRecords.string(d, SolrRecords.ID));
        }
        return ids;
    }

    /** Records retired before {@code cutoff}, or left below a floor raised before it. */
    private static String purgeable(long cutoff, long floor) {
        String retired = SolrRecords.GEN_TO + ":[* TO " + cutoff + "]";
        return floor <= cutoff ? "(" + retired + ") OR " + SolrRecords.GEN_FROM + ":[* TO " + (floor - 1) + "]"
                : retired;
    }

    /**
     * Undoes what a writer that died inside {@link #commit()} sent: records of generations above the head, and
     * retirements at them. Views never saw either (they filter by the head's generation), so this changes no view.
     */
    private void undoUnfinishedCommit() {
        SolrQuery q = new SolrQuery("*:*");
        String unfinished = SolrRecords.GEN_FROM + ":{" + gen + " TO *] OR " + SolrRecords.GEN_TO + ":{" + gen
                + " TO " + SolrRecords.LIVE + "}";
        q.addFilterQuery(unfinished);
        q.setRows(0);
        UpdateRequest makeVisible = new UpdateRequest();
        makeVisible.setAction(AbstractUpdateRequest.ACTION.COMMIT, true, true);
        SolrCalls.call(collection, "commit", () -> makeVisible.process(client, collection));
        if (query(q, "look for an unfinished commit").getNumFound() == 0) {
            return;
        }
        UpdateRequest undo = new UpdateRequest();
        undo.deleteByQuery(SolrRecords.GEN_FROM + ":{" + gen + " TO *]");
        SolrCalls.call(collection, "undo an unfinished commit", () -> undo.process(client, collection));
        SolrQuery revoked = new SolrQuery(SolrRecords.GEN_TO + ":{" + gen + " TO " + SolrRecords.LIVE + "}");
        revoked.setFields(SolrRecords.ID);
        revoked.setRows(Integer.MAX_VALUE / 2);
        UpdateRequest restore = new UpdateRequest();
        for (SolrDocument d : query(revoked, "undo an unfinished commit")) {
            restore.add(SolrRecords.retired(SolrRecords.string(d, SolrRecords.ID), SolrRecords.LIVE));
        }
        restore.setAction(AbstractUpdateRequest.ACTION.COMMIT, true, true);
        SolrCalls.call(collection, "undo an unfinished commit", () -> restore.process(client, collection));
    }

    private SolrDocumentList query(SolrQuery q, String what) {
        return SolrCalls.call(collection, what, () -> client.query(collection, q, SolrRequest.METHOD.POST))
                .getResults();
    }

    @Override
    public void close() {
        synchronized (pending) {
            pending.clear();
            deleteAll = false;
        }
        lock.close();
    }
}

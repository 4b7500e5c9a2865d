package dev.yunrag.index.solr;

import dev.yunrag.index.IndexSettings;
import dev.yunrag.index.IndexView;
import dev.yunrag.index.IndexedDocument;
import dev.yunrag.index.SearchFilter;
import dev.yunrag.index.StoredDocument;
import dev.yunrag.index.lucene.Analyzers;
import dev.yunrag.model.Chunk;
import dev.yunrag.model.RankTrace;
import dev.yunrag.model.ScoredChunk;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.SolrRequest;
import org.apache.solr.client.solrj.response.FacetField;
import org.apache.solr.client.solrj.response.QueryResponse;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrDocumentList;
import org.apache.solr.common.params.CursorMarkParams;

/**
 * A read view of a SolrCloud collection, fixed at one commit generation. Solr cannot pin a searcher across requests as
 * a Lucene reader can, so YunRAG versions its records instead: each write adds records visible from generation
 * {@code gen_from} and retires the previous ones from generation {@code gen_to} (SolrIndexWriter), and the head record
 * names the last committed generation. A view reads the head once and then filters every request to the records
 * alive in that generation, so all its reads (BM25, kNN, ledger, chunks, counts) show the same version of every
 * document, whatever is committed meanwhile. Whichever state a shard or replica is in (before or after a commit), a
 * generation's filter matches at most one version of a document, because a document's versions live on one shard and
 * its new records and the retirement of its old ones become visible together. Retired records are purged by later
 * commits once older than {@link SolrIndexWriter#RETENTION}: a view stays consistent that long.
 */
final class SolrIndexView implements IndexView {

    /** Most distinct terms per field in a BM25 query, as in the embedded index. */
    static final int MAX_QUERY_TERMS = 400;
    private static final int PAGE = 1000;

    private final SolrClient client;
    private final String collection;
    private final IndexSettings settings;
    private final Analyzer analyzer;
    private final String alive;

    SolrIndexView(SolrClient client, String collection, IndexSettings settings, Analyzer analyzer) {
        this.client = client;
        this.collection = collection;
        this.settings = settings;
        this.analyzer = analyzer;
        long[] head = head(client, collection);
        this.alive = alive(head[0], head[1]);
    }

    /** The last committed generation and the floor, from the head record (0 and 0 before the first commit). */
    static long[] head(SolrClient client, String collection) {
        SolrQuery q = new SolrQuery(SolrQueries.term(SolrRecords.ID, SolrRecords.HEAD_ID));
        q.setFields(SolrRecords.GEN, SolrRecords.FLOOR);
        q.setRows(1);
        SolrDocumentList found = SolrCalls.call(collection, "read the head record",
                () -> client.query(collection, q)).getResults();
        if (found.isEmpty()) {
            return new long[] {0, 0};
        }
        return new long[] {SolrRecords.number(found.getFirst(), SolrRecords.GEN),
            SolrRecords.number(found.getFirst(), SolrRecords.FLOOR)};
    }

    /** The filter of records alive in generation {@code gen} above {@code floor}; not cached (one per view). */
    static String alive(long gen, long floor) {
        return "{!cache=false}+" + SolrRecords.GEN_FROM + ":[" + floor + " TO " + gen + "] +" + SolrRecords.GEN_TO
                + ":{" + gen + " TO *]";
    }

    @Override
    public List<ScoredChunk> searchBm25(String query, int k, SearchFilter filter) {
        String text = boundedText(query);
        if (text == null) {
            return List.of();
        }
        SolrQuery q = search(SolrQueries.bm25(text), k, filter);
        q.set("q.op", "OR");
        q.set("sow", "false");
        return ranked(query(q, "search (BM25)").getResults(), true);
    }

    @Override
    public List<ScoredChunk> searchVector(float[] vector, int k, SearchFilter filter) {
        if (vector.length != settings.dimension()) {
            throw new IllegalArgumentException("Query vector has " + vector.length + " dimensions; collection '"
                    + collection + "' holds " + settings.dimension());
        }
        return ranked(query(search(SolrQueries.knn(vector, k), k, filter), "search (kNN)").getResults(), false);
    }

    private SolrQuery search(String q, int k, SearchFilter filter) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        SolrQuery query = new SolrQuery(q);
        SolrQueries.chunkFilters(filter).forEach(query::addFilterQuery);
        query.addFilterQuery(alive);
        query.setRows(k);
        query.setFields(SolrRecords.CHUNK_FIELDS, "score");
        // each shard answers from one searcher with every field: no second fetch that could see another commit
        query.set("distrib.singlePass", true);
        return query;
    }

    /**
     * The query text the embedded index would search: null when the analyzer finds no term; past
     * {@link #MAX_QUERY_TERMS} terms, the distinct ones joined by spaces (a long question stays under Solr's clause
     * limit, as the embedded index cuts it).
     */
    String boundedText(String query) {
        List<String> terms = new ArrayList<>();
        try (var tokens = analyzer.tokenStream(SolrRecords.TEXT, query)) {
            var term = tokens.addAttribute(CharTermAttribute.class);
            tokens.reset();
            while (tokens.incrementToken()) {
                terms.add(term.toString());
            }
            tokens.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (terms.isEmpty()) {
            return null;
        }
        if (terms.size() <= MAX_QUERY_TERMS) {
            return query;
        }
        Set<String> distinct = new LinkedHashSet<>(terms);
        return String.join(" ", distinct.stream().limit(MAX_QUERY_TERMS).toList());
    }

    private List<ScoredChunk> ranked(SolrDocumentList hits, boolean bm25) {
        List<ScoredChunk> results = new ArrayList<>(hits.size());
        int rank = 1;
        for (SolrDocument d : hits) {
            float score = ((Number) d.getFieldValue("score")).floatValue();
            RankTrace trace = bm25 ? RankTrace.NONE.withBm25(rank, score) : RankTrace.NONE.withVector(rank, score);
            results.add(SolrRecords.toScoredChunk(d, trace));
            rank++;
        }
        return results;
    }

    @Override
    public List<IndexedDocument> documents() {
        SolrQuery q = new SolrQuery("*:*");
        q.addFilterQuery(SolrQueries.term(SolrRecords.KIND, SolrRecords.KIND_DOCUMENT));
        q.addFilterQuery(alive);
        q.setFields(SolrRecords.LEDGER_FIELDS);
        q.setRows(PAGE);
        q.setSort(SolrRecords.ID, SolrQuery.ORDER.asc);
        List<IndexedDocument> docs = new ArrayList<>();
        String cursor = CursorMarkParams.CURSOR_MARK_START;
        while (true) {
            q.set(CursorMarkParams.CURSOR_MARK_PARAM, cursor);
            QueryResponse response = query(q, "read the ledger");
            for (SolrDocument d : response.getResults()) {
                docs.add(SolrRecords.toIndexedDocument(d));
            }
            String next = response.getNextCursorMark();
            if (next == null || next.equals(cursor)) {
                break;
            }
            cursor = next;
        }
        docs.sort(Comparator.comparing(IndexedDocument::source));
        return docs;
    }

    @Override
    public Optional<IndexedDocument> document(String documentId) {
        return Optional.ofNullable(whole(documentId, false).document());
    }

    @Override
    public List<Chunk> chunksOf(String documentId) {
        return whole(documentId, false).chunks();
    }

    @Override
    public Optional<StoredDocument> storedDocument(String documentId) {
        Whole whole = whole(documentId, true);
        return whole.document() == null ? Optional.empty()
                : Optional.of(new StoredDocument(whole.document(), whole.chunks(), whole.vectors()));
    }

    /** A document's ledger record, chunks and (when asked for) their vectors, in chunk order. */
    private record Whole(IndexedDocument document, List<Chunk> chunks, List<float[]> vectors) {
    }

    /** The document's ledger record and chunks in this view's generation, from its shard. */
    private Whole whole(String documentId, boolean withVectors) {
        SolrQuery q = new SolrQuery(SolrQueries.term(SolrRecords.DOC_ID, documentId));
        q.addFilterQuery(SolrRecords.KIND + ":(" + SolrRecords.KIND_DOCUMENT + " OR " + SolrRecords.KIND_CHUNK + ")");
        q.addFilterQuery(alive);
        q.set("_route_", SolrRecords.route(documentId));
        q.setFields(SolrRecords.LEDGER_FIELDS + "," + SolrRecords.CHUNK_FIELDS
                + (withVectors ? "," + SolrRecords.VECTOR : ""));
        q.setRows(PAGE);
        SolrDocumentList found = query(q, "read document " + documentId).getResults();
        if (found.getNumFound() > found.size()) {
            q.setRows((int) found.getNumFound());
            found = query(q, "read document " + documentId).getResults();
        }
        IndexedDocument ledger = null;
        List<SolrDocument> chunkRecords = new ArrayList<>();
        for (SolrDocument d : found) {
            if (SolrRecords.KIND_DOCUMENT.equals(SolrRecords.string(d, SolrRecords.KIND))) {
                ledger = SolrRecords.toIndexedDocument(d);
            } else {
                chunkRecords.add(d);
            }
        }
        chunkRecords.sort(Comparator.comparingLong(d -> SolrRecords.number(d, SolrRecords.ORDINAL)));
        return new Whole(ledger, chunkRecords.stream().map(SolrRecords::toChunk).toList(),
                withVectors ? chunkRecords.stream().map(SolrIndexView::vectorOf).toList() : List.of());
    }

    /** A chunk record's stored vector (Solr returns a dense vector's stored values as a list of floats). */
    private static float[] vectorOf(SolrDocument d) {
        java.util.Collection<Object> values = d.getFieldValues(SolrRecords.VECTOR);
        if (values == null) {
            throw new IllegalStateException("Chunk record " + d.getFieldValue(SolrRecords.ID) + " has no vector");
        }
        float[] vector = new float[values.size()];
        int i = 0;
        for (Object value : values) {
            vector[i++] = ((Number) value).floatValue();
        }
        return vector;
    }

    @Override
    public int documentCount() {
        return counts().getOrDefault(SolrRecords.KIND_DOCUMENT, 0L).intValue();
    }

    @Override
    public int chunkCount() {
        return counts().getOrDefault(SolrRecords.KIND_CHUNK, 0L).intValue();
    }

    /** Records per kind, in one request. */
    Map<String, Long> counts() {
        SolrQuery q = new SolrQuery("*:*");
        q.setRows(0);
        q.addFilterQuery(alive);
        q.setFacet(true);
        q.addFacetField(SolrRecords.KIND);
        q.setFacetMinCount(1);
        FacetField kinds = query(q, "count records").getFacetField(SolrRecords.KIND);
        Map<String, Long> counts = new java.util.HashMap<>();
        for (FacetField.Count count : kinds.getValues()) {
            counts.put(count.getName(), count.getCount());
        }
        return counts;
    }

    private QueryResponse query(SolrQuery q, String what) {
        return SolrCalls.call(collection, what, () -> client.query(collection, q, SolrRequest.METHOD.POST));
    }

    @Override
    public void close() {
        // nothing is held: the generation is a filter, and retired records outlive a view by SolrIndexWriter.RETENTION
    }

    /** The analyzer the collection's text is searched with, as the embedded index builds it. */
    static Analyzer analyzerOf(IndexSettings settings) {
        return Analyzers.text(settings.analyzer());
    }
}

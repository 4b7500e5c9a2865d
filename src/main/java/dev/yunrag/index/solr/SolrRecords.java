package dev.yunrag.index.solr;

import dev.yunrag.index.StoredJson;
import dev.yunrag.index.IndexSettings;
import dev.yunrag.index.IndexedDocument;
import dev.yunrag.model.Chunk;
import dev.yunrag.model.PageSpan;
import dev.yunrag.model.ScoredChunk;
import dev.yunrag.model.SectionStart;
import dev.yunrag.model.RankTrace;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrInputDocument;

/**
 * The Solr records of a collection, field for field those of the embedded index (index.lucene.ChunkFields, and the
 * configset's schema.xml). One write of a document is a ledger record {@code DOC_ID!WRITE_ID.doc} and chunk records
 * {@code DOC_ID!WRITE_ID.c<n>}: the shared {@code DOC_ID!} prefix makes compositeId routing put every version of the
 * document on one shard, where one update request adds a version and retires the previous one. Each record is
 * visible in the commit generations {@code [gen_from, gen_to)} (see {@link SolrIndexView}).
 */
final class SolrRecords {

    static final String ID = "id";
    static final String KIND = "kind";
    static final String KIND_DOCUMENT = "document";
    static final String KIND_CHUNK = "chunk";
    static final String KIND_SETTINGS = "settings";
    static final String KIND_HEAD = "head";
    /** First commit generation that shows the record. */
    static final String GEN_FROM = "gen_from";
    /** First commit generation that no longer shows the record ({@link #LIVE} until it is replaced or deleted). */
    static final String GEN_TO = "gen_to";
    static final long LIVE = Long.MAX_VALUE;
    /** The head record: the last committed generation, and the floor a full rebuild raised. */
    static final String HEAD_ID = "yunrag-head";
    static final String GEN = "gen";
    static final String FLOOR = "floor";
    static final String DOC_ID = "doc_id";
    static final String CHUNK_ID = "chunk_id";
    static final String WRITE_ID = "write_id";
    static final String ORDINAL = "ordinal";
    static final String TEXT = "text";
    static final String CONTEXT = "context";
    static final String VECTOR = "vector";
    static final String SOURCE = "source";
    static final String TITLE = "title";
    static final String CONTENT_TYPE = "content_type";
    static final String MODIFIED = "modified";
    static final String START = "start";
    static final String END = "end";
    static final String PAGE_START = "page_start";
    static final String PAGE_END = "page_end";
    static final String HEADINGS = "headings";
    static final String BOUNDARIES = "boundaries";
    static final String HASH = "content_hash";
    static final String SIZE = "size_bytes";
    static final String INGESTED_AT = "ingested_at";
    static final String PAGES = "pages";
    static final String CHUNK_COUNT = "chunk_count";
    static final String METADATA = "metadata";

    /** The one record that holds what the collection was built with. */
    static final String SETTINGS_ID = "yunrag-settings";
    static final String SCHEMA_VERSION = "1";

    /** Fields a search returns for a chunk (not its vector). */
    static final String CHUNK_FIELDS = String.join(",", ID, DOC_ID, WRITE_ID, ORDINAL, TEXT, SOURCE, TITLE,
            CONTENT_TYPE, MODIFIED, START, END, PAGE_START, PAGE_END, HEADINGS, BOUNDARIES, KIND);
    static final String LEDGER_FIELDS = String.join(",", ID, DOC_ID, WRITE_ID, SOURCE, TITLE, CONTENT_TYPE, HASH,
            SIZE, MODIFIED, INGESTED_AT, PAGES, CHUNK_COUNT, METADATA, KIND);

    private static final String HEADING_SEPARATOR = "\u001f";
    
    private SolrRecords() {
    }

    /**
     * The prefix every record id of a document starts with; also its compositeId route ({@code _route_}). A '!' in
     * the document id would add a routing level, so it is escaped.
     */
    static String route(String documentId) {
        return documentId.replace("%", "%25").replace("!", "%21") + "!";
    }

    static String ledgerId(String documentId, String writeId) {
        return route(documentId) + writeId + ".doc";
    }

    static String chunkRecordId(String documentId, String writeId, int ordinal) {
        return route(documentId) + writeId + ".c" + ordinal;
    }

    /** Marks a record visible from generation {@code gen} until replaced. */
    static void visibleFrom(SolrInputDocument d, long gen) {
        d.setField(GEN_FROM, gen);
        d.setField(GEN_TO, LIVE);
    }

    /** An in-place update retiring record {@code id} from generation {@code gen}. */
    static SolrInputDocument retired(String id, long gen) {
        SolrInputDocument d = new SolrInputDocument();
        d.setField(ID, id);
        d.setField(GEN_TO, Map.of("set", gen));
        return d;
    }

    static SolrInputDocument headRecord(long gen, long floor) {
        SolrInputDocument d = new SolrInputDocument();
        d.setField(ID, HEAD_ID);
        d.setField(KIND, KIND_HEAD);
        d.setField(GEN, gen);
        d.setField(FLOOR, floor);
        return d;
    }

    static SolrInputDocument ledgerRecord(IndexedDocument doc, String writeId) {
        SolrInputDocument d = new SolrInputDocument();
        d.setField(ID, ledgerId(doc.documentId(), writeId));
        d.setField(KIND, KIND_DOCUMENT);
        d.setField(DOC_ID, doc.documentId());
        d.setField(WRITE_ID, writeId);
        d.setField(SOURCE, doc.source());
        d.setField(TITLE, doc.title());
        d.setField(CONTENT_TYPE, doc.contentType());
        d.setField(HASH, doc.contentHash());
        d.setField(SIZE, doc.sizeBytes());
        d.setField(MODIFIED, doc.modified());
        d.setField(INGESTED_AT, doc.ingestedAt());
        d.setField(PAGES, doc.pages());
        d.setField(CHUNK_COUNT, doc.chunkCount());
        d.setField(METADATA, StoredJson.write(doc.metadata()));
        return d;
    }

    static IndexedDocument toIndexedDocument(SolrDocument d) {
        return new IndexedDocument(string(d, DOC_ID), string(d, SOURCE), string(d, TITLE), string(d, CONTENT_TYPE),
                string(d, HASH), number(d, SIZE), number(d, MODIFIED), number(d, INGESTED_AT), (int) number(d, PAGES),
                (int) number(d, CHUNK_COUNT), StoredJson.metadata(string(d, METADATA)));
    }

    static SolrInputDocument chunkRecord(IndexedDocument doc, Chunk chunk, float[] vector, String writeId) {
        SolrInputDocument d = new SolrInputDocument();
        d.setField(ID, chunkRecordId(chunk.documentId(), writeId, chunk.ordinal()));
        d.setField(KIND, KIND_CHUNK);
        d.setField(DOC_ID, chunk.documentId());
        d.setField(CHUNK_ID, chunk.chunkId());
        d.setField(WRITE_ID, writeId);
        d.setField(ORDINAL, chunk.ordinal());
        d.setField(TEXT, chunk.text());
        d.setField(CONTEXT, contextOf(doc.title(), chunk.headingPath()));
        List<Float> values = new ArrayList<>(vector.length);
        for (float v : vector) {
            values.add(v);
        }
        d.setField(VECTOR, values);
        d.setField(SOURCE, doc.source());
        d.setField(CONTENT_TYPE, doc.contentType());
        d.setField(MODIFIED, doc.modified());
        d.setField(TITLE, doc.title());
        d.setField(START, chunk.start());
        d.setField(END, chunk.end());
        if (chunk.pageStart() != null) {
            d.setField(PAGE_START, chunk.pageStart());
            d.setField(PAGE_END, chunk.pageEnd());
        }
        d.setField(HEADINGS, String.join(HEADING_SEPARATOR, chunk.headingPath()));
        String boundaries = StoredJson.boundariesOf(chunk);
        if (boundaries != null) {
            d.setField(BOUNDARIES, boundaries);
        }
        return d;
    }

    static Chunk toChunk(SolrDocument d) {
        String headings = string(d, HEADINGS);
        List<String> path = headings == null || headings.isEmpty()
                ? List.of() : Arrays.asList(headings.split(HEADING_SEPARATOR));
        StoredJson.Boundaries boundaries = StoredJson.boundaries(string(d, BOUNDARIES));
        return new Chunk(string(d, DOC_ID), (int) number(d, ORDINAL), string(d, TEXT), (int) number(d, START),
                (int) number(d, END), integer(d, PAGE_START), integer(d, PAGE_END), path, boundaries.pages(),
                boundaries.sections(), boundaries.figures());
    }

    static ScoredChunk toScoredChunk(SolrDocument d, RankTrace trace) {
        return new ScoredChunk(toChunk(d), string(d, SOURCE), string(d, TITLE), string(d, CONTENT_TYPE), trace);
    }

    static SolrInputDocument settingsRecord(IndexSettings settings) {
        SolrInputDocument d = new SolrInputDocument();
        d.setField(ID, SETTINGS_ID);
        d.setField(KIND, KIND_SETTINGS);
        d.setField("embedding_model", settings.embeddingModel());
        d.setField("dimension", settings.dimension());
        d.setField("analyzer", settings.analyzer());
        d.setField("vector_format", settings.vectorFormat());
        if (settings.reranker() != null) {
            d.setField("reranker", settings.reranker());
        }
        d.setField("schema_version", SCHEMA_VERSION);
        return d;
    }

    static IndexSettings toSettings(SolrDocument d) {
        return new IndexSettings(string(d, "embedding_model"), (int) number(d, "dimension"), string(d, "analyzer"),
                string(d, "vector_format"), string(d, "reranker"));
    }

    /** The text searched as context: title and heading path, as the embedded index builds it. */
    static String contextOf(String title, List<String> headingPath) {
        List<String> parts = new ArrayList<>();
        parts.add(title);
        for (String heading : headingPath) {
            if (!heading.equals(title)) {
                parts.add(heading);
            }
        }
        return String.join(" / ", parts);
    }



    static String string(SolrDocument d, String field) {
        Object value = d.getFirstValue(field);
        return value == null ? null : value.toString();
    }

    static long number(SolrDocument d, String field) {
        Object value = d.getFirstValue(field);
        return value instanceof Number n ? n.longValue() : 0;
    }

    private static Integer integer(SolrDocument d, String field) {
        Object value = d.getFirstValue(field);
        return value instanceof Number n ? n.intValue() : null;
    }


}

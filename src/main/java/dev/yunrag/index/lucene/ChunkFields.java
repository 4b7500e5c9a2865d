package dev.yunrag.index.lucene;

import dev.yunrag.index.StoredJson;
import dev.yunrag.index.IndexedDocument;
import dev.yunrag.model.Chunk;
import dev.yunrag.model.PageSpan;
import dev.yunrag.model.SectionStart;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.VectorSimilarityFunction;

/**
 * The Lucene schema: each document is indexed as one ledger record ({@code kind=document}) followed by its chunks
 * ({@code kind=chunk}), all sharing the {@code doc_id} term so one {@code updateDocuments} call replaces them together.
 */
final class ChunkFields {

    static final String KIND = "kind";
    static final String KIND_DOCUMENT = "document";
    static final String KIND_CHUNK = "chunk";
    static final String DOC_ID = "doc_id";
    static final String CHUNK_ID = "chunk_id";
    static final String ORDINAL = "ordinal";
    /** The passage, analysed for BM25 and stored for display. */
    static final String TEXT = "text";
    /** Title and heading path, analysed for BM25 with a lower weight: they tell what a passage is about. */
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
    /**
     * Page and heading boundaries inside a chunk (JSON), stored only when the chunk crosses one, so a quoted sentence
     * is cited with its own page and heading path. Chunks indexed before this field existed read as having none.
     */
    static final String BOUNDARIES = "boundaries";
    static final String HASH = "content_hash";
    static final String SIZE = "size_bytes";
    static final String INGESTED_AT = "ingested_at";
    static final String PAGES = "pages";
    static final String CHUNK_COUNT = "chunk_count";
    static final String METADATA = "metadata";

    private static final String HEADING_SEPARATOR = "\u001f";
    
    private ChunkFields() {
    }

    static Document ledgerRecord(IndexedDocument doc) {
        Document d = new Document();
        d.add(new StringField(KIND, KIND_DOCUMENT, Field.Store.NO));
        d.add(new StringField(DOC_ID, doc.documentId(), Field.Store.YES));
        d.add(new StringField(SOURCE, doc.source(), Field.Store.YES));
        d.add(new StoredField(TITLE, doc.title()));
        // Lucene 10 requires one schema per field name across all documents: same field types as chunk records.
        d.add(new StringField(CONTENT_TYPE, doc.contentType(), Field.Store.YES));
        d.add(new StoredField(HASH, doc.contentHash()));
        d.add(new StoredField(SIZE, doc.sizeBytes()));
        d.add(new LongPoint(MODIFIED, doc.modified()));
        d.add(new StoredField(MODIFIED, doc.modified()));
        d.add(new StoredField(INGESTED_AT, doc.ingestedAt()));
        d.add(new StoredField(PAGES, doc.pages()));
        d.add(new StoredField(CHUNK_COUNT, doc.chunkCount()));
        d.add(new StoredField(METADATA, StoredJson.write(doc.metadata())));
        return d;
    }

    static IndexedDocument toIndexedDocument(Document d) {
        return new IndexedDocument(d.get(DOC_ID), d.get(SOURCE), d.get(TITLE), d.get(CONTENT_TYPE), d.get(HASH),
                number(d, SIZE), number(d, MODIFIED), number(d, INGESTED_AT), (int) number(d, PAGES),
                (int) number(d, CHUNK_COUNT), StoredJson.metadata(d.get(METADATA)));
    }

    static Document chunkRecord(IndexedDocument doc, Chunk chunk, float[] vector) {
        Document d = new Document();
        d.add(new StringField(KIND, KIND_CHUNK, Field.Store.NO));
        d.add(new StringField(DOC_ID, chunk.documentId(), Field.Store.YES));
        d.add(new StringField(CHUNK_ID, chunk.chunkId(), Field.Store.YES));
        d.add(new StoredField(ORDINAL, chunk.ordinal()));
        d.add(new TextField(TEXT, chunk.text(), Field.Store.YES));
        d.add(new TextField(CONTEXT, contextOf(doc.title(), chunk.headingPath()), Field.Store.NO));
        d.add(new KnnFloatVectorField(VECTOR, vector, VectorSimilarityFunction.DOT_PRODUCT));
        // Filters: exact source (prefix queries), media type, modification time.
        d.add(new StringField(SOURCE, doc.source(), Field.Store.YES));
        d.add(new StringField(CONTENT_TYPE, doc.contentType(), Field.Store.YES));
        d.add(new LongPoint(MODIFIED, doc.modified()));
        d.add(new StoredField(MODIFIED, doc.modified()));
        d.add(new StoredField(TITLE, doc.title()));
        d.add(new StoredField(START, chunk.start()));
        d.add(new StoredField(END, chunk.end()));
        if (chunk.pageStart() != null) {
            d.add(new StoredField(PAGE_START, chunk.pageStart()));
            d.add(new StoredField(PAGE_END, chunk.pageEnd()));
        }
        d.add(new StoredField(HEADINGS, String.join(HEADING_SEPARATOR, chunk.headingPath())));
        String boundaries = StoredJson.boundariesOf(chunk);
        if (boundaries != null) {
            d.add(new StoredField(BOUNDARIES, boundaries));
        }
        return d;
    }

    static Chunk toChunk(Document d) {
        String headings = d.get(HEADINGS);
        List<String> path = headings == null || headings.isEmpty()
                ? List.of() : Arrays.asList(headings.split(HEADING_SEPARATOR));
        StoredJson.Boundaries boundaries = StoredJson.boundaries(d.get(BOUNDARIES));
        return new Chunk(d.get(DOC_ID), (int) number(d, ORDINAL), d.get(TEXT), (int) number(d, START),
                (int) number(d, END), integer(d, PAGE_START), integer(d, PAGE_END), path, boundaries.pages(),
                boundaries.sections(), boundaries.figures());
    }



    /** The text embedded and searched as context: title and heading path. */
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

    private static long number(Document d, String field) {
        Number value = d.getField(field) == null ? null : d.getField(field).numericValue();
        return value == null ? 0 : value.longValue();
    }

    private static Integer integer(Document d, String field) {
        return d.getField(field) == null ? null : d.getField(field).numericValue().intValue();
    }


}

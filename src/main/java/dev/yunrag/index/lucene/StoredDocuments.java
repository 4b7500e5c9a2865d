package dev.yunrag.index.lucene;

import dev.yunrag.index.IndexedDocument;
import dev.yunrag.index.StoredDocument;
import dev.yunrag.model.Chunk;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;

/**
 * Reads one document back as stored, vectors included, from a pinned searcher: the ledger record, the chunks and the
 * float32 vector of each chunk (kept by every vector format, the quantized ones for re-scoring), so a collection can
 * be copied to another backend without re-embedding.
 */
final class StoredDocuments {

    private StoredDocuments() {
    }

    static Optional<StoredDocument> read(IndexSearcher searcher, String documentId) {
        try {
            List<ScoreDoc> ledger = hits(searcher, ChunkFields.KIND_DOCUMENT, documentId);
            if (ledger.isEmpty()) {
                return Optional.empty();
            }
            StoredFields stored = searcher.storedFields();
            IndexedDocument document = ChunkFields.toIndexedDocument(stored.document(ledger.getFirst().doc));
            record Read(Chunk chunk, float[] vector) {
            }
            List<Read> chunks = new ArrayList<>();
            for (ScoreDoc hit : hits(searcher, ChunkFields.KIND_CHUNK, documentId)) {
                Document d = stored.document(hit.doc);
                chunks.add(new Read(ChunkFields.toChunk(d), vector(searcher, hit.doc)));
            }
            chunks.sort(Comparator.comparingInt(read -> read.chunk().ordinal()));
            return Optional.of(new StoredDocument(document, chunks.stream().map(Read::chunk).toList(),
                    chunks.stream().map(Read::vector).toList()));
        } catch (IOException e) {
            throw new UncheckedIOException("Reading document " + documentId + " failed", e);
        }
    }

    private static List<ScoreDoc> hits(IndexSearcher searcher, String kind, String documentId) throws IOException {
        BooleanQuery query = new BooleanQuery.Builder()
                .add(new TermQuery(new Term(ChunkFields.KIND, kind)), BooleanClause.Occur.FILTER)
                .add(new TermQuery(new Term(ChunkFields.DOC_ID, documentId)), BooleanClause.Occur.FILTER)
                .build();
        int count = Math.max(1, searcher.count(query));
        return List.of(searcher.search(query, count).scoreDocs);
    }

    /** The chunk's vector as indexed (a copy: the reader reuses its buffer). */
    private static float[] vector(IndexSearcher searcher, int doc) throws IOException {
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
        FloatVectorValues values = leaf.reader().getFloatVectorValues(ChunkFields.VECTOR);
        int local = doc - leaf.docBase;
        if (values != null) {
            KnnVectorValues.DocIndexIterator iterator = values.iterator();
            if (iterator.advance(local) == local) {
                return values.vectorValue(iterator.index()).clone();
            }
        }
        throw new IllegalStateException("Chunk record " + doc + " has no vector");
    }
}

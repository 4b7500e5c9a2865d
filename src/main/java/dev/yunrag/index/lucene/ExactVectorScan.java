package dev.yunrag.index.lucene;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.VectorUtil;

/**
 * Exact nearest neighbours by dot product over every live vector of an index, for measuring HNSW recall. It reads the
 * float32 vectors that Lucene keeps in every vector format (quantized formats keep them for merges), so a quantized
 * collection is compared with exact search on its original vectors. All queries share one pass over the vectors,
 * which are read from the memory-mapped files rather than held on the heap.
 */
final class ExactVectorScan {

    private record Hit(int doc, float score) {
    }

    private ExactVectorScan() {
    }

    /** For each query, the chunk ids of its {@code k} best vectors, best first. */
    static List<List<String>> topChunkIds(IndexSearcher searcher, float[][] queries, int k) throws IOException {
        List<PriorityQueue<Hit>> best = new ArrayList<>();
        for (int q = 0; q < queries.length; q++) {
            best.add(new PriorityQueue<>((a, b) -> Float.compare(a.score(), b.score()))); // worst on top
        }
        for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
            FloatVectorValues values = leaf.reader().getFloatVectorValues(ChunkFields.VECTOR);
            if (values == null) {
                continue;
            }
            Bits live = leaf.reader().getLiveDocs();
            KnnVectorValues.DocIndexIterator iterator = values.iterator();
            for (int doc = iterator.nextDoc(); doc != KnnVectorValues.DocIndexIterator.NO_MORE_DOCS;
                 doc = iterator.nextDoc()) {
                if (live != null && !live.get(doc)) {
                    continue;
                }
                float[] vector = values.vectorValue(iterator.index());
                for (int q = 0; q < queries.length; q++) {
                    offer(best.get(q), new Hit(leaf.docBase + doc, VectorUtil.dotProduct(queries[q], vector)), k);
                }
            }
        }
        List<List<String>> ids = new ArrayList<>();
        var stored = searcher.storedFields();
        for (PriorityQueue<Hit> heap : best) {
            List<Hit> hits = new ArrayList<>(heap);
            hits.sort((a, b) -> Float.compare(b.score(), a.score()));
            List<String> chunkIds = new ArrayList<>();
            for (Hit hit : hits) {
                chunkIds.add(stored.document(hit.doc()).get(ChunkFields.CHUNK_ID));
            }
            ids.add(chunkIds);
        }
        return ids;
    }

    private static void offer(PriorityQueue<Hit> heap, Hit hit, int k) {
        if (heap.size() < k) {
            heap.add(hit);
        } else if (hit.score() > heap.peek().score()) {
            heap.poll();
            heap.add(hit);
        }
    }
}

package dev.yunrag.bench;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * The exact top k by dot product of a few query vectors over a stream of chunk vectors, kept while a collection is
 * built (no backend-specific scan needed, nor all vectors in memory): the reference for HNSW recall on any backend.
 */
final class ExactTopK {

    private record Hit(String chunkId, float score) {
    }

    private final float[][] queries;
    private final int k;
    private final List<PriorityQueue<Hit>> best = new ArrayList<>();

    ExactTopK(float[][] queries, int k) {
        this.queries = queries;
        this.k = k;
        for (int q = 0; q < queries.length; q++) {
            best.add(new PriorityQueue<>((a, b) -> Float.compare(a.score(), b.score())));
        }
    }

    synchronized void offer(String chunkId, float[] vector) {
        for (int q = 0; q < queries.length; q++) {
            float score = dot(queries[q], vector);
            PriorityQueue<Hit> top = best.get(q);
            if (top.size() < k) {
                top.add(new Hit(chunkId, score));
            } else if (score > top.peek().score()) {
                top.poll();
                top.add(new Hit(chunkId, score));
            }
        }
    }

    /** The exact top-k chunk ids of query {@code q}. */
    Set<String> ids(int q) {
        Set<String> ids = new HashSet<>();
        best.get(q).forEach(hit -> ids.add(hit.chunkId()));
        return ids;
    }

    float[][] queryVectors() {
        return queries;
    }

    private static float dot(float[] a, float[] b) {
        float sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}

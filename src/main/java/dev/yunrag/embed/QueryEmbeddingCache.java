package dev.yunrag.embed;

import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The vectors of recently asked queries, per embedder: a question asked again (a retry, a follow-up that keeps the
 * question, many users asking the same thing) skips the model, which on the in-process model is most of a search's
 * time (docs/benchmarks.md, "/api/search: where the time goes"). Keyed by the {@link Embedder} itself (its id and
 * model instance) and the exact text, so a model replaced or reconfigured never answers from another's vectors.
 * Failures are not cached: a model that is down is asked again next time. Only models computed in this process are
 * cached ({@link #caches}): a remote model's availability shows in every answer (a degraded answer says it is down),
 * and its call is network time, not the CPU this cache saves. Thread-safe; least recently used first out.
 */
public final class QueryEmbeddingCache {

    /** Queries kept by default: 2 KB per 512-d vector, so about 1 MB. */
    public static final int DEFAULT_ENTRIES = 512;

    private record Key(Embedder embedder, String text) {
    }

    private final int capacity;
    private final Map<Key, float[]> vectors;

    public QueryEmbeddingCache(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("query embedding cache size must be >= 0, was " + capacity);
        }
        this.capacity = capacity;
        this.vectors = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, float[]> eldest) {
                return size() > QueryEmbeddingCache.this.capacity;
            }
        };
    }

    /** {@link Embedder#embedQuery} through the cache; the caller gets its own copy of the vector. */
    public float[] embedQuery(Embedder embedder, String text) {
        if (capacity == 0 || !caches(embedder)) {
            return embedder.embedQuery(text);
        }
        Key key = new Key(embedder, text);
        float[] cached;
        synchronized (vectors) {
            cached = vectors.get(key);
        }
        if (cached == null) {
            // Two threads missing on the same text both embed it; cheaper than holding the lock during the model call.
            cached = embedder.embedQuery(text);
            synchronized (vectors) {
                vectors.put(key, cached);
            }
        }
        return cached.clone();
    }

    /** True for the models computed in this process: the ONNX models and the deterministic test/bench models. */
    static boolean caches(Embedder embedder) {
        return embedder.model() instanceof AbstractInProcessEmbeddingModel
                || embedder.model() instanceof HashingEmbeddingModel
                || embedder.model() instanceof ClusteredEmbeddingModel;
    }

    /** Queries held now. */
    public int size() {
        synchronized (vectors) {
            return vectors.size();
        }
    }
}

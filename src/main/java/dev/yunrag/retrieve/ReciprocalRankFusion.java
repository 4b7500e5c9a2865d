package dev.yunrag.retrieve;

import dev.yunrag.model.RankTrace;
import dev.yunrag.model.ScoredChunk;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fuses ranked lists by reciprocal rank: score(d) = Σ 1 / (k + rank(d)). Ranks, not scores, are combined because
 * BM25 and cosine scores live on incomparable scales. k = 60 (Cormack et al., 2009) damps the head of each list so
 * that one list's first place does not outweigh agreement between lists. Each fused passage keeps the ranks and
 * scores it had in every input list, and gets its fused rank (1-based) and score.
 */
public final class ReciprocalRankFusion {

    private final int k;

    public ReciprocalRankFusion(int k) {
        if (k < 0) {
            throw new IllegalArgumentException("yunrag.retrieval.rrf-k must be >= 0, was " + k);
        }
        this.k = k;
    }

    /** Fuses the BM25 and vector lists (each ranked from 1, best first); most relevant first. */
    public List<ScoredChunk> fuse(List<ScoredChunk> bm25, List<ScoredChunk> vector) {
        return fuse(bm25, vector, 1.0);
    }

    /**
     * The same with the BM25 list weighted {@code bm25Weight} against the vector list's 1: score(d) =
     * w / (k + bm25Rank(d)) + 1 / (k + vectorRank(d)). Below 1 the dense list leads (English claims, see
     * {@link RankingPolicy}); at 0 BM25 only orders the passages the vector list did not find, after all of those.
     */
    public List<ScoredChunk> fuse(List<ScoredChunk> bm25, List<ScoredChunk> vector, double bm25Weight) {
        Map<String, ScoredChunk> byId = new LinkedHashMap<>();
        Map<String, Double> scores = new LinkedHashMap<>();
        for (ScoredChunk hit : bm25) {
            byId.put(hit.chunkId(), hit);
            scores.merge(hit.chunkId(), bm25Weight / (k + hit.trace().bm25Rank()), Double::sum);
        }
        for (ScoredChunk hit : vector) {
            byId.merge(hit.chunkId(), hit, (seen, fromVector) -> seen.withTrace(
                    seen.trace().withVector(fromVector.trace().vectorRank(), fromVector.trace().vectorScore())));
            scores.merge(hit.chunkId(), 1.0 / (k + hit.trace().vectorRank()), Double::sum);
        }
        List<String> order = new ArrayList<>(scores.keySet());
        // Ties (same fused score) go to the passage with the better single best rank, then to BM25's order.
        order.sort(Comparator.comparingDouble((String id) -> -scores.get(id))
                .thenComparingInt(id -> bestRank(byId.get(id).trace())));
        List<ScoredChunk> fused = new ArrayList<>(order.size());
        for (int i = 0; i < order.size(); i++) {
            ScoredChunk hit = byId.get(order.get(i));
            fused.add(hit.withTrace(hit.trace().withFused(i + 1, scores.get(order.get(i)))));
        }
        return fused;
    }

    private static int bestRank(RankTrace trace) {
        int best = Integer.MAX_VALUE;
        if (trace.bm25Rank() != null) {
            best = trace.bm25Rank();
        }
        if (trace.vectorRank() != null) {
            best = Math.min(best, trace.vectorRank());
        }
        return best;
    }
}

package dev.yunrag.retrieve;

import dev.yunrag.model.RankTrace;
import dev.yunrag.model.ScoredChunk;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
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
        // One entry per passage, in first-seen order (BM25's, then the vector-only ones): the last tie-break.
        Map<String, Entry> byId = new HashMap<>(2 * (bm25.size() + vector.size()));
        List<Entry> entries = new ArrayList<>(bm25.size() + vector.size());
        for (ScoredChunk hit : bm25) {
            Entry entry = byId.get(hit.chunkId());
            if (entry == null) {
                entry = new Entry(entries.size());
                byId.put(hit.chunkId(), entry);
                entries.add(entry);
            }
            entry.hit = hit;
            entry.score += bm25Weight / (k + hit.trace().bm25Rank());
        }
        for (ScoredChunk hit : vector) {
            Entry entry = byId.get(hit.chunkId());
            if (entry == null) {
                entry = new Entry(entries.size());
                byId.put(hit.chunkId(), entry);
                entries.add(entry);
                entry.hit = hit;
            } else {
                entry.hit = entry.hit.withTrace(
                        entry.hit.trace().withVector(hit.trace().vectorRank(), hit.trace().vectorScore()));
            }
            entry.score += 1.0 / (k + hit.trace().vectorRank());
        }
        for (Entry entry : entries) {
            entry.bestRank = bestRank(entry.hit.trace());
        }
        // Ties (same fused score) go to the passage with the better single best rank, then to BM25's order.
        entries.sort(BEST_FIRST);
        List<ScoredChunk> fused = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            Entry entry = entries.get(i);
            fused.add(entry.hit.withTrace(entry.hit.trace().withFused(i + 1, entry.score)));
        }
        return fused;
    }

    private static final Comparator<Entry> BEST_FIRST = (a, b) -> {
        int byScore = Double.compare(b.score, a.score);
        if (byScore != 0) {
            return byScore;
        }
        int byRank = Integer.compare(a.bestRank, b.bestRank);
        return byRank != 0 ? byRank : Integer.compare(a.firstSeen, b.firstSeen);
    };

    /** A passage being fused: its hit (traces merged), summed score and where it was first seen. */
    private static final class Entry {
        final int firstSeen;
        ScoredChunk hit;
        double score;
        int bestRank;

        Entry(int firstSeen) {
            this.firstSeen = firstSeen;
        }
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

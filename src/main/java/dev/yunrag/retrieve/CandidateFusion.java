package dev.yunrag.retrieve;

import dev.yunrag.model.ScoredChunk;
import java.util.List;

/**
 * The fuse stage of retrieval: one list from the BM25 and the vector candidates, best first, each passage keeping
 * the ranks it had in the inputs and getting its fused rank. {@link #reciprocalRank(int)} is the default.
 */
@FunctionalInterface
public interface CandidateFusion {

    /**
     * @param bm25Weight weight of the BM25 list against the vector list's 1 (0: BM25 only orders what the vectors
     *                   did not find)
     */
    List<ScoredChunk> fuse(List<ScoredChunk> bm25, List<ScoredChunk> vector, double bm25Weight);

    /** Reciprocal rank fusion with constant {@code k}, near-duplicate passages collapsed to the best-ranked one. */
    static CandidateFusion reciprocalRank(int k) {
        ReciprocalRankFusion rrf = new ReciprocalRankFusion(k);
        return (bm25, vector, bm25Weight) -> NearDuplicateFilter.collapse(rrf.fuse(bm25, vector, bm25Weight));
    }
}

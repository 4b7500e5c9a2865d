package dev.yunrag.model;

/**
 * Why a passage ranked where it did: its rank (1-based) and score at each retrieval stage, null where the stage did
 * not see it (e.g. a passage found by BM25 only has no vector rank).
 */
public record RankTrace(Integer bm25Rank, Float bm25Score, Integer vectorRank, Float vectorScore,
                        Integer fusedRank, Double fusedScore, Integer rerankRank, Double rerankScore) {

    public static final RankTrace NONE = new RankTrace(null, null, null, null, null, null, null, null);

    public RankTrace withBm25(int rank, float score) {
        return new RankTrace(rank, score, vectorRank, vectorScore, fusedRank, fusedScore, rerankRank, rerankScore);
    }

    public RankTrace withVector(int rank, float score) {
        return new RankTrace(bm25Rank, bm25Score, rank, score, fusedRank, fusedScore, rerankRank, rerankScore);
    }

    public RankTrace withFused(int rank, double score) {
        return new RankTrace(bm25Rank, bm25Score, vectorRank, vectorScore, rank, score, rerankRank, rerankScore);
    }

    public RankTrace withRerank(int rank, double score) {
        return new RankTrace(bm25Rank, bm25Score, vectorRank, vectorScore, fusedRank, fusedScore, rank, score);
    }
}

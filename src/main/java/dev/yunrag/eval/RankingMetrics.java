package dev.yunrag.eval;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Document-level ranking metrics. A document's rank is the rank of its best chunk, so a ranked chunk list is first
 * turned into a ranked list of distinct document ids.
 */
public final class RankingMetrics {

    private RankingMetrics() {
    }

    /** Distinct document ids in order of their first (best) chunk. */
    public static List<String> documentRanking(List<String> chunkDocumentIds) {
        return new ArrayList<>(new LinkedHashSet<>(chunkDocumentIds));
    }

    /** nDCG@k with graded relevance and the standard log2 discount. */
    public static double ndcg(List<String> ranking, Map<String, Integer> relevant, int k) {
        double dcg = 0;
        for (int i = 0; i < Math.min(k, ranking.size()); i++) {
            int gain = relevant.getOrDefault(ranking.get(i), 0);
            dcg += gain / log2(i + 2);
        }
        List<Integer> ideal = new ArrayList<>(relevant.values());
        ideal.sort((a, b) -> b - a);
        double idcg = 0;
        for (int i = 0; i < Math.min(k, ideal.size()); i++) {
            idcg += ideal.get(i) / log2(i + 2);
        }
        return idcg == 0 ? 0 : dcg / idcg;
    }

    /** Share of the relevant documents found in the first k. */
    public static double recall(List<String> ranking, Map<String, Integer> relevant, int k) {
        if (relevant.isEmpty()) {
            return 0;
        }
        long found = ranking.stream().limit(k).filter(relevant::containsKey).count();
        return (double) found / relevant.size();
    }

    /** Reciprocal rank of the first relevant document within the first k, else 0. */
    public static double mrr(List<String> ranking, Map<String, Integer> relevant, int k) {
        for (int i = 0; i < Math.min(k, ranking.size()); i++) {
            if (relevant.containsKey(ranking.get(i))) {
                return 1.0 / (i + 1);
            }
        }
        return 0;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}

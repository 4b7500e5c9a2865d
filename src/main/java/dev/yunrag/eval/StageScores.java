package dev.yunrag.eval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Sums the document-level ranking metrics of one retrieval stage over the queries and averages them. */
final class StageScores {

    static final List<String> METRICS = List.of("ndcg@10", "recall@5", "recall@10", "recall@50", "mrr@10");

    private double ndcg10;
    private double recall5;
    private double recall10;
    private double recall50;
    private double mrr10;
    private int queries;

    /** Adds one query, given the stage's chunk list as the document ids of its chunks, best first. */
    void add(List<String> chunkDocumentIds, Map<String, Integer> relevant) {
        List<String> ranking = RankingMetrics.documentRanking(chunkDocumentIds);
        ndcg10 += RankingMetrics.ndcg(ranking, relevant, 10);
        recall5 += RankingMetrics.recall(ranking, relevant, 5);
        recall10 += RankingMetrics.recall(ranking, relevant, 10);
        recall50 += RankingMetrics.recall(ranking, relevant, 50);
        mrr10 += RankingMetrics.mrr(ranking, relevant, 10);
        queries++;
    }

    /** Mean of each metric, keyed as in the JSON report; null values when no query was judged. */
    Map<String, Double> means() {
        Map<String, Double> means = new LinkedHashMap<>();
        double[] sums = {ndcg10, recall5, recall10, recall50, mrr10};
        for (int i = 0; i < METRICS.size(); i++) {
            means.put(METRICS.get(i), queries == 0 ? null : round(sums[i] / queries));
        }
        return means;
    }

    static Double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }
}

package dev.yunrag.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RankingMetricsTest {

    @Test
    void documentRankingKeepsEachDocumentAtItsBestChunk() {
        // given chunks of three documents, doc b's second chunk ranked after doc c
        List<String> chunkDocumentIds = List.of("b", "a", "b", "c", "a");
        // when
        List<String> ranking = RankingMetrics.documentRanking(chunkDocumentIds);
        // then
        assertThat(ranking).containsExactly("b", "a", "c");
    }

    @Test
    void ndcgWithGradedRelevanceMatchesTheHandComputedValue() {
        // given a graded judgment (b very relevant, c and d relevant) and a ranking that misses d and leads with a
        Map<String, Integer> relevant = Map.of("b", 2, "c", 1, "d", 1);
        List<String> ranking = List.of("a", "b", "c");
        // when / then: DCG = 2/log2(3) + 1/log2(4) = 1.76186; IDCG = 2 + 1/log2(3) + 1/log2(4) = 3.13093
        assertThat(RankingMetrics.ndcg(ranking, relevant, 10)).isCloseTo(0.56273, within(1e-4));
        // and the cut-off applies to the ideal ranking too: 1.26186 / (2 + 0.63093)
        assertThat(RankingMetrics.ndcg(ranking, relevant, 2)).isCloseTo(0.47962, within(1e-4));
    }

    @Test
    void ndcgIsOneForTheIdealOrderAndZeroWithoutJudgments() {
        assertThat(RankingMetrics.ndcg(List.of("b", "c", "d"), Map.of("b", 2, "c", 1, "d", 1), 10))
                .isCloseTo(1.0, within(1e-9));
        assertThat(RankingMetrics.ndcg(List.of("a"), Map.of(), 10)).isZero();
    }

    @Test
    void recallCountsRelevantDocumentsWithinTheCutOff() {
        // given two relevant documents, one at rank 2 and one at rank 4
        Map<String, Integer> relevant = Map.of("x", 1, "y", 1);
        List<String> ranking = List.of("a", "x", "b", "y");
        // when / then
        assertThat(RankingMetrics.recall(ranking, relevant, 1)).isZero();
        assertThat(RankingMetrics.recall(ranking, relevant, 3)).isEqualTo(0.5);
        assertThat(RankingMetrics.recall(ranking, relevant, 10)).isEqualTo(1.0);
    }

    @Test
    void mrrIsTheReciprocalOfTheFirstRelevantRankWithinTheCutOff() {
        Map<String, Integer> relevant = Map.of("x", 1, "y", 1);
        assertThat(RankingMetrics.mrr(List.of("a", "b", "y", "x"), relevant, 10)).isCloseTo(1.0 / 3, within(1e-9));
        assertThat(RankingMetrics.mrr(List.of("a", "b", "y"), relevant, 2)).isZero();
    }

    @Test
    void stageScoresAverageOverQueriesAtDocumentLevel() {
        // given one query whose relevant document's best chunk is first and one where it is missing
        StageScores scores = new StageScores();
        scores.add(List.of("d1", "d1", "d2"), Map.of("d1", 1));
        scores.add(List.of("d2", "d3"), Map.of("d1", 1));
        // when
        Map<String, Double> means = scores.means();
        // then
        assertThat(means).containsEntry("mrr@10", 0.5).containsEntry("recall@10", 0.5).containsEntry("ndcg@10", 0.5);
        assertThat(means.keySet()).containsExactly("ndcg@10", "recall@5", "recall@10", "recall@50", "mrr@10");
    }
}

package dev.yunrag.retrieve;

import static dev.yunrag.retrieve.ReciprocalRankFusionTest.chunk;
import static org.assertj.core.api.Assertions.assertThat;

import dev.yunrag.model.RankTrace;
import dev.yunrag.model.ScoredChunk;
import java.util.List;
import org.junit.jupiter.api.Test;

class NearDuplicateFilterTest {

    private static final String PARAGRAPH = "员工每年享有十五天带薪年假，需提前两周在系统中提交申请，并由直属主管审批。"
            + "未休完的年假可以顺延至次年第一季度，逾期作废。";

    @Test
    void overlappingChunksOfOneDocumentCollapseToTheBetterRanked() {
        ScoredChunk first = chunk("a", 0, PARAGRAPH, 0, RankTrace.NONE);
        ScoredChunk overlapping = chunk("a", 1, PARAGRAPH.substring(10) + "另起一段。", 10, RankTrace.NONE);
        ScoredChunk distant = chunk("a", 5, "完全不同的内容，讲的是报销流程。", 500, RankTrace.NONE);

        assertThat(NearDuplicateFilter.collapse(List.of(first, overlapping, distant)))
                .containsExactly(first, distant);
    }

    @Test
    void theSameParagraphInTwoFilesCollapses() {
        ScoredChunk original = chunk("a", 0, PARAGRAPH, 0, RankTrace.NONE);
        ScoredChunk copy = chunk("b", 3, PARAGRAPH.replace("十五天", "十五 天"), 900, RankTrace.NONE);

        assertThat(NearDuplicateFilter.collapse(List.of(original, copy))).containsExactly(original);
    }

    @Test
    void differentPassagesOfSimilarLengthAreKept() {
        ScoredChunk a = chunk("a", 0, PARAGRAPH, 0, RankTrace.NONE);
        ScoredChunk b = chunk("b", 0, "差旅住宿标准为一线城市每晚六百元，其他城市每晚四百元，超出部分需要部门负责人另行审批后方可报销，"
                + "发票须在出差结束后三十天内提交财务部。", 0, RankTrace.NONE);

        assertThat(NearDuplicateFilter.collapse(List.of(a, b))).containsExactly(a, b);
    }

    @Test
    void bitSlicedSimHashSetsTheBitsMostBigramsVotedFor() {
        java.util.Random random = new java.util.Random(7);
        for (int size : new int[] {0, 1, 2, 3, 64, 255, 256, 4097}) {
            int[] bigrams = random.ints(size).toArray();
            assertThat(NearDuplicateFilter.simHash(bigrams)).as("%d bigrams", size).isEqualTo(votedHash(bigrams));
        }
    }

    /** The SimHash as first written: one signed counter per bit, each bigram adding +1 or -1 to all 64. */
    private static long votedHash(int[] bigrams) {
        int[] votes = new int[64];
        for (int bigram : bigrams) {
            long h = NearDuplicateFilter.mix(bigram);
            for (int bit = 0; bit < 64; bit++) {
                votes[bit] += (h >>> bit & 1) == 1 ? 1 : -1;
            }
        }
        long fingerprint = 0;
        for (int bit = 0; bit < 64; bit++) {
            if (votes[bit] > 0) {
                fingerprint |= 1L << bit;
            }
        }
        return fingerprint;
    }
}

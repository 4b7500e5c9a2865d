package dev.yunrag.retrieve;

import static dev.yunrag.retrieve.ReciprocalRankFusionTest.chunk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.yunrag.model.RankTrace;
import dev.yunrag.model.ScoredChunk;
import java.util.List;
import org.junit.jupiter.api.Test;

class WeightedFusionTest {

    private final ScoredChunk bm25First = chunk("a", 0, "alpha", 0, RankTrace.NONE.withBm25(1, 9f));
    private final ScoredChunk vectorFirst = chunk("b", 0, "beta", 0, RankTrace.NONE.withVector(1, 0.9f));

    @Test
    void anEvenFusionBreaksTheTieByInputOrderAndALighterBm25ListPutsTheDenseFirstAhead() {
        ReciprocalRankFusion fusion = new ReciprocalRankFusion(60);

        List<ScoredChunk> even = fusion.fuse(List.of(bm25First), List.of(vectorFirst), 1.0);
        List<ScoredChunk> light = fusion.fuse(List.of(bm25First), List.of(vectorFirst), 0.5);

        assertThat(even).extracting(ScoredChunk::chunkId).containsExactly("a#0", "b#0");
        assertThat(light).extracting(ScoredChunk::chunkId).containsExactly("b#0", "a#0");
        assertThat(light.get(1).trace().fusedScore()).isCloseTo(0.5 / 61, within(1e-12));
    }

    @Test
    void atWeightZeroBm25OnlyOrdersWhatTheVectorListMissedAfterAllOfIt() {
        ScoredChunk vectorTenth = chunk("c", 0, "gamma", 0, RankTrace.NONE.withVector(10, 0.5f));

        List<ScoredChunk> fused = new ReciprocalRankFusion(60)
                .fuse(List.of(bm25First), List.of(vectorFirst, vectorTenth), 0.0);

        assertThat(fused).extracting(ScoredChunk::chunkId).containsExactly("b#0", "c#0", "a#0");
    }
}

package dev.yunrag.retrieve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.yunrag.model.Chunk;
import dev.yunrag.model.RankTrace;
import dev.yunrag.model.ScoredChunk;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReciprocalRankFusionTest {

    static ScoredChunk chunk(String doc, int ordinal, String text, int start, RankTrace trace) {
        return new ScoredChunk(new Chunk(doc, ordinal, text, start, start + text.length(), null, null, List.of()),
                doc + ".txt", doc, "text/plain", trace);
    }

    @Test
    void agreementBetweenListsBeatsOneListsFirstPlace() {
        ScoredChunk a = chunk("a", 0, "alpha", 0, RankTrace.NONE.withBm25(1, 9f));
        ScoredChunk b = chunk("b", 0, "beta", 0, RankTrace.NONE.withBm25(2, 8f));
        ScoredChunk bVector = chunk("b", 0, "beta", 0, RankTrace.NONE.withVector(1, 0.9f));
        ScoredChunk c = chunk("c", 0, "gamma", 0, RankTrace.NONE.withVector(2, 0.8f));

        List<ScoredChunk> fused = new ReciprocalRankFusion(60).fuse(List.of(a, b), List.of(bVector, c));

        assertThat(fused).extracting(ScoredChunk::chunkId).containsExactly("b#0", "a#0", "c#0");
        RankTrace top = fused.getFirst().trace();
        assertThat(top.bm25Rank()).isEqualTo(2);
        assertThat(top.vectorRank()).isEqualTo(1);
        assertThat(top.vectorScore()).isEqualTo(0.9f);
        assertThat(top.fusedRank()).isEqualTo(1);
        assertThat(top.fusedScore()).isCloseTo(1.0 / 62 + 1.0 / 61, within(1e-12));
        assertThat(fused.get(1).trace().vectorRank()).isNull();
    }

    @Test
    void tiesGoToTheBetterSingleRank() {
        ScoredChunk a = chunk("a", 0, "alpha", 0, RankTrace.NONE.withBm25(2, 1f));
        ScoredChunk b = chunk("b", 0, "beta", 0, RankTrace.NONE.withVector(1, 1f));
        ScoredChunk c = chunk("c", 0, "gamma", 0, RankTrace.NONE.withBm25(1, 2f));
        ScoredChunk d = chunk("d", 0, "delta", 0, RankTrace.NONE.withVector(2, 0.5f));

        List<ScoredChunk> fused = new ReciprocalRankFusion(60).fuse(List.of(c, a), List.of(b, d));

        assertThat(fused).extracting(ScoredChunk::chunkId).containsExactly("c#0", "b#0", "a#0", "d#0");
    }
}

package dev.yunrag.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yunrag.model.Chunk;
import dev.yunrag.model.RankTrace;
import dev.yunrag.model.ScoredChunk;
import dev.yunrag.retrieve.RetrievalResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RankingDigestTest {

    @Test
    void equalRankingsDigestEquallyAndAnotherOrderDoesNot() {
        // given two retrievals that ranked the same passages, and one that swapped the first two
        ScoredChunk a = hit("doc-a", 0);
        ScoredChunk b = hit("doc-b", 3);
        ScoredChunk c = hit("doc-a", 1);
        // then the same rankings digest alike, and a swapped order (fused or selected) differently
        assertThat(digest(List.of(a, b, c), List.of(a, b))).isEqualTo(digest(List.of(a, b, c), List.of(a, b)));
        assertThat(digest(List.of(b, a, c), List.of(a, b))).isNotEqualTo(digest(List.of(a, b, c), List.of(a, b)));
        assertThat(digest(List.of(a, b, c), List.of(b, a))).isNotEqualTo(digest(List.of(a, b, c), List.of(a, b)));
    }

    private static String digest(List<ScoredChunk> fused, List<ScoredChunk> selected) {
        RankingDigest digest = new RankingDigest();
        digest.add(new RetrievalResult(fused, List.of(), fused, fused, selected, "none", Map.of(), List.of()));
        return digest.hex();
    }

    private static ScoredChunk hit(String documentId, int ordinal) {
        return new ScoredChunk(new Chunk(documentId, ordinal, "text " + ordinal, 0, 6, null, null, List.of()),
                documentId + ".txt", documentId, "text/plain", RankTrace.NONE);
    }
}

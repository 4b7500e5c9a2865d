package dev.yunrag.index.lucene;

import static dev.yunrag.index.lucene.OneChunkDocuments.put;
import static dev.yunrag.index.lucene.OneChunkDocuments.text;
import static dev.yunrag.index.lucene.OneChunkDocuments.vector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.yunrag.embed.VectorMath;
import dev.yunrag.index.IndexSettings;
import dev.yunrag.index.SearchFilter;
import dev.yunrag.model.ScoredChunk;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RescoreQuantizedTest {

    private static final int DOCUMENTS = 40;

    @TempDir
    Path dir;

    private Map<String, float[]> write(Path path, String format) {
        Map<String, float[]> vectors = new HashMap<>();
        try (LuceneChunkIndex index = LuceneChunkIndex.open("q", path,
                new IndexSettings("hashing", OneChunkDocuments.DIMENSION, Analyzers.CJK, format));
             LuceneIndexWriter writer = index.openWriter()) {
            for (int i = 0; i < DOCUMENTS; i++) {
                put(writer, i, text(i));
                vectors.put("d" + i + "#0", vector(text(i)));
            }
            writer.commit();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return vectors;
    }

    @ParameterizedTest
    @ValueSource(strings = {"int4", "binary"})
    void rescoringRanksQuantizedCandidatesByTheirFloat32Scores(String format) throws Exception {
        // given a quantized collection and a query that is none of its texts
        Path path = dir.resolve("q");
        Map<String, float[]> vectors = write(path, format);
        float[] query = vector("员工补贴按元计算，报销几次");
        List<String> exactTop5 = vectors.keySet().stream()
                .sorted(Comparator.comparingDouble((String id) -> -VectorMath.dot(vectors.get(id), query)))
                .limit(5).toList();

        // when it is searched with every document a candidate (8 × 5 = 40) and re-scored, and without re-scoring
        try (LuceneChunkIndex rescored = LuceneChunkIndex.open("q", path, null, 8);
             LuceneChunkIndex plain = LuceneChunkIndex.open("q", path, null, 1)) {
            List<ScoredChunk> hits = rescored.searchVector(query, 5, SearchFilter.NONE);

            // then the hits are the exact top 5, scored as float32 dot product (Lucene's (1 + dot) / 2)
            assertThat(hits).extracting(ScoredChunk::chunkId).containsExactlyElementsOf(exactTop5);
            for (ScoredChunk hit : hits) {
                assertThat((double) hit.trace().vectorScore())
                        .isCloseTo((1 + VectorMath.dot(vectors.get(hit.chunkId()), query)) / 2, within(1e-5));
            }
            assertThat(hits).extracting(h -> h.trace().vectorRank()).containsExactly(1, 2, 3, 4, 5);
            // while the quantized scores alone are approximations of them
            List<ScoredChunk> quantized = plain.searchVector(query, 5, SearchFilter.NONE);
            assertThat(IntStream.range(0, quantized.size()).anyMatch(i -> Math.abs(quantized.get(i).trace()
                    .vectorScore() - (1 + VectorMath.dot(vectors.get(quantized.get(i).chunkId()), query)) / 2) > 1e-4))
                    .isTrue();
        }
    }

    @Test
    void theStoreAppliesTheOversampleToQuantizedCollectionsOnly() throws Exception {
        write(dir.resolve("collections/int4/index"), "int4");
        write(dir.resolve("collections/f32/index"), IndexSettings.FLOAT32);
        try (LuceneCollections store = new LuceneCollections(dir, 3)) {
            assertThat(store.findLucene("int4").orElseThrow().rescoreOversample()).isEqualTo(3);
            assertThat(store.findLucene("f32").orElseThrow().rescoreOversample()).isEqualTo(1);
        }
    }
}

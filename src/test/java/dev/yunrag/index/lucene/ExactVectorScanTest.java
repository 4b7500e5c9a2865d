package dev.yunrag.index.lucene;

import static dev.yunrag.index.lucene.OneChunkDocuments.put;
import static dev.yunrag.index.lucene.OneChunkDocuments.text;
import static dev.yunrag.index.lucene.OneChunkDocuments.vector;
import static org.assertj.core.api.Assertions.assertThat;

import dev.yunrag.embed.VectorMath;
import dev.yunrag.index.IndexSettings;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExactVectorScanTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"float32", "int4"})
    void findsTheTrueNearestChunksAcrossSegmentsAndSkipsReplacedVersions(String format) {
        // given 40 one-chunk documents in several segments (one commit each ten), the float32 vectors kept aside,
        // and document d3 replaced by another text after the first commit
        Map<String, float[]> live = new HashMap<>();
        try (LuceneChunkIndex index = LuceneChunkIndex.open("c", dir.resolve("c"),
                new IndexSettings("hashing", OneChunkDocuments.DIMENSION, Analyzers.CJK, format))) {
            try (LuceneIndexWriter writer = index.openWriter()) {
                for (int i = 0; i < 40; i++) {
                    put(writer, i, text(i));
                    live.put("d" + i + "#0", vector(text(i)));
                    if (i % 10 == 9) {
                        writer.commit();
                    }
                }
                put(writer, 3, "差旅住宿标准为每晚六百元。");
                live.put("d3#0", vector("差旅住宿标准为每晚六百元。"));
                writer.commit();
            }
            assertThat(index.segmentCount()).isGreaterThan(1);
            float[][] queries = {vector(text(3)), vector("差旅住宿标准"), vector(text(17))};

            // when the exact top 5 is computed by the full scan
            List<List<String>> exact = index.exactVectorSearch(queries, 5);

            // then it is the brute-force top 5 over the live float32 vectors, best first (the old d3 is gone);
            // compared by score, as texts sharing no term with the query tie
            for (int q = 0; q < queries.length; q++) {
                float[] query = queries[q];
                List<Double> expected = live.values().stream().map(v -> (double) VectorMath.dot(v, query))
                        .sorted(Comparator.reverseOrder()).limit(5).toList();
                assertThat(exact.get(q)).as("query %d", q).hasSize(5).doesNotHaveDuplicates();
                assertThat(exact.get(q).stream().map(id -> (double) VectorMath.dot(live.get(id), query)).toList())
                        .as("query %d", q).usingElementComparator((a, b) -> Math.abs(a - b) < 1e-6 ? 0 : 1)
                        .containsExactlyElementsOf(expected);
            }
            // (the scan saw the replacement; had it read the deleted version, d3 would top query 0 with score 1)
            assertThat(exact.get(1).getFirst()).isEqualTo("d3#0");
            assertThat(exact.get(0).getFirst()).isNotEqualTo("d3#0");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

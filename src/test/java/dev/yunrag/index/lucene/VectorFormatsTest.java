package dev.yunrag.index.lucene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.data.segment.TextSegment;
import dev.yunrag.embed.HashingEmbeddingModel;
import dev.yunrag.embed.VectorMath;
import dev.yunrag.index.IndexSettings;
import dev.yunrag.index.IndexedDocument;
import dev.yunrag.index.SearchFilter;
import dev.yunrag.model.Chunk;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VectorFormatsTest {

    private static final HashingEmbeddingModel EMBED = new HashingEmbeddingModel(64);

    @TempDir
    Path dir;

    @Test
    void vectorFormatRoundTripsThroughCommitDataAndDefaultsToFloat32() {
        IndexSettings int8 = new IndexSettings("m", 64, Analyzers.CJK, "int8");
        assertThat(IndexSettings.fromCommitData(int8.toCommitData())).isEqualTo(int8);

        // an index written before the setting existed has no such key: float32
        Map<String, String> old = new HashMap<>(new IndexSettings("m", 64, Analyzers.CJK).toCommitData());
        old.remove("yunrag.vector-format");
        assertThat(IndexSettings.fromCommitData(old).vectorFormat()).isEqualTo("float32");

        assertThatThrownBy(() -> new IndexSettings("m", 64, Analyzers.CJK, "fp16"))
                .hasMessageContaining("yunrag.index.vector-format");
    }

    @ParameterizedTest
    @ValueSource(strings = {"int8", "int4"})
    void aQuantizedIndexIsSearchableAndKeepsItsFormatAcrossReopen(String format) throws Exception {
        // given a small collection written with a quantized vector format
        IndexSettings settings = new IndexSettings("hashing", 64, Analyzers.CJK, format);
        String[] texts = {"员工每年享有十五天带薪年假。", "差旅住宿标准为每晚六百元。", "报销须在三十天内提交发票。",
                "加班按小时计算补贴。", "新员工试用期为三个月。", "公司提供年度体检。"};
        Path path = dir.resolve("q");
        try (LuceneChunkIndex index = LuceneChunkIndex.open("q", path, settings);
             LuceneIndexWriter writer = index.openWriter()) {
            for (int i = 0; i < texts.length; i++) {
                String id = "d" + i;
                writer.upsert(new IndexedDocument(id, id + ".txt", id, "text/plain", "h" + i, 1, 0, 0, 0, 1, Map.of()),
                        List.of(new Chunk(id, 0, texts[i], 0, texts[i].length(), null, null, List.of())),
                        List.of(vector(texts[i])));
            }
            writer.commit();
        }
        // when it is reopened and searched with a chunk's own vector
        try (LuceneChunkIndex index = LuceneChunkIndex.open("q", path, null)) {
            assertThat(index.settings().vectorFormat()).isEqualTo(format);
            for (int i = 0; i < texts.length; i++) {
                // then that chunk comes first
                assertThat(index.searchVector(vector(texts[i]), 3, SearchFilter.NONE).getFirst().chunk().documentId())
                        .isEqualTo("d" + i);
            }
        }
    }

    private static float[] vector(String text) {
        return VectorMath.normalized(EMBED.embed(TextSegment.from(text)).content().vector());
    }
}

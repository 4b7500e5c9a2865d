package dev.yunrag.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.yunrag.app.TestConfigs;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The settings that name one of a few choices are enums read from the same words as before ({@code cjk-porter},
 * {@code lexical-coverage}, {@code int8}, {@code reasoning}), and a word that is none of them stops the configuration
 * from loading with a message naming the key and the words allowed.
 */
class SettingEnumsTest {

    @Test
    void theDocumentedWordsAreRead() {
        YunragConfig config = TestConfigs.config(Map.of("yunrag.index.analyzer", "cjk-porter",
                "yunrag.index.vector-format", "int8", "yunrag.retrieval.embedded-reranker", "lexical-coverage",
                "yunrag.api.models.\"R1\".kind", "reasoning", "yunrag.index.backend", "solr",
                "yunrag.solr.urls", "http://127.0.0.1:8983/solr"));

        assertThat(config.index().analyzer()).isEqualTo(Bm25Analyzer.CJK_PORTER);
        assertThat(config.index().analyzer().value()).isEqualTo("cjk-porter");
        assertThat(config.index().vectorFormat()).isEqualTo(VectorFormat.INT8);
        assertThat(config.retrieval().embeddedReranker()).isEqualTo(RerankerChoice.LEXICAL_COVERAGE);
        assertThat(config.retrieval().embeddedReranker().value()).isEqualTo("lexical-coverage");
        assertThat(config.api().models().get("R1").kind()).isEqualTo(ModelKind.REASONING);
        assertThat(config.api().models().get("R1").kind().answers()).isTrue();
        assertThat(config.index().backend()).isEqualTo(IndexBackend.SOLR);
    }

    @Test
    void theShippedDefaultsAreTheEnumsOfTheDocumentedDefaults() {
        YunragConfig config = TestConfigs.config(Map.of());

        assertThat(config.index().analyzer().value()).isEqualTo("cjk");
        assertThat(config.index().vectorFormat().value()).isEqualTo("float32");
        assertThat(config.retrieval().embeddedReranker().value()).isEqualTo("auto");
        assertThat(config.index().backend().value()).isEqualTo("lucene");
        assertThat(config.api().models().get("Qwen2-VL-7B").kind().answers()).isFalse();
    }

    @Test
    void anUnknownWordSaysWhichKeyAndWhatToSet() {
        assertThatThrownBy(() -> TestConfigs.config(Map.of("yunrag.index.vector-format", "int16")))
                .hasMessageContaining("yunrag.index.vector-format").hasMessageContaining("int16")
                .hasMessageContaining("int8");
        assertThatThrownBy(() -> TestConfigs.config(Map.of("yunrag.index.analyzer", "jieba")))
                .hasMessageContaining("yunrag.index.analyzer").hasMessageContaining("cjk-porter");
        assertThatThrownBy(() -> TestConfigs.config(Map.of("yunrag.retrieval.embedded-reranker", "cross-encoder")))
                .hasMessageContaining("yunrag.retrieval.embedded-reranker").hasMessageContaining("lexical-coverage");
        assertThatThrownBy(() -> TestConfigs.config(Map.of("yunrag.index.backend", "elasticsearch")))
                .hasMessageContaining("yunrag.index.backend").hasMessageContaining("solr");
    }
}

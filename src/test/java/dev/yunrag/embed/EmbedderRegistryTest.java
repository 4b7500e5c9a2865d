package dev.yunrag.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The registry is handed its models (it reads no configuration) and describes them without loading them. */
class EmbedderRegistryTest {

    @Test
    void withoutARemoteModelNewCollectionsGetTheInProcessDefault() {
        EmbedderRegistry registry = new EmbedderRegistry(EmbedderRegistry.BGE_SMALL_ZH, Optional.empty());

        assertThat(registry.defaultId()).isEqualTo(EmbedderRegistry.BGE_SMALL_ZH);
        assertThat(registry.remoteId()).isEmpty();
        // the dimension is known without loading the 320 MB model
        assertThat(registry.dimensionOf(EmbedderRegistry.BGE_SMALL_ZH)).isEqualTo(512);
        assertThat(registry.dimensionOf(EmbedderRegistry.BGE_SMALL_EN)).isEqualTo(384);
        assertThat(registry.isLoaded(EmbedderRegistry.BGE_SMALL_ZH)).isFalse();
    }

    @Test
    void aRemoteModelHandedInIsTheDefaultAndKnownByItsId() {
        Embedder remote = new Embedder("BAAI/bge-large-zh-v1.5", 1024, "", new HashingEmbeddingModel(1024));
        EmbedderRegistry registry = new EmbedderRegistry(EmbedderRegistry.BGE_SMALL_ZH, Optional.of(remote));

        assertThat(registry.defaultId()).isEqualTo("BAAI/bge-large-zh-v1.5");
        assertThat(registry.remoteId()).contains("BAAI/bge-large-zh-v1.5");
        assertThat(registry.dimensionOf("BAAI/bge-large-zh-v1.5")).isEqualTo(1024);
        assertThat(registry.get("BAAI/bge-large-zh-v1.5")).isSameAs(remote);
        assertThat(registry.isKnown(EmbedderRegistry.BGE_SMALL_ZH)).isTrue();
    }

    @Test
    void anUnknownInProcessDefaultNamesTheKeyAndTheKnownIds() {
        assertThatThrownBy(() -> new EmbedderRegistry("bge-large-zh-v15", Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("yunrag.embedding.model").hasMessageContaining("bge-large-zh-v15")
                .hasMessageContaining(EmbedderRegistry.BGE_SMALL_ZH);
    }
}

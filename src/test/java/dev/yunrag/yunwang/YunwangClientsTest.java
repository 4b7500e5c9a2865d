package dev.yunrag.yunwang;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yunrag.config.ApiConfig;
import dev.yunrag.config.YunragConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The packaged application.properties plus test overrides, mapped as Quarkus maps them (without booting Quarkus). */
class YunwangClientsTest extends StubTest {

    static ApiConfig config(Map<String, String> overrides) throws IOException {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(YunragConfig.class)
                // Quarkus's "5s" duration syntax; plain SmallRye knows only ISO-8601.
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(
                        YunwangClientsTest.class.getResource("/application.properties"), 250))
                .withSources(new PropertiesConfigSource(overrides, "test", 400))
                .build();
        return config.getConfigMapping(YunragConfig.class).api();
    }

    @Test
    void withoutBaseUrlNoModelIsBuilt() throws IOException {
        YunwangClients clients = YunwangClients.fromConfig(config(Map.of()));

        assertThat(clients.anyConfigured()).isFalse();
        assertThat(clients.chatModel()).isEmpty();
        assertThat(clients.embeddingModel()).isEmpty();
        assertThat(clients.describe()).contains("embedded defaults");
    }

    @Test
    void packagedCatalogueAndPerEndpointDefaultsApply() throws IOException {
        // given: only the shared base URL and key
        ApiConfig config = config(Map.of("yunrag.api.base-url", stub.baseUrl(), "yunrag.api.api-key", "sk-shared"));
        // when
        YunwangClients clients = YunwangClients.fromConfig(config);
        // then
        assertThat(config.chat().authScheme()).isEqualTo("raw");
        assertThat(config.embedding().authScheme()).isEqualTo("bearer");
        ChatModelCatalogue catalogue = clients.chatCatalogue();
        assertThat(catalogue.defaultModel()).isEqualTo("TianQing-72B");
        assertThat(catalogue.models()).containsOnlyKeys("TianQing-72B", "DeepSeek-R1-32B", "Qwen2-VL-7B");
        assertThat(catalogue.resolve("DeepSeek-R1-32B").reasoningModel()).isTrue();
        assertThat(catalogue.resolve(null).presencePenalty()).isEqualTo(1.03);
        YunwangEmbeddingModel embedding = clients.embeddingModel().orElseThrow();
        assertThat(embedding.modelName()).isEqualTo("BAAI/bge-large-zh-v1.5");
        assertThat(embedding.dimension()).isEqualTo(1024);
        assertThat(clients.scoringModel().orElseThrow().modelName()).isEqualTo("BAAI/bge-reranker-v2-m3");
        assertThat(clients.describe()).doesNotContain("sk-shared");
    }

    @Test
    void builtModelsTalkToTheConfiguredEndpointsWithTheirSchemes() throws IOException {
        // given: a per-endpoint key for embeddings, the shared key elsewhere
        YunwangClients clients = YunwangClients.fromConfig(config(Map.of(
                "yunrag.api.base-url", stub.baseUrl(), "yunrag.api.api-key", "sk-shared",
                "yunrag.api.embedding.api-key", "sk-embed",
                "yunrag.api.embedding.query-instruction", "none")));
        // when
        clients.chatModel().orElseThrow().chat("你好");
        clients.embeddingModel().orElseThrow().embedQuery("问题");
        // then
        assertThat(stub.last(YunwangStub.CHAT).authorization()).isEqualTo("sk-shared");
        assertThat(stub.last(YunwangStub.CHAT).json().get("max_tokens").asInt()).isEqualTo(1024);
        assertThat(stub.last(YunwangStub.EMBEDDINGS).authorization()).isEqualTo("Bearer sk-embed");
        assertThat(stub.last(YunwangStub.EMBEDDINGS).json().get("input").asText()).isEqualTo("问题");
    }
}

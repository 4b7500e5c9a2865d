package dev.yunrag.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.yunrag.config.IndexBackend;
import dev.yunrag.config.YunragConfig;
import dev.yunrag.index.CollectionCatalog;
import dev.yunrag.index.IndexUnavailableException;
import dev.yunrag.index.lucene.LuceneCollections;
import dev.yunrag.index.solr.SolrSettings;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code yunrag.index.backend} as {@link Pipelines} reads it, without a cluster: lucene by default; solr without an
 * address refused naming the keys to set; solr at an address where nothing listens builds (the service starts) and
 * then says, on use, that the cluster is unreachable and where it looked; the password is never in what is logged.
 */
class SolrBackendTest {

    @TempDir
    Path dataDir;

    @Test
    void theDefaultBackendIsTheEmbeddedIndex() throws Exception {
        Pipelines pipelines = TestConfigs.pipelines(Map.of());

        try (CollectionCatalog collections = pipelines.collections(dataDir)) {
            assertThat(collections).isInstanceOf(LuceneCollections.class);
        }
        assertThat(pipelines.indexBackend()).startsWith("lucene");
    }

    @Test
    void solrWithoutAnAddressNamesWhatToSet() {
        Pipelines pipelines = TestConfigs.pipelines(Map.of("yunrag.index.backend", "solr"));

        assertThatThrownBy(() -> pipelines.collections(dataDir)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("yunrag.solr.zk-hosts").hasMessageContaining("yunrag.solr.urls");
        assertThatThrownBy(pipelines::indexBackend).hasMessageContaining("yunrag.solr.urls");
    }

    @Test
    void anUnreachableClusterIsReportedOnUseNamingTheAddressAndNeverThePassword() throws Exception {
        String url = "http://127.0.0.1:" + closedPort() + "/solr";
        Pipelines pipelines = TestConfigs.pipelines(Map.of("yunrag.index.backend", "solr", "yunrag.solr.urls", url,
                "yunrag.solr.user", "ops", "yunrag.solr.password", "hunter2-secret",
                "yunrag.solr.request-timeout", "5s"));

        try (CollectionCatalog collections = pipelines.collections(dataDir)) {
            assertThatThrownBy(collections::names).isInstanceOf(IndexUnavailableException.class)
                    .hasMessageContaining("SolrCloud").hasMessageContaining(url)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2-secret"));
            // and again on the next use: a cluster that comes up later is connected then
            assertThatThrownBy(() -> collections.find("default")).isInstanceOf(IndexUnavailableException.class);
        }
        assertThat(pipelines.indexBackend()).startsWith("solr").contains(url).contains("user=ops")
                .doesNotContain("hunter2-secret");
    }

    @Test
    void theDocumentedEnvironmentVariablesSetTheKeys() throws IOException {
        YunragConfig config = new SmallRyeConfigBuilder().withMapping(YunragConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(TestConfigs.class.getResource("/application.properties"), 250))
                .withSources(new EnvConfigSource(Map.of("YUNRAG_INDEX_BACKEND", "solr",
                        "YUNRAG_SOLR_ZK_HOSTS", "zk1:2181,zk2:2181/solr", "YUNRAG_SOLR_URLS", "http://s1:8983/solr",
                        "YUNRAG_SOLR_USER", "ops", "YUNRAG_SOLR_PASSWORD", "pw", "YUNRAG_SOLR_SHARDS", "3",
                        "YUNRAG_SOLR_REPLICAS", "1", "YUNRAG_SOLR_REQUEST_TIMEOUT", "7s",
                        "YUNRAG_SOLR_CONNECT_TIMEOUT", "3s"), 300))
                .build().getConfigMapping(YunragConfig.class);

        assertThat(config.index().backend()).isEqualTo(IndexBackend.SOLR);
        SolrSettings settings = SolrBackend.settings(config);
        assertThat(settings.zkHosts()).containsExactly("zk1:2181", "zk2:2181/solr");
        assertThat(settings.solrUrls()).containsExactly("http://s1:8983/solr");
        assertThat(settings.user()).isEqualTo("ops");
        assertThat(settings.password()).isEqualTo("pw");
        assertThat(settings.shards()).isEqualTo(3);
        assertThat(settings.replicas()).isEqualTo(1);
        assertThat(settings.requestTimeout()).isEqualTo(Duration.ofSeconds(7));
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void theDocumentedDefaults() {
        SolrSettings settings = SolrBackend.settings(TestConfigs.config(Map.of("yunrag.solr.urls", "http://s1/solr")));

        assertThat(settings.shards()).isEqualTo(2);
        assertThat(settings.replicas()).isEqualTo(2);
        assertThat(settings.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.hasCredentials()).isFalse();
    }

    /** A port nothing listens on (taken and released). */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

package dev.yunrag.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.yunrag.index.CollectionCatalog;
import dev.yunrag.index.IndexUnavailableException;
import dev.yunrag.index.lucene.LuceneCollections;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
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

    /** A port nothing listens on (taken and released). */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

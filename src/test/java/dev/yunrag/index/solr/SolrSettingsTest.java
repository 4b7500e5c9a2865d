package dev.yunrag.index.solr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SolrSettingsTest {

    @Test
    void thePasswordNeverAppearsWhenSettingsArePrinted() {
        SolrSettings settings = SolrSettings.ofUrls(List.of("http://solr1:8983/solr"), 2, 2)
                .withCredentials("yunrag", "hunter2-secret");
        assertThat(settings.toString()).contains("yunrag").contains("http://solr1:8983/solr")
                .doesNotContain("hunter2-secret");
    }

    @Test
    void aClusterAddressAndALayoutOfAtLeastOneAreRequired() {
        assertThatThrownBy(() -> SolrSettings.ofUrls(List.of(), 1, 1))
                .hasMessageContaining("yunrag.solr.zk-hosts").hasMessageContaining("yunrag.solr.urls");
        assertThatThrownBy(() -> SolrSettings.ofUrls(List.of("http://s:8983/solr"), 0, 1))
                .hasMessageContaining("yunrag.solr.shards");
        assertThatThrownBy(() -> SolrSettings.ofUrls(List.of("http://s:8983/solr"), 1, 1).withCredentials("u", null))
                .hasMessageContaining("yunrag.solr.password");
    }

    @Test
    void settingsAreReadFromTheDocumentedKeysWithTheirDefaults() {
        Map<String, String> values = Map.of("yunrag.solr.zk-hosts", "zk1:2181, zk2:2181/solr",
                "yunrag.solr.user", "yunrag", "yunrag.solr.password", "pw", "yunrag.solr.request-timeout", "5s",
                "yunrag.solr.connect-timeout", "1500ms");
        SolrSettings settings = SolrSettings.fromProperties(values::get);
        assertThat(settings.zkHosts()).containsExactly("zk1:2181", "zk2:2181/solr");
        assertThat(settings.zkHostsWithoutChroot()).containsExactly("zk1:2181", "zk2:2181");
        assertThat(settings.zkChroot()).contains("/solr");
        assertThat(settings.shards()).isEqualTo(2);
        assertThat(settings.replicas()).isEqualTo(2);
        assertThat(settings.requestTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(settings.hasCredentials()).isTrue();
        SolrSettings urls = SolrSettings.fromProperties(Map.of("yunrag.solr.urls", "http://a:8983/solr",
                "yunrag.solr.shards", "1", "yunrag.solr.replicas", "3")::get);
        assertThat(urls.solrUrls()).containsExactly("http://a:8983/solr");
        assertThat(urls.shards()).isEqualTo(1);
        assertThat(urls.replicas()).isEqualTo(3);
        assertThat(urls.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(urls.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThatThrownBy(() -> SolrSettings.fromProperties(Map.of("yunrag.solr.urls", "http://a:8983/solr",
                "yunrag.solr.connect-timeout", "soon")::get)).hasMessageContaining("yunrag.solr.connect-timeout");
        assertThatThrownBy(() -> SolrSettings.fromProperties(Map.of("yunrag.solr.urls", "http://a:8983/solr",
                "yunrag.solr.connect-timeout", "0s")::get)).hasMessageContaining("yunrag.solr.connect-timeout");
        assertThatThrownBy(() -> SolrSettings.fromProperties(Map.of("yunrag.solr.urls", "http://a:8983/solr",
                "yunrag.solr.shards", "two")::get)).hasMessageContaining("yunrag.solr.shards");
    }

    @Test
    void theBackendIsLuceneUnlessSolrIsNamed() {
        assertThat(SolrSettings.solrSelected(Map.<String, String>of()::get)).isFalse();
        assertThat(SolrSettings.solrSelected(Map.of("yunrag.index.backend", "lucene")::get)).isFalse();
        assertThat(SolrSettings.solrSelected(Map.of("yunrag.index.backend", "solr")::get)).isTrue();
        assertThatThrownBy(() -> SolrSettings.solrSelected(Map.of("yunrag.index.backend", "elastic")::get))
                .hasMessageContaining("yunrag.index.backend").hasMessageContaining("lucene or solr");
    }

    @Test
    void solrOlderThanTheTestedReleaseOrOfAnotherMajorVersionIsRefused() {
        SolrClients.checkVersion("9.10.1");
        SolrClients.checkVersion("9.12.0");
        assertThatThrownBy(() -> SolrClients.checkVersion("9.9.0")).hasMessageContaining("Solr 9.9.0 is not supported")
                .hasMessageContaining(SolrClients.MINIMUM_VERSION);
        assertThatThrownBy(() -> SolrClients.checkVersion("8.11.2")).hasMessageContaining("not supported");
        assertThatThrownBy(() -> SolrClients.checkVersion("10.0.0")).hasMessageContaining("not supported");
    }
}

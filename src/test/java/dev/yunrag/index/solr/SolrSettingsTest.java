package dev.yunrag.index.solr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
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
    void solrOlderThanTheTestedReleaseOrOfAnotherMajorVersionIsRefused() {
        SolrClients.checkVersion("9.10.1");
        SolrClients.checkVersion("9.12.0");
        assertThatThrownBy(() -> SolrClients.checkVersion("9.9.0")).hasMessageContaining("Solr 9.9.0 is not supported")
                .hasMessageContaining(SolrClients.MINIMUM_VERSION);
        assertThatThrownBy(() -> SolrClients.checkVersion("8.11.2")).hasMessageContaining("not supported");
        assertThatThrownBy(() -> SolrClients.checkVersion("10.0.0")).hasMessageContaining("not supported");
    }
}

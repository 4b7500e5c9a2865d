package dev.yunrag.e2e.solr;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/** The service on the local SolrCloud of {@link SolrCloudResource}, with the in-process models. */
public class SolrBackendProfile implements QuarkusTestProfile {

    /** The service's log, read by the test (deleted by {@link SolrCloudResource} before the boot). */
    static final String LOG_FILE = "target/solr-e2e-quarkus.log";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.log.file.enabled", "true", "quarkus.log.file.path", LOG_FILE,
                "quarkus.log.file.rotation.rotate-on-boot", "false");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(SolrCloudResource.class));
    }

    @Override
    public String getConfigProfile() {
        return "test";
    }
}

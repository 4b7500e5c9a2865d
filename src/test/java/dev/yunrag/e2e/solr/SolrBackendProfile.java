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
        // the first upload creates a 2 x 2 collection: at load average 40 that outlasted RestAssured's default 30 s
        return Map.of("quarkus.log.file.enabled", "true", "quarkus.log.file.path", LOG_FILE,
                "quarkus.log.file.rotation.rotate-on-boot", "false", "quarkus.http.test-timeout", "300s");
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

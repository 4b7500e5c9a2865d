package dev.yunrag.e2e.solr;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/**
 * The service on a SolrCloud of its own (so the fault test's kills never touch another test class's cluster), with a
 * long request timeout (it is one timeout for every request, and creating a 2 x 2 collection took over 30 s at load
 * average 45) and a short connect timeout.
 */
public class SolrFaultProfile implements QuarkusTestProfile {

    static final String REQUEST_TIMEOUT = "120s";

    /** A question to a paused node may wait a request timeout for the view and another for a branch. */
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.http.test-timeout", "600s");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(SolrCloudResource.class, Map.of(
                "dir", "solr-cloud-faults",
                "yunrag.solr.request-timeout", REQUEST_TIMEOUT,
                "yunrag.solr.connect-timeout", "2s",
                "yunrag.data-dir", "target/test-data-solr-faults")));
    }

    @Override
    public String getConfigProfile() {
        return "test";
    }
}

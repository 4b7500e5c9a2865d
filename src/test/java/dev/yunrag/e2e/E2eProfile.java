package dev.yunrag.e2e;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/** The service with every 云网 endpoint on the stub; its log also goes to {@link #LOG_FILE} for inspection. */
public class E2eProfile implements QuarkusTestProfile {

    static final String LOG_FILE = "target/e2e-quarkus.log";
    static final String COLLECTION = "e2e-corpus";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "yunrag.default-collection", COLLECTION,
                "quarkus.log.file.enabled", "true",
                "quarkus.log.file.path", LOG_FILE,
                "quarkus.log.file.rotation.rotate-on-boot", "false");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(YunwangStubResource.class,
                Map.of("data-dir", "target/test-data-e2e", "log-file", LOG_FILE)));
    }

    @Override
    public String getConfigProfile() {
        return "test";
    }
}

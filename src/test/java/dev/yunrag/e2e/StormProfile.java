package dev.yunrag.e2e;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The service on the stub with short timeouts and a quick breaker, so that a fault storm cycles through many faults
 * and recoveries in seconds: a call waits at most 1 s for its first byte and 4 s in all; 3 consecutive failures open
 * a breaker for 1 s.
 */
public class StormProfile implements QuarkusTestProfile {

    static final String LOG_FILE = "target/storm-quarkus.log";
    static final long COOL_DOWN_MS = 1000;
    static final long FIRST_BYTE_TIMEOUT_MS = 500;
    static final long TOTAL_TIMEOUT_MS = 2000;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "yunrag.default-collection", E2eProfile.COLLECTION,
                "quarkus.log.file.enabled", "true",
                "quarkus.log.file.path", LOG_FILE,
                "quarkus.log.file.rotation.rotate-on-boot", "false");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        Map<String, String> args = new HashMap<>(Map.of("data-dir", "target/test-data-storm", "log-file", LOG_FILE));
        for (String endpoint : List.of("chat", "embedding", "rerank")) {
            String prefix = "yunrag.api." + endpoint + ".";
            args.put(prefix + "first-byte-timeout", FIRST_BYTE_TIMEOUT_MS + "ms");
            args.put(prefix + "total-timeout", TOTAL_TIMEOUT_MS + "ms");
            args.put(prefix + "breaker-threshold", "3");
            args.put(prefix + "breaker-cool-down", COOL_DOWN_MS + "ms");
        }
        return List.of(new TestResourceEntry(YunwangStubResource.class, args));
    }

    @Override
    public String getConfigProfile() {
        return "test";
    }
}

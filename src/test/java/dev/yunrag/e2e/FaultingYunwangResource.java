package dev.yunrag.e2e;

import dev.yunrag.faults.FaultingYunwang;
import dev.yunrag.testing.TestFiles;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Points every 云网 endpoint of the service at the independent {@link FaultingYunwang}, with a short question
 * deadline (so that a hung endpoint is a few seconds' test) and a short breaker cool-down.
 */
public class FaultingYunwangResource implements QuarkusTestResourceLifecycleManager {

    static final String KEY = "sk-faults-SECRET-2718";
    static final long QUESTION_DEADLINE_MS = 3000;
    static final long BREAKER_COOL_DOWN_MS = 6000;
    static final String COLLECTION = "faults-corpus";

    /** The running stand-in; one per test JVM run of the profile. */
    static volatile FaultingYunwang api;

    private Map<String, String> args = Map.of();

    @Override
    public void init(Map<String, String> initArgs) {
        args = initArgs == null ? Map.of() : initArgs;
    }

    /** The service's own defaults for the question deadline and breaker, for measurements. */
    public static class DefaultsProfile extends Profile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(FaultingYunwangResource.class, Map.of("defaults", "true")));
        }
    }

    /** The profile that uses this resource. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("yunrag.default-collection", COLLECTION);
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(FaultingYunwangResource.class));
        }

        @Override
        public String getConfigProfile() {
            return "test";
        }
    }

    @Override
    public Map<String, String> start() {
        try {
            api = new FaultingYunwang();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String dataDir = "target/test-data-faults";
        TestFiles.deleteTree(Path.of(dataDir));
        Map<String, String> config = new HashMap<>();
        config.put("yunrag.api.base-url", api.baseUrl() + "/v1");
        config.put("yunrag.api.api-key", KEY);
        config.put("yunrag.data-dir", dataDir);
        if (args.containsKey("defaults")) {
            // Timeouts, retries, breaker and question deadline as shipped.
            return config;
        }
        config.put("yunrag.api.chat.question-deadline", QUESTION_DEADLINE_MS + "ms");
        for (String endpoint : new String[] {"chat", "embedding", "rerank"}) {
            String prefix = "yunrag.api." + endpoint + ".";
            config.put(prefix + "max-retries", "1");
            config.put(prefix + "retry-base-delay", "10ms");
            config.put(prefix + "connect-timeout", "2s");
            config.put(prefix + "first-byte-timeout", "20s");
            config.put(prefix + "total-timeout", "60s");
            config.put(prefix + "breaker-threshold", "4");
            config.put(prefix + "breaker-cool-down", BREAKER_COOL_DOWN_MS + "ms");
        }
        return config;
    }

    @Override
    public void stop() {
        if (api != null) {
            api.close();
        }
    }
}

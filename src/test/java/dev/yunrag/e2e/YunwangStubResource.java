package dev.yunrag.e2e;

import dev.yunrag.testing.TestFiles;
import dev.yunrag.yunwang.YunwangStub;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Starts the 云网 stub (with {@link StubBehaviour}) on a free port before Quarkus boots and points every endpoint at
 * it, with one shared key, short timeouts and a quick circuit breaker. A fresh data directory per boot keeps the
 * 1024-d collections away from the embedded-default tests' 512-d ones.
 *
 * <p>Init args: {@code data-dir} (default {@code target/test-data-e2e}), {@code log-file} (deleted first), {@code fail} (an endpoint path that always
 * answers 500, e.g. {@code /v1/rerank}), and any {@code yunrag.*} key, which overrides the settings above.
 */
public class YunwangStubResource implements QuarkusTestResourceLifecycleManager {

    /** The key the service is configured with; it must never appear in a response or a log line. */
    public static final String KEY = "sk-e2e-SECRET-7f3a9c0d5e";
    static final long BREAKER_COOL_DOWN_MS = 3000;

    private YunwangStub stub;
    private Map<String, String> args = Map.of();

    @Override
    public void init(Map<String, String> initArgs) {
        args = initArgs == null ? Map.of() : initArgs;
    }

    @Override
    public Map<String, String> start() {
        try {
            stub = new YunwangStub();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StubBehaviour.install(stub);
        String fail = args.get("fail");
        if (fail != null) {
            stub.failAlways(fail, new YunwangStub.Fault.Status(500, null,
                    "{\"error\":{\"message\":\"model backend crashed\"}}"));
        }
        String dataDir = args.getOrDefault("data-dir", "target/test-data-e2e");
        TestFiles.deleteTree(Path.of(dataDir));
        if (args.containsKey("log-file")) {
            TestFiles.deleteTree(Path.of(args.get("log-file")));
        }
        Map<String, String> config = new HashMap<>();
        config.put("yunrag.api.base-url", stub.baseUrl());
        config.put("yunrag.api.api-key", KEY);
        config.put("yunrag.data-dir", dataDir);
        config.put("yunrag.api.embedding.batch-size", "4");
        for (String endpoint : new String[] {"chat", "embedding", "rerank"}) {
            String prefix = "yunrag.api." + endpoint + ".";
            config.put(prefix + "max-retries", "1");
            config.put(prefix + "retry-base-delay", "10ms");
            config.put(prefix + "connect-timeout", "2s");
            config.put(prefix + "first-byte-timeout", "10s");
            config.put(prefix + "total-timeout", "30s");
            config.put(prefix + "breaker-threshold", "4");
            config.put(prefix + "breaker-cool-down", BREAKER_COOL_DOWN_MS + "ms");
        }
        // A profile may set any yunrag.* key as an init arg (shorter timeouts for the fault storm, say).
        args.forEach((key, value) -> {
            if (key.startsWith("yunrag.")) {
                config.put(key, value);
            }
        });
        return config;
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(stub, new TestInjector.AnnotatedAndMatchesType(InjectStub.class,
                YunwangStub.class));
    }

    @Override
    public void stop() {
        if (stub != null) {
            stub.close();
        }
    }
}

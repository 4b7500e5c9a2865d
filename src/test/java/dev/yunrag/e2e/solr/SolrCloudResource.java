package dev.yunrag.e2e.solr;

import dev.yunrag.index.solr.LocalSolrCloud;
import dev.yunrag.testing.TestFiles;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Boots the test run's local SolrCloud ({@link LocalSolrCloud}: ZooKeeper and two Solr nodes in child JVMs, basic auth
 * on) before Quarkus starts, and points the service at it with {@code yunrag.index.backend=solr} and the keys of
 * docs/configuration.md's "SolrCloud backend" section. With {@code -Dyunrag.test.solr.urls=URL,URL} a cluster already
 * running is used instead (as {@code SolrCloudExtension} does). A profile may pass init args: {@code dir} (the
 * cluster's directory under target/, so two profiles never share one) and any {@code yunrag.*} key (a shorter request
 * timeout, say). The cluster is injected into a test's {@link InjectSolrCloud} field, for node kills.
 */
public class SolrCloudResource implements QuarkusTestResourceLifecycleManager {

    static final String DATA_DIR = "target/test-data-solr-e2e";

    private LocalSolrCloud cloud;
    private Map<String, String> args = Map.of();

    @Override
    public void init(Map<String, String> initArgs) {
        args = Map.copyOf(initArgs);
    }

    @Override
    public Map<String, String> start() {
        String external = System.getProperty("yunrag.test.solr.urls");
        if (external != null && !external.isBlank()) {
            cloud = LocalSolrCloud.external(external);
        } else {
            Path dir = Path.of("target", args.getOrDefault("dir", "solr-cloud-e2e")).toAbsolutePath();
            TestFiles.deleteTree(dir); // a cluster of an earlier run: its nodes had other ports
            cloud = LocalSolrCloud.start(dir, 2);
            System.out.printf("local SolrCloud for the service (ZooKeeper + 2 nodes) served after %.1f s: %s%n",
                    cloud.bootTime().toMillis() / 1000.0, cloud.nodeUrls());
        }
        TestFiles.deleteTree(Path.of(DATA_DIR));
        TestFiles.deleteTree(Path.of(SolrBackendProfile.LOG_FILE));
        Map<String, String> config = new HashMap<>(Map.of(
                "yunrag.index.backend", "solr",
                "yunrag.solr.urls", String.join(",", cloud.nodeUrls()),
                "yunrag.solr.user", LocalSolrCloud.USER,
                "yunrag.solr.password", LocalSolrCloud.PASSWORD,
                "yunrag.solr.shards", "2",
                "yunrag.solr.replicas", "2",
                "yunrag.solr.request-timeout", "30s",
                "yunrag.data-dir", DATA_DIR));
        args.forEach((key, value) -> {
            if (key.startsWith("yunrag.")) {
                config.put(key, value);
            }
        });
        return config;
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(cloud, new TestInjector.AnnotatedAndMatchesType(InjectSolrCloud.class,
                LocalSolrCloud.class));
    }

    @Override
    public void stop() {
        if (cloud != null) {
            cloud.close();
        }
    }
}

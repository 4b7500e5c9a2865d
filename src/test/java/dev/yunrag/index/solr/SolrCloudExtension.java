package dev.yunrag.index.solr;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands tests the one local SolrCloud of this test run (ZooKeeper and two nodes, {@link LocalSolrCloud}): booted by
 * the first test that asks for it, kept in JUnit's root store and stopped when the run ends. Use with
 * {@code @ExtendWith(SolrCloudExtension.class)} and a {@link LocalSolrCloud} parameter. With
 * {@code -Dyunrag.test.solr.urls=URL,URL} the tests use a cluster already running instead (see LocalSolrCloud#external).
 */
public final class SolrCloudExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(
            SolrCloudExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LocalSolrCloud.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return cloud(context);
    }

    /** The run's cluster, booted on first use. */
    public static LocalSolrCloud cloud(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).computeIfAbsent("cloud", key -> {
            String external = System.getProperty("yunrag.test.solr.urls");
            if (external != null && !external.isBlank()) {
                return LocalSolrCloud.external(external);
            }
            Path dir = Path.of("target", "solr-cloud").toAbsolutePath();
            deleteRecursively(dir); // a cluster of an earlier run: its nodes had other ports
            LocalSolrCloud cloud = LocalSolrCloud.start(dir, 2);
            System.out.printf("local SolrCloud (ZooKeeper + 2 nodes, child JVMs) served after %.1f s: %s%n",
                    cloud.bootTime().toMillis() / 1000.0, cloud.nodeUrls());
            return cloud;
        }, LocalSolrCloud.class);
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

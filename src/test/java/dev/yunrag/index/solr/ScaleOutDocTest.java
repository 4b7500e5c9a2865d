package dev.yunrag.index.solr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.segment.TextSegment;
import dev.yunrag.embed.HashingEmbeddingModel;
import dev.yunrag.index.ChunkIndex;
import dev.yunrag.index.ChunkIndexWriter;
import dev.yunrag.index.IndexSettings;
import dev.yunrag.index.IndexedDocument;
import dev.yunrag.index.SearchFilter;
import dev.yunrag.model.Chunk;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/scale-out.md's commands, run as written: the start block brings up ZooKeeper and two nodes (on free ports and
 * a temporary directory, through the variables the block reads), a collection is created, written and searched there
 * with the settings the page gives, and the stop block ends every process.
 */
@Tag("slow")
@Tag("solr")
class ScaleOutDocTest {

    @TempDir
    Path tmp;

    @Test
    void theLocalClusterCommandsStartAClusterYunragCanUseAndStopIt() throws Exception {
        String doc = Files.readString(Path.of("docs/scale-out.md"));
        String start = block(doc, "local-cluster-start", "local-cluster-end");
        String stop = block(doc, "local-cluster-stop-start", "local-cluster-stop-end");
        int zk = freePort();
        int node1 = freePort();
        int node2 = freePort();
        Map<String, String> env = Map.of("SOLR_DIR", tmp.resolve("solr").toString(), "ZK_PORT", Integer.toString(zk),
                "SOLR_PORTS", node1 + " " + node2, "SOLR_PASSWORD", "doc-secret");
        try {
            String printed = bash(start, env, 8);
            assertThat(printed).contains("YUNRAG-SOLR-READY 127.0.0.1:" + zk)
                    .contains("YUNRAG-SOLR-READY http://127.0.0.1:" + node1 + "/solr")
                    .contains("YUNRAG-SOLR-READY http://127.0.0.1:" + node2 + "/solr");

            SolrSettings settings = SolrSettings.fromProperties(Map.of(
                    "yunrag.solr.urls", "http://127.0.0.1:" + node1 + "/solr,http://127.0.0.1:" + node2 + "/solr",
                    "yunrag.solr.user", "yunrag", "yunrag.solr.password", "doc-secret",
                    "yunrag.solr.shards", "2", "yunrag.solr.replicas", "2")::get);
            try (SolrCollectionCatalog catalog = SolrCollectionCatalog.connect(settings)) {
                ChunkIndex index = catalog.openOrCreate("try", new IndexSettings("hashing-16", 16, "cjk"));
                HashingEmbeddingModel embed = new HashingEmbeddingModel(16);
                Chunk chunk = new Chunk("leave", 0, "员工每年享有十五天带薪年假。", 0, 14, null, null, List.of());
                try (ChunkIndexWriter writer = index.openWriter()) {
                    writer.upsert(new IndexedDocument("leave", "leave.txt", "年假", "text/plain", "h", 40, 1, 2, 0, 1,
                            Map.of()), List.of(chunk), List.of(embed.embed(TextSegment.from(chunk.text())).content()
                            .vector()));
                    writer.commit();
                }
                assertThat(index.searchBm25("年假有几天", 5, SearchFilter.NONE)).extracting(hit -> hit.source())
                        .containsExactly("leave.txt");
            }
        } finally {
            bash(stop, env, 2);
        }
        for (String pidFile : List.of("zk.pid", "node1.pid", "node2.pid")) {
            long pid = Long.parseLong(Files.readString(tmp.resolve("solr").resolve(pidFile)).trim());
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).as(pidFile).isNotEqualTo(
                    java.util.Optional.of(true));
        }
    }

    private static String block(String doc, String from, String to) {
        Matcher m = Pattern.compile("<!-- " + from + "[^>]*-->\\s*```bash\\n(.*?)```\\s*<!-- " + to + " -->",
                Pattern.DOTALL).matcher(doc);
        assertThat(m.find()).as("block %s in docs/scale-out.md", from).isTrue();
        return m.group(1);
    }

    /** Runs a script with bash in the project directory, Java of this JVM first on the PATH. */
    private static String bash(String script, Map<String, String> env, int minutes) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", "-euo", "pipefail", "-c", script)
                .directory(Path.of("").toAbsolutePath().toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        String javaBin = Path.of(System.getProperty("java.home"), "bin").toString();
        builder.environment().put("PATH", javaBin + ":" + System.getenv("PATH"));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        process.getOutputStream().close();
        // the started servers inherit the pipe; read only until bash itself ends
        StringBuilder out = new StringBuilder();
        Thread reader = Thread.ofPlatform().daemon().start(() -> {
            try {
                byte[] buffer = new byte[8192];
                int n;
                while ((n = process.getInputStream().read(buffer)) > 0) {
                    synchronized (out) {
                        out.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                    }
                }
            } catch (IOException e) {
                // the pipe closes when bash and its children end
            }
        });
        boolean ended = process.waitFor(minutes, TimeUnit.MINUTES);
        if (!ended) {
            process.destroyForcibly();
        }
        reader.join(2000);
        synchronized (out) {
            assertThat(ended).as("script ended in %d min; output:%n%s", minutes, out).isTrue();
            assertThat(process.exitValue()).as("exit status; output:%n%s", out).isZero();
            return out.toString();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

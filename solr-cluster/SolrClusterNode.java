import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.solr.embedded.JettyConfig;
import org.apache.solr.embedded.JettySolrRunner;
import org.apache.solr.security.Sha256AuthenticationProvider;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.server.ServerConfig;
import org.apache.zookeeper.server.ZooKeeperServerMain;

/**
 * One process of a local SolrCloud, for tests and tries (docs/scale-out.md). Run it with Java's source launcher on
 * the classpath solr-cluster/pom.xml resolves, one process per role, so that a node can be killed for real:
 *
 * <pre>
 * java -cp "$(cat solr-cluster/target/solr.classpath)" solr-cluster/SolrClusterNode.java zk DIR PORT [USER PASSWORD]
 * java -cp "$(cat solr-cluster/target/solr.classpath)" solr-cluster/SolrClusterNode.java node DIR PORT ZKHOST
 * </pre>
 *
 * {@code zk} runs ZooKeeper and, given a user and password, stores a security.json that makes every Solr request
 * need them (HTTP basic auth). {@code node} runs one Solr node (Jetty) registered with that ZooKeeper, its cores
 * under DIR, so a node restarted with the same DIR and PORT takes its replicas back. Each prints one line
 * {@code YUNRAG-SOLR-READY <address>} when it serves, and stops cleanly on SIGTERM (Ctrl-C), or when its standard
 * input closes if started with {@code -Dyunrag.solr.stop-on-stdin-eof=true} (as the tests do, so that a test JVM
 * that dies takes its cluster with it). Not part of YunRAG's build: Solr 9 is built on Lucene 9, YunRAG on 10.
 */
public class SolrClusterNode {

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            usage();
        }
        Path dir = Path.of(args[1]).toAbsolutePath();
        int port = Integer.parseInt(args[2]);
        Files.createDirectories(dir);
        switch (args[0]) {
            case "zk" -> zookeeper(dir, port, args.length >= 5 ? args[3] : null, args.length >= 5 ? args[4] : null);
            case "node" -> node(dir, port, args.length >= 4 ? args[3] : usage());
            default -> usage();
        }
    }

    private static String usage() {
        System.err.println("usage: SolrClusterNode zk DIR PORT [USER PASSWORD] | node DIR PORT ZKHOST");
        System.exit(2);
        return null;
    }

    private static void zookeeper(Path dir, int port, String user, String password) throws Exception {
        // ZooKeeper's admin web server would take port 8080: not wanted here
        System.setProperty("zookeeper.admin.enableServer", "false");
        ServerConfig config = new ServerConfig();
        config.parse(new String[] {Integer.toString(port), dir.resolve("data").toString(), "2000", "100"});
        ZooKeeperServerMain server = new ZooKeeperServerMain();
        Thread serving = new Thread(() -> {
            try {
                server.runFromConfig(config);
            } catch (Exception e) {
                e.printStackTrace();
                System.exit(1);
            }
        }, "zookeeper");
        serving.start();
        waitForPort(port);
        String address = "127.0.0.1:" + port;
        if (user != null) {
            storeSecurity(address, user, password);
        }
        ready(address, () -> {
            server.close();
            serving.interrupt();
        });
    }

    /** Basic auth for every request; nodes talk to each other with Solr's own PKI authentication. */
    private static void storeSecurity(String zkHost, String user, String password) throws Exception {
        String json = """
                {"authentication": {"class": "solr.BasicAuthPlugin", "blockUnknown": true,
                  "forwardCredentials": false, "credentials": {"%s": "%s"}}}"""
                .formatted(user, Sha256AuthenticationProvider.getSaltedHashedValue(password));
        CountDownLatch connected = new CountDownLatch(1);
        ZooKeeper zk = new ZooKeeper(zkHost, 30_000, event -> {
            if (event.getState() == Watcher.Event.KeeperState.SyncConnected) {
                connected.countDown();
            }
        });
        try {
            if (!connected.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("ZooKeeper at " + zkHost + " did not answer");
            }
            byte[] data = json.getBytes(StandardCharsets.UTF_8);
            if (zk.exists("/security.json", false) == null) {
                zk.create("/security.json", data, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            } else {
                zk.setData("/security.json", data, -1);
            }
        } finally {
            zk.close();
        }
    }

    private static void node(Path home, int port, String zkHost) throws Exception {
        Path solrXml = home.resolve("solr.xml");
        if (!Files.exists(solrXml)) {
            Files.writeString(solrXml, """
                    <solr>
                      <str name="coreRootDirectory">${coreRootDirectory:.}</str>
                      <solrcloud>
                        <str name="host">127.0.0.1</str>
                        <int name="hostPort">%d</int>
                        <str name="hostContext">solr</str>
                        <str name="zkHost">%s</str>
                        <int name="zkClientTimeout">15000</int>
                        <bool name="genericCoreNodeNames">true</bool>
                        <int name="leaderVoteWait">10000</int>
                      </solrcloud>
                      <metrics enabled="false"/>
                    </solr>
                    """.formatted(port, zkHost));
        }
        System.setProperty("solr.solr.home", home.toString());
        System.setProperty("zkHost", zkHost);
        System.setProperty("hostPort", Integer.toString(port));
        System.setProperty("host", "127.0.0.1");
        System.setProperty("solr.log.dir", home.toString());
        JettySolrRunner jetty = new JettySolrRunner(home.toString(), new Properties(),
                JettyConfig.builder().setPort(port).setContext("/solr").stopAtShutdown(true).build());
        jetty.start();
        ready(jetty.getBaseUrl().toString(), () -> {
            try {
                jetty.stop();
            } catch (Exception e) {
                e.printStackTrace();
            }
        });
    }

    /** Announces the address, then serves until standard input closes or the process is told to stop. */
    private static void ready(String address, Runnable stop) throws IOException {
        Runtime.getRuntime().addShutdownHook(new Thread(stop));
        System.out.println("YUNRAG-SOLR-READY " + address);
        System.out.flush();
        if (Boolean.getBoolean("yunrag.solr.stop-on-stdin-eof")) {
            while (System.in.read() >= 0) {
                // keep serving while the parent holds the pipe open
            }
            System.exit(0); // runs the shutdown hook
        }
        // otherwise serve until stopped (Ctrl-C or kill): the server threads keep the process alive
    }

    private static void waitForPort(int port) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("ZooKeeper did not open port " + port);
    }
}

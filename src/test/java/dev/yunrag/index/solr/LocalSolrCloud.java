package dev.yunrag.index.solr;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.impl.CloudSolrClient;
import org.apache.solr.common.cloud.ClusterState;
import org.apache.solr.common.cloud.DocCollection;
import org.apache.solr.common.cloud.Replica;

/**
 * A real SolrCloud on this machine for tests: ZooKeeper and each Solr node in a child JVM of its own
 * (solr-cluster/SolrClusterNode.java run by Java's source launcher on the classpath solr-cluster/pom.xml resolves), so
 * Solr's Lucene 9 never meets this JVM's Lucene 10, and {@link #killNode} is a real {@code kill -9} of a node process.
 * Basic auth is on, so every test also proves the client sends the credentials. The children stop when this JVM ends
 * (they watch their standard input), even if it ends without {@link #close()}.
 */
public final class LocalSolrCloud implements AutoCloseable {

    public static final String USER = "yunrag";
    public static final String PASSWORD = "solr-test-secret";
    private static final String READY = "YUNRAG-SOLR-READY ";
    private static final Duration BOOT_TIMEOUT = Duration.ofMinutes(3);

    private final Path dir;
    private final String classpath;
    private Child zookeeper;
    private final int zkPort;
    private final List<Child> nodes = new ArrayList<>();
    private final List<Integer> nodePorts = new ArrayList<>();
    private final Duration bootTime;

    /** A child process and the address it announced. */
    private record Child(Process process, String address) {
    }

    /** A cluster started elsewhere (with the same credentials), for iterating on tests without a boot each run. */
    private LocalSolrCloud(List<String> urls) {
        this.dir = null;
        this.classpath = null;
        this.zookeeper = null;
        this.zkPort = 0;
        urls.forEach(url -> nodes.add(new Child(null, url)));
        this.bootTime = Duration.ZERO;
    }

    /**
     * The cluster at {@code urls} (comma-separated), started by hand as docs/scale-out.md shows with user
     * {@link #USER} and password {@link #PASSWORD}; node kills are not possible on it.
     */
    public static LocalSolrCloud external(String urls) {
        return new LocalSolrCloud(List.of(urls.split(",")));
    }

    private LocalSolrCloud(Path dir, int nodeCount) throws IOException {
        long started = System.nanoTime();
        this.dir = dir;
        this.classpath = SolrClasspath.resolve(projectDir());
        this.zkPort = freePort();
        this.zookeeper = startZooKeeper();
        List<CompletableFuture<Child>> booting = new ArrayList<>();
        for (int i = 0; i < nodeCount; i++) {
            int port = freePort();
            nodePorts.add(port);
            int n = i;
            booting.add(CompletableFuture.supplyAsync(() -> startNode(n, port)));
        }
        for (CompletableFuture<Child> node : booting) {
            nodes.add(node.join());
        }
        this.bootTime = Duration.ofNanos(System.nanoTime() - started);
    }

    /** Boots ZooKeeper and {@code nodeCount} Solr nodes under {@code dir}; returns when all serve. */
    public static LocalSolrCloud start(Path dir, int nodeCount) {
        try {
            return new LocalSolrCloud(dir, nodeCount);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the local SolrCloud", e);
        }
    }

    public String zkHost() {
        return zookeeper.address();
    }

    /** Base URLs of the running nodes, such as {@code http://127.0.0.1:PORT/solr}. */
    public List<String> nodeUrls() {
        return nodes.stream().filter(n -> n != null && (n.process() == null || n.process().isAlive()))
                .map(Child::address).toList();
    }

    /** False for a cluster started elsewhere ({@link #external}): its nodes cannot be killed from here. */
    public boolean managesProcesses() {
        return zookeeper != null;
    }

    /** How long ZooKeeper and the nodes took to serve, from the first process start. */
    public Duration bootTime() {
        return bootTime;
    }

    /** Settings reaching this cluster through its nodes' URLs, with its credentials. */
    public SolrSettings settings(int shards, int replicas) {
        return SolrSettings.ofUrls(nodeUrls(), shards, replicas).withCredentials(USER, PASSWORD);
    }

    /** {@code kill -9} of node {@code n}'s process; its data stays for {@link #restartNode}. */
    public void killNode(int n) throws InterruptedException {
        Process process = nodes.get(n).process();
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** Starts node {@code n} again on its port and data, so it takes its replicas back. */
    public void restartNode(int n) {
        nodes.set(n, startNode(n, nodePorts.get(n)));
    }

    /**
     * Stops node {@code n}'s process with SIGSTOP: it keeps its sockets open but answers nothing (a hung JVM, a long
     * GC pause), so requests to it time out rather than fail at once; {@link #resumeNode} continues it.
     */
    public void pauseNode(int n) {
        signal(n, "STOP");
    }

    /** SIGCONT of a node {@link #pauseNode paused} before. */
    public void resumeNode(int n) {
        signal(n, "CONT");
    }

    private void signal(int n, String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(nodes.get(n).process().pid()))
                    .inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + signal + " of node " + (n + 1) + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code kill -9} of every node and of ZooKeeper: the whole cluster is gone; its data stays for {@link #restartAll}. */
    public void killAll() throws InterruptedException {
        for (int n = 0; n < nodes.size(); n++) {
            killNode(n);
        }
        zookeeper.process().destroyForcibly();
        zookeeper.process().waitFor(30, TimeUnit.SECONDS);
    }

    /** Starts ZooKeeper and then every node again, on their ports and data, after {@link #killAll}. */
    public void restartAll() {
        zookeeper = startZooKeeper();
        List<CompletableFuture<Child>> booting = new ArrayList<>();
        for (int n = 0; n < nodes.size(); n++) {
            int i = n;
            booting.add(CompletableFuture.supplyAsync(() -> startNode(i, nodePorts.get(i))));
        }
        for (int n = 0; n < nodes.size(); n++) {
            nodes.set(n, booting.get(n).join());
        }
    }

    /**
     * Waits (up to 3 minutes) until every replica of these collections is active on a live node: after a node comes
     * back it recovers its replicas from their leaders first.
     */
    public void awaitAllReplicasActive(String... collections) {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        try (SolrClient client = SolrClients.client(settings(1, 1))) {
            // a node killed -9 leaves its replicas marked active until it is back and republishes them: the state
            // must hold for a few checks in a row
            int inARow = 0;
            while (inARow < 3) {
                inARow = allActive(client, collections) ? inARow + 1 : 0;
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Replicas of " + List.of(collections) + " not active after 3 min");
                }
                Thread.sleep(2_000);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean allActive(SolrClient client, String[] collections) {
        try {
            ClusterState state = ((CloudSolrClient) client).getClusterState();
            for (String name : collections) {
                DocCollection collection = state.getCollectionOrNull(name);
                if (collection == null || !collection.getReplicas().stream().allMatch(r ->
                        r.getState() == Replica.State.ACTIVE && state.getLiveNodes().contains(r.getNodeName()))) {
                    return false;
                }
            }
            return true;
        } catch (RuntimeException e) {
            return false; // the cluster is still starting
        }
    }

    private Child startZooKeeper() {
        try {
            return start("zk", List.of("zk", dir.resolve("zk").toString(), Integer.toString(zkPort), USER, PASSWORD),
                    "64m");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Child startNode(int n, int port) {
        try {
            return start("node" + (n + 1), List.of("node", dir.resolve("node" + (n + 1)).toString(),
                    Integer.toString(port), zookeeper.address()), "512m");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Child start(String name, List<String> args, String heap) throws IOException {
        Path project = projectDir();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "-XX:+UseSerialGC",
                "-Dyunrag.solr.stop-on-stdin-eof=true",
                "-Dlog4j2.configurationFile=" + project.resolve("solr-cluster/log4j2.xml"),
                "-cp", classpath,
                project.resolve("solr-cluster/SolrClusterNode.java").toString()));
        command.addAll(args);
        Files.createDirectories(dir);
        Path log = dir.resolve(name + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        CompletableFuture<String> address = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("solr-" + name + "-output").start(() -> copyOutput(process, log, address));
        try {
            return new Child(process, address.get(BOOT_TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IllegalStateException("Solr " + name + " did not start; see " + log, e);
        }
    }

    /** Copies a child's output to its log file and completes {@code address} at its ready line. */
    private static void copyOutput(Process process, Path log, CompletableFuture<String> address) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
             PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8), true)) {
            String line;
            while ((line = in.readLine()) != null) {
                out.println(line);
                if (line.startsWith(READY)) {
                    address.complete(line.substring(READY.length()).trim());
                }
            }
        } catch (IOException e) {
            address.completeExceptionally(e);
        }
        // the output ends a moment before the process is reaped (a kill -9, the JVM ending)
        address.completeExceptionally(new IllegalStateException(process.isAlive() ? "closed its output"
                : "exited with " + process.exitValue()));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static Path projectDir() {
        return Path.of("").toAbsolutePath();
    }

    /** Stops the nodes, then ZooKeeper, each by closing its standard input (a clean shutdown), else by force. */
    @Override
    public void close() {
        for (Child node : nodes) {
            stop(node);
        }
        stop(zookeeper);
    }

    private static void stop(Child child) {
        if (child == null || child.process() == null || !child.process().isAlive()) {
            return;
        }
        try {
            child.process().getOutputStream().close();
            if (!child.process().waitFor(30, TimeUnit.SECONDS)) {
                child.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            child.process().destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            child.process().destroyForcibly();
        }
    }
}

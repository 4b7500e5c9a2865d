package dev.yunrag.index.solr;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where the SolrCloud cluster is and how YunRAG lays out its collections there ({@code yunrag.solr.*},
 * docs/configuration.md). Exactly one of {@code zkHosts} and {@code solrUrls} is used: ZooKeeper hosts when given
 * (the client then follows the cluster state as it changes), else Solr base URLs (the client asks those nodes for the
 * cluster state over HTTP).
 *
 * @param zkHosts        ZooKeeper {@code host:port} entries, optionally with a chroot on the last one
 * @param solrUrls       Solr base URLs such as {@code http://solr1:8983/solr}
 * @param user           basic auth user, or null for none
 * @param password       basic auth password (never logged: {@link #toString()} leaves it out)
 * @param shards         shards of a collection YunRAG creates
 * @param replicas       replicas per shard of a collection YunRAG creates
 * @param requestTimeout how long one Solr request may take before it fails
 * @param connectTimeout how long opening a connection to a Solr node may take before it fails (a host that drops
 *                       packets instead of refusing them waits this long)
 */
public record SolrSettings(List<String> zkHosts, List<String> solrUrls, String user, String password, int shards,
                           int replicas, Duration requestTimeout, Duration connectTimeout) {

    public SolrSettings {
        zkHosts = zkHosts == null ? List.of() : List.copyOf(zkHosts);
        solrUrls = solrUrls == null ? List.of() : List.copyOf(solrUrls);
        if (zkHosts.isEmpty() && solrUrls.isEmpty()) {
            throw new IllegalArgumentException("The Solr backend needs yunrag.solr.zk-hosts or yunrag.solr.urls");
        }
        if (shards < 1 || replicas < 1) {
            throw new IllegalArgumentException("yunrag.solr.shards and yunrag.solr.replicas must be at least 1, got "
                    + shards + " and " + replicas);
        }
        if ((user == null) != (password == null)) {
            throw new IllegalArgumentException("Set both yunrag.solr.user and yunrag.solr.password, or neither");
        }
        if (requestTimeout == null) {
            requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        }
        if (connectTimeout == null) {
            connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        }
        if (requestTimeout.isNegative() || requestTimeout.isZero() || connectTimeout.isNegative()
                || connectTimeout.isZero()) {
            throw new IllegalArgumentException(REQUEST_TIMEOUT + " and " + CONNECT_TIMEOUT + " must be positive, got "
                    + requestTimeout + " and " + connectTimeout);
        }
    }

    /** Settings with the default connect timeout. */
    public SolrSettings(List<String> zkHosts, List<String> solrUrls, String user, String password, int shards,
                        int replicas, Duration requestTimeout) {
        this(zkHosts, solrUrls, user, password, shards, replicas, requestTimeout, null);
    }

    /** Which backend holds the collections: {@code lucene} (default) or {@code solr}. */
    public static final String BACKEND = "yunrag.index.backend";

    /** The configuration keys (docs/configuration.md, "SolrCloud backend"). */
    public static final String ZK_HOSTS = "yunrag.solr.zk-hosts";
    public static final String URLS = "yunrag.solr.urls";
    public static final String USER = "yunrag.solr.user";
    public static final String PASSWORD = "yunrag.solr.password";
    public static final String SHARDS = "yunrag.solr.shards";
    public static final String REPLICAS = "yunrag.solr.replicas";
    public static final String REQUEST_TIMEOUT = "yunrag.solr.request-timeout";
    public static final int DEFAULT_SHARDS = 2;
    public static final int DEFAULT_REPLICAS = 2;
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
    public static final String CONNECT_TIMEOUT = "yunrag.solr.connect-timeout";
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    /**
     * Settings from configuration values by key (null or blank when unset), with the documented defaults; lists are
     * comma-separated, the timeouts are in Quarkus' duration form ({@code 30s}, {@code 2m}) or ISO-8601.
     */
    public static SolrSettings fromProperties(Function<String, String> values) {
        return new SolrSettings(list(values.apply(ZK_HOSTS)), list(values.apply(URLS)), blankToNull(values.apply(USER)),
                blankToNull(values.apply(PASSWORD)), number(values.apply(SHARDS), DEFAULT_SHARDS, SHARDS),
                number(values.apply(REPLICAS), DEFAULT_REPLICAS, REPLICAS),
                duration(values.apply(REQUEST_TIMEOUT), DEFAULT_REQUEST_TIMEOUT, REQUEST_TIMEOUT),
                duration(values.apply(CONNECT_TIMEOUT), DEFAULT_CONNECT_TIMEOUT, CONNECT_TIMEOUT));
    }

    /**
     * True when {@link #BACKEND} names {@code solr}, false for {@code lucene} or unset.
     *
     * @throws IllegalArgumentException any other value, naming the key and the choices
     */
    public static boolean solrSelected(Function<String, String> values) {
        String backend = values.apply(BACKEND);
        if (backend == null || backend.isBlank() || backend.trim().equals("lucene")) {
            return false;
        }
        if (backend.trim().equals("solr")) {
            return true;
        }
        throw new IllegalArgumentException("Unknown " + BACKEND + " '" + backend + "': use lucene or solr");
    }

    private static List<String> list(String value) {
        return value == null || value.isBlank() ? List.of()
                : Arrays.stream(value.split(",")).map(String::trim).filter(v -> !v.isEmpty()).toList();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static int number(String value, int fallback, String key) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, got '" + value + "'");
        }
    }

    private static Duration duration(String value, Duration fallback, String key) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        String v = value.trim();
        try {
            if (v.startsWith("P") || v.startsWith("p")) {
                return Duration.parse(v);
            }
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            }
            long amount = Long.parseLong(v.substring(0, v.length() - 1));
            return switch (v.charAt(v.length() - 1)) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                default -> Duration.ofSeconds(Long.parseLong(v));
            };
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(key + " must be a duration such as 30s, got '" + value + "'");
        }
    }

    /** ZooKeeper hosts without the chroot, which Solr takes separately. */
    List<String> zkHostsWithoutChroot() {
        List<String> hosts = new java.util.ArrayList<>(zkHosts);
        String last = hosts.getLast();
        int slash = last.indexOf('/');
        if (slash >= 0) {
            hosts.set(hosts.size() - 1, last.substring(0, slash));
        }
        return hosts;
    }

    /** The chroot written after the last ZooKeeper host ({@code zk3:2181/solr}), if any. */
    Optional<String> zkChroot() {
        String last = zkHosts.getLast();
        int slash = last.indexOf('/');
        return slash >= 0 && slash < last.length() - 1 ? Optional.of(last.substring(slash)) : Optional.empty();
    }

    /** Settings for a cluster reached through Solr URLs, without authentication. */
    public static SolrSettings ofUrls(List<String> solrUrls, int shards, int replicas) {
        return new SolrSettings(List.of(), solrUrls, null, null, shards, replicas, null);
    }

    /** The same cluster with these basic auth credentials. */
    public SolrSettings withCredentials(String newUser, String newPassword) {
        return new SolrSettings(zkHosts, solrUrls, newUser, newPassword, shards, replicas, requestTimeout,
                connectTimeout);
    }

    /** The same cluster, creating collections of this layout. */
    public SolrSettings withLayout(int newShards, int newReplicas) {
        return new SolrSettings(zkHosts, solrUrls, user, password, newShards, newReplicas, requestTimeout,
                connectTimeout);
    }

    /** The same cluster with these timeouts. */
    public SolrSettings withTimeouts(Duration newRequestTimeout, Duration newConnectTimeout) {
        return new SolrSettings(zkHosts, solrUrls, user, password, shards, replicas, newRequestTimeout,
                newConnectTimeout);
    }

    public boolean hasCredentials() {
        return user != null;
    }

    /** Leaves the password out: settings are logged and shown in errors. */
    @Override
    public String toString() {
        return "SolrSettings[" + (zkHosts.isEmpty() ? "urls=" + solrUrls : "zkHosts=" + zkHosts)
                + (user == null ? "" : ", user=" + user + ", password=***") + ", shards=" + shards
                + ", replicas=" + replicas + ", requestTimeout=" + requestTimeout + ", connectTimeout=" + connectTimeout
                + "]";
    }
}

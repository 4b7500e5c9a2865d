package dev.yunrag.index.solr;

import java.time.Duration;
import java.util.List;

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
 */
public record SolrSettings(List<String> zkHosts, List<String> solrUrls, String user, String password, int shards,
                           int replicas, Duration requestTimeout) {

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
            requestTimeout = Duration.ofSeconds(30);
        }
    }

    /** Settings for a cluster reached through Solr URLs, without authentication. */
    public static SolrSettings ofUrls(List<String> solrUrls, int shards, int replicas) {
        return new SolrSettings(List.of(), solrUrls, null, null, shards, replicas, null);
    }

    /** The same cluster with these basic auth credentials. */
    public SolrSettings withCredentials(String newUser, String newPassword) {
        return new SolrSettings(zkHosts, solrUrls, newUser, newPassword, shards, replicas, requestTimeout);
    }

    /** The same cluster, creating collections of this layout. */
    public SolrSettings withLayout(int newShards, int newReplicas) {
        return new SolrSettings(zkHosts, solrUrls, user, password, newShards, newReplicas, requestTimeout);
    }

    public boolean hasCredentials() {
        return user != null;
    }

    /** Leaves the password out: settings are logged and shown in errors. */
    @Override
    public String toString() {
        return "SolrSettings[" + (zkHosts.isEmpty() ? "urls=" + solrUrls : "zkHosts=" + zkHosts)
                + (user == null ? "" : ", user=" + user + ", password=***") + ", shards=" + shards
                + ", replicas=" + replicas + ", requestTimeout=" + requestTimeout + "]";
    }
}

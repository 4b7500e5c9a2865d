package dev.yunrag.index.solr;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.SolrRequest;
import org.apache.solr.client.solrj.impl.CloudHttp2SolrClient;
import org.apache.solr.client.solrj.impl.Http2SolrClient;
import org.apache.solr.client.solrj.request.CollectionAdminRequest;
import org.apache.solr.client.solrj.request.ConfigSetAdminRequest;
import org.apache.solr.client.solrj.request.GenericSolrRequest;
import org.apache.solr.common.util.NamedList;

/**
 * The SolrJ client YunRAG talks to SolrCloud with, and the cluster-level calls it needs. The password goes only into
 * the HTTP client's basic auth header; it is never put into a message.
 */
public final class SolrClients {

    /** The oldest Solr this backend is tested with; older ones are refused at connect. */
    public static final String MINIMUM_VERSION = "9.10.0";

    private SolrClients() {
    }

    /**
     * A cloud client for {@code settings}, after checking the cluster answers and runs a Solr this backend supports.
     *
     * @throws IllegalStateException the Solr is too old, or not reachable
     */
    public static SolrClient connect(SolrSettings settings) {
        SolrClient client = client(settings);
        try {
            String version = version(client);
            checkVersion(version);
            return client;
        } catch (RuntimeException e) {
            closeQuietly(client);
            throw e;
        }
    }

    static SolrClient client(SolrSettings settings) {
        Http2SolrClient.Builder http = new Http2SolrClient.Builder()
                .withConnectionTimeout(settings.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .withRequestTimeout(settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .withIdleTimeout(settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
        if (settings.hasCredentials()) {
            http.withBasicAuthCredentials(settings.user(), settings.password());
        }
        CloudHttp2SolrClient.Builder cloud = settings.zkHosts().isEmpty()
                ? new CloudHttp2SolrClient.Builder(settings.solrUrls())
                : new CloudHttp2SolrClient.Builder(settings.zkHostsWithoutChroot(), settings.zkChroot());
        return cloud.withHttpClientBuilder(http).build();
    }

    /** The cluster's Solr version ({@code solr-spec-version}). */
    static String version(SolrClient client) {
        NamedList<Object> info = SolrCalls.call("(none)", "read the system info", () -> client.request(
                new GenericSolrRequest(SolrRequest.METHOD.GET, "/admin/info/system").setRequiresCollection(false)));
        Object lucene = info.get("lucene");
        Object version = lucene instanceof Map<?, ?> map ? map.get("solr-spec-version")
                : lucene instanceof NamedList<?> list ? list.get("solr-spec-version") : null;
        if (version == null) {
            throw new IllegalStateException("Solr did not report its version (/admin/info/system)");
        }
        return version.toString();
    }

    /** Refuses a Solr older than {@link #MINIMUM_VERSION}, or of another major version than 9. */
    static void checkVersion(String version) {
        int[] have = numbers(version);
        int[] need = numbers(MINIMUM_VERSION);
        boolean older = have[0] < need[0] || (have[0] == need[0] && (have[1] < need[1]
                || (have[1] == need[1] && have[2] < need[2])));
        if (older || have[0] > 9) {
            throw new IllegalStateException("Solr " + version + " is not supported: YunRAG's Solr backend needs Solr"
                    + " 9 from " + MINIMUM_VERSION + " on (its configset and queries are written for Solr 9).");
        }
    }

    private static int[] numbers(String version) {
        String[] parts = version.split("[.-]");
        int[] numbers = new int[3];
        for (int i = 0; i < 3 && i < parts.length; i++) {
            try {
                numbers[i] = Integer.parseInt(parts[i]);
            } catch (NumberFormatException e) {
                numbers[i] = 0;
            }
        }
        return numbers;
    }

    /** Every collection of the cluster with its configset name. */
    @SuppressWarnings("unchecked")
    static Map<String, String> collectionConfigs(SolrClient client) {
        NamedList<Object> status = SolrCalls.call("(all)", "read the cluster status",
                () -> CollectionAdminRequest.getClusterStatus().process(client).getResponse());
        Map<String, String> configs = new TreeMap<>();
        Object cluster = status.get("cluster");
        Object collections = cluster instanceof NamedList<?> c ? c.get("collections")
                : cluster instanceof Map<?, ?> m ? m.get("collections") : null;
        if (collections instanceof NamedList<?> list) {
            list.forEach((name, state) -> configs.put(name, configName(state)));
        } else if (collections instanceof Map<?, ?> map) {
            map.forEach((name, state) -> configs.put(name.toString(), configName(state)));
        }
        return configs;
    }

    private static String configName(Object state) {
        Object name = state instanceof Map<?, ?> m ? m.get("configName")
                : state instanceof NamedList<?> l ? l.get("configName") : null;
        return name == null ? "" : name.toString();
    }

    /** Names of the cluster's configsets. */
    static List<String> configsets(SolrClient client) {
        return new ArrayList<>(SolrCalls.call("(all)", "list configsets",
                () -> new ConfigSetAdminRequest.List().process(client).getConfigSets()));
    }

    static void closeQuietly(SolrClient client) {
        try {
            client.close();
        } catch (Exception e) {
            // nothing to add: the caller reports the reason it closes
        }
    }
}

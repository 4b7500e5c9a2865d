package dev.yunrag.e2e.solr;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

/** The service configured for a SolrCloud where nothing answers (a port taken and released). */
public class SolrClusterDownProfile implements QuarkusTestProfile {

    static final String URL = "http://127.0.0.1:" + closedPort() + "/solr";
    static final String PASSWORD = "down-cluster-secret";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "yunrag.index.backend", "solr",
                "yunrag.solr.urls", URL,
                "yunrag.solr.user", "yunrag",
                "yunrag.solr.password", PASSWORD,
                "yunrag.solr.request-timeout", "5s",
                "yunrag.data-dir", "target/test-data-solr-down");
    }

    @Override
    public String getConfigProfile() {
        return "test";
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

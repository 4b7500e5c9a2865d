package dev.yunrag.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/**
 * {@code ask} through a running server: no model to load in this process, so an answer costs the JVM start and the
 * request. The server is found by a quick liveness probe; the key, when the server wants one, comes from
 * {@code YUNRAG_SERVER_KEY}.
 */
final class ServerAsk {

    /**
     * Generous, because a busy machine slows the server's answer; when nothing listens the connection is refused at
     * once, so the wait costs nothing then.
     */
    private static final Duration PROBE = Duration.ofSeconds(3);

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http;
    private final URI base;
    private final String apiKey;

    ServerAsk(String base, String apiKey) {
        this.base = URI.create(base.endsWith("/") ? base : base + "/");
        this.apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey.strip();
        // HTTP/1.1: two requests gain nothing from HTTP/2, whose h2c upgrade costs a short run hundreds of classes.
        HttpClient.Builder http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(PROBE);
        if ("http".equalsIgnoreCase(this.base.getScheme())) {
            http.sslContext(noTls());
        }
        this.http = http.build();
    }

    /**
     * For plain-http servers: without it the client loads the JDK's trust store, a good part of a short run's time,
     * for TLS it never speaks. Trusts nothing, so a redirect to https (not followed anyway) could not go through it.
     */
    private static SSLContext noTls() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[0], new TrustManager[0], null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    URI base() {
        return base;
    }

    /** Whether a YunRAG server answers at the base URL. */
    boolean answers() {
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(base.resolve("q/health/live"))
                    .timeout(PROBE).GET().build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The server's answer as JSON, or the error it gave as an exception whose message says what went wrong. */
    JsonNode ask(String question, String collection, String model) throws IOException, InterruptedException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("question", question);
        Optional.ofNullable(collection).ifPresent(c -> body.put("collection", c));
        Optional.ofNullable(model).ifPresent(m -> body.put("model", m));
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("api/ask"))
                .timeout(Duration.ofMinutes(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode answer = json.readTree(response.body());
        if (response.statusCode() != 200) {
            String detail = answer.path("detail").asText(answer.path("title").asText(response.body()));
            throw new ServerError(response.statusCode(), detail
                    + (response.statusCode() == 401 ? " (set YUNRAG_SERVER_KEY to a key of the server)" : ""));
        }
        return answer;
    }

    /** The server refused the question. */
    static final class ServerError extends IOException {
        final int status;

        ServerError(int status, String message) {
            super(message);
            this.status = status;
        }
    }
}

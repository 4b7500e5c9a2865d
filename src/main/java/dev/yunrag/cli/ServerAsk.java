package dev.yunrag.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code ask} through a running server: no model to load in this process, so an answer costs the JVM start and the
 * request. The server is found by a quick liveness probe; the key, when the server wants one, comes from
 * {@code YUNRAG_SERVER_KEY}. Two blocking requests over {@link HttpURLConnection}: in the thin client's short run it
 * costs a fraction of what {@code java.net.http} does (no selector thread, no TLS set-up for a plain-http server;
 * measured in docs/benchmarks.md).
 */
final class ServerAsk {

    /**
     * Generous, because a busy machine slows the server's answer; when nothing listens the connection is refused at
     * once, so the wait costs nothing then.
     */
    private static final Duration PROBE = Duration.ofSeconds(3);

    /** An answer with a 云网 chat model may take minutes; the server bounds it itself. */
    private static final Duration ANSWER = Duration.ofMinutes(10);

    private final ObjectMapper json = new ObjectMapper();
    private final URI base;
    private final String apiKey;

    ServerAsk(String base, String apiKey) {
        this.base = URI.create(base.endsWith("/") ? base : base + "/");
        this.apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey.strip();
    }

    URI base() {
        return base;
    }

    /** Whether a YunRAG server answers at the base URL. */
    boolean answers() {
        try {
            HttpURLConnection probe = open("q/health/live", PROBE);
            try (InputStream body = probe.getResponseCode() == 200 ? probe.getInputStream() : probe.getErrorStream()) {
                if (body != null) {
                    body.readAllBytes(); // read to the end, so the connection is kept for the question
                }
                return probe.getResponseCode() == 200;
            }
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    /** The server's answer as JSON, or the error it gave as an exception whose message says what went wrong. */
    JsonNode ask(String question, String collection, String model, Integer topK)
            throws IOException, InterruptedException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("question", question);
        Optional.ofNullable(collection).ifPresent(c -> body.put("collection", c));
        Optional.ofNullable(model).ifPresent(m -> body.put("model", m));
        Optional.ofNullable(topK).ifPresent(k -> body.put("topK", k));
        HttpURLConnection request = open("api/ask", ANSWER);
        request.setRequestMethod("POST");
        request.setDoOutput(true);
        request.setRequestProperty("Content-Type", "application/json");
        if (apiKey != null) {
            request.setRequestProperty("Authorization", "Bearer " + apiKey);
        }
        try (OutputStream out = request.getOutputStream()) {
            out.write(json.writeValueAsBytes(body));
        }
        int status = request.getResponseCode();
        String text;
        try (InputStream in = status < 400 ? request.getInputStream() : request.getErrorStream()) {
            text = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (status != 200) {
            throw new ServerError(status, detail(text)
                    + (status == 401 ? " (set YUNRAG_SERVER_KEY to a key of the server)" : ""));
        }
        return json.readTree(text);
    }

    /** The problem's detail (or title) when the server sent one, else what it sent. */
    private String detail(String body) {
        try {
            JsonNode problem = json.readTree(body);
            return problem.path("detail").asText(problem.path("title").asText(body));
        } catch (JsonProcessingException e) {
            return body;
        }
    }

    /** A connection that, like the HTTP client before it, ignores proxy settings and does not follow redirects. */
    private HttpURLConnection open(String path, Duration timeout) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) base.resolve(path).toURL().openConnection(Proxy.NO_PROXY);
        connection.setConnectTimeout((int) PROBE.toMillis());
        connection.setReadTimeout((int) timeout.toMillis());
        connection.setInstanceFollowRedirects(false);
        return connection;
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

package dev.yunrag.yunwang;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.yunrag.yunwang.YunwangException.Kind;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.jboss.logging.Logger;

/**
 * The HTTP layer of one 云网 endpoint: JSON POSTs with authentication, timeouts, retries with back-off, a circuit
 * breaker and a bound on concurrent calls. One instance per endpoint, shared by every model that uses it, so that the
 * bound and the breaker see all traffic to that endpoint.
 */
public final class YunwangHttp {

    private static final Logger LOG = Logger.getLogger(YunwangHttp.class);
    static final ObjectMapper JSON = new ObjectMapper();
    private static final int ERROR_EXCERPT_CHARS = 200;

    private final YunwangEndpoint endpoint;
    private final HttpClient client;
    private final Semaphore permits;
    private final CircuitBreaker breaker;
    private final Backoff backoff;

    public YunwangHttp(YunwangEndpoint endpoint) {
        this.endpoint = endpoint;
        this.client = HttpClient.newBuilder()
                .connectTimeout(endpoint.connectTimeout())
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        this.permits = new Semaphore(endpoint.maxConcurrency(), true);
        this.breaker = new CircuitBreaker(endpoint.breakerThreshold(), endpoint.breakerCoolDown());
        this.backoff = new Backoff(endpoint.retryBaseDelay());
    }

    public YunwangEndpoint endpoint() {
        return endpoint;
    }

    /** The circuit breaker's state ({@code CLOSED}, {@code OPEN}, {@code HALF_OPEN}), for health reports. */
    public String breakerState() {
        return breaker.state().name();
    }

    /** POSTs JSON and returns the parsed JSON response, retrying transient failures. */
    public JsonNode postJson(String path, JsonNode body) {
        byte[] bytes = serialize(body);
        return withRetries(() -> {
            HttpResponse<String> response = exchange(request(path, bytes, "application/json"),
                    BodyHandlers.ofString(StandardCharsets.UTF_8));
            return parse(response.body());
        });
    }

    /**
     * POSTs JSON and hands the response to {@code lines} one line at a time until it returns false (the stream's
     * natural end, e.g. {@code [DONE]}). Retries happen only until the response headers arrive: once a line was
     * delivered, repeating the call would duplicate output, so a later failure ends with STREAM_INTERRUPTED
     * (or TIMEOUT when the total timeout cut it).
     */
    public void postStream(String path, JsonNode body, Predicate<String> lines) {
        byte[] bytes = serialize(body);
        HttpResponse<InputStream> response = withRetries(() -> exchange(request(path, bytes, "text/event-stream"),
                BodyHandlers.ofInputStream()));
        readLines(response.body(), lines);
    }

    private void readLines(InputStream body, Predicate<String> lines) {
        AtomicBoolean timedOut = new AtomicBoolean();
        // A blocked read cannot see a deadline, so the deadline closes the stream under it.
        CompletableFuture<Void> deadline = CompletableFuture.runAsync(() -> {
            timedOut.set(true);
            closeQuietly(body);
        }, CompletableFuture.delayedExecutor(endpoint.totalTimeout().toMillis(), TimeUnit.MILLISECONDS));
        int count = 0;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                count++;
                if (!lines.test(line)) {
                    return;
                }
            }
            throw interrupted(timedOut.get(), count, null);
        } catch (IOException e) {
            throw interrupted(timedOut.get(), count, e);
        } finally {
            deadline.cancel(false);
            permits.release();
        }
    }

    private YunwangException interrupted(boolean timedOut, int lines, IOException cause) {
        if (timedOut) {
            return new YunwangException(Kind.TIMEOUT, endpoint.name(), 200,
                    "stream not finished within the total timeout of " + endpoint.totalTimeout(), cause);
        }
        return new YunwangException(Kind.STREAM_INTERRUPTED, endpoint.name(), 200,
                "stream ended before [DONE] after " + lines + " lines" + (cause == null ? "" : ": " + cause), cause);
    }

    private interface Attempt<T> {
        T run();
    }

    private <T> T withRetries(Attempt<T> attempt) {
        for (int retry = 0; ; retry++) {
            try {
                return attempt.run();
            } catch (YunwangException e) {
                if (!e.isTransient() || retry >= endpoint.maxRetries()) {
                    throw e;
                }
                Duration wait = backoff.delay(retry + 1, e.retryAfter());
                LOG.warnf("%s; retry %d of %d in %d ms", e.getMessage(), retry + 1, endpoint.maxRetries(),
                        wait.toMillis());
                sleep(wait);
            }
        }
    }

    /**
     * One attempt: passes the breaker and the concurrency bound, sends, checks the status. For a streamed body the
     * permit is kept until {@link #readLines} has finished with it.
     */
    private <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        if (!breaker.tryAcquire()) {
            throw new YunwangException(Kind.CIRCUIT_OPEN, endpoint.name(), 0, "circuit open after "
                    + endpoint.breakerThreshold() + " consecutive failures; calls refused for up to "
                    + endpoint.breakerCoolDown());
        }
        try {
            acquirePermit();
        } catch (YunwangException e) {
            // Nothing was sent, so nothing was learnt about the endpoint; but a half-open breaker admitted this call
            // as its one trial and would refuse every later call while it believed the trial still in flight.
            breaker.onNeutral();
            throw e;
        }
        boolean keepPermit = false;
        try {
            HttpResponse<T> response = send(request, handler);
            if (response.statusCode() / 100 != 2) {
                throw statusError(response);
            }
            breaker.onSuccess();
            keepPermit = response.body() instanceof InputStream;
            return response;
        } catch (YunwangException e) {
            if (e.isTransient()) {
                breaker.onFailure();
            } else {
                breaker.onNeutral();
            }
            throw e;
        } finally {
            if (!keepPermit) {
                permits.release();
            }
        }
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        CompletableFuture<HttpResponse<T>> future = client.sendAsync(request, handler);
        try {
            return future.get(endpoint.totalTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new YunwangException(Kind.TIMEOUT, endpoint.name(), 0,
                    "no complete response within the total timeout of " + endpoint.totalTimeout());
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new YunwangException(Kind.UNREACHABLE, endpoint.name(), 0, "interrupted while waiting", e);
        } catch (ExecutionException e) {
            throw transportError(e.getCause());
        }
    }

    private YunwangException transportError(Throwable cause) {
        if (cause instanceof HttpConnectTimeoutException) {
            return new YunwangException(Kind.UNREACHABLE, endpoint.name(), 0,
                    "no connection to " + endpoint.baseUrl() + " within " + endpoint.connectTimeout(), cause);
        }
        if (cause instanceof HttpTimeoutException) {
            return new YunwangException(Kind.TIMEOUT, endpoint.name(), 0,
                    "no response within the first-byte timeout of " + endpoint.firstByteTimeout(), cause);
        }
        return new YunwangException(Kind.UNREACHABLE, endpoint.name(), 0,
                "cannot reach " + endpoint.baseUrl() + ": " + cause, cause);
    }

    private YunwangException statusError(HttpResponse<?> response) {
        int status = response.statusCode();
        String detail = redact(errorExcerpt(response.body()));
        Kind kind;
        String message;
        if (status == 401 || status == 403) {
            kind = Kind.UNAUTHORIZED;
            message = "the API key was refused (check yunrag.api." + endpoint.name() + ".api-key and auth-scheme)";
        } else if (status == 429) {
            kind = Kind.RATE_LIMITED;
            message = "rate limited";
        } else if (status >= 500) {
            kind = Kind.SERVER_ERROR;
            message = "server error";
        } else {
            kind = Kind.BAD_REQUEST;
            message = "request refused";
        }
        YunwangException error = new YunwangException(kind, endpoint.name(), status,
                detail.isEmpty() ? message : message + ": " + detail);
        return error.withRetryAfter(Backoff.parseRetryAfter(
                response.headers().firstValue("Retry-After").orElse(null)));
    }

    /** The server's own error message (OpenAI style {@code error.message}, or {@code message}/{@code detail}). */
    private static String errorExcerpt(Object body) {
        if (body instanceof InputStream stream) {
            try (stream) {
                body = new String(stream.readNBytes(4096), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        }
        String text = body == null ? "" : body.toString().strip();
        try {
            JsonNode json = JSON.readTree(text);
            for (String pointer : new String[] {"/error/message", "/message", "/detail", "/error"}) {
                JsonNode found = json.at(pointer);
                if (found.isTextual()) {
                    text = found.asText();
                    break;
                }
            }
        } catch (JsonProcessingException | RuntimeException notJson) {
            // Keep the raw text: a proxy's HTML error page still says something.
        }
        text = text.replaceAll("\\s+", " ");
        return text.length() > ERROR_EXCERPT_CHARS ? text.substring(0, ERROR_EXCERPT_CHARS) + "…" : text;
    }

    /** Some servers echo the key they refused; it must not reach a log or an error message. */
    private String redact(String text) {
        String key = endpoint.apiKey();
        return key == null || key.isBlank() ? text : text.replace(key.strip(), "***");
    }

    private JsonNode parse(String body) {
        try {
            JsonNode json = JSON.readTree(body);
            if (json == null || !json.isObject()) {
                throw new YunwangException(Kind.MALFORMED_RESPONSE, endpoint.name(), 200, "response is not a JSON object");
            }
            return json;
        } catch (JsonProcessingException e) {
            throw new YunwangException(Kind.MALFORMED_RESPONSE, endpoint.name(), 200,
                    "response is not valid JSON: " + e.getOriginalMessage());
        }
    }

    /** A response that parsed but lacks what the contract promises. */
    public YunwangException malformed(String message) {
        return new YunwangException(Kind.MALFORMED_RESPONSE, endpoint.name(), 200, message);
    }

    private HttpRequest request(String path, byte[] body, String accept) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(endpoint.resolve(path))
                .timeout(endpoint.firstByteTimeout())
                .header("Content-Type", "application/json")
                .header("Accept", accept)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        endpoint.authScheme().headerValue(endpoint.apiKey()).ifPresent(value -> builder.header("Authorization", value));
        return builder.build();
    }

    private void acquirePermit() {
        try {
            if (!permits.tryAcquire(endpoint.totalTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                throw new YunwangException(Kind.TIMEOUT, endpoint.name(), 0, "no free connection slot within "
                        + endpoint.totalTimeout() + " (max-concurrency " + endpoint.maxConcurrency() + ")");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new YunwangException(Kind.UNREACHABLE, endpoint.name(), 0, "interrupted while waiting", e);
        }
    }

    private static byte[] serialize(JsonNode body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise a request body", e);
        }
    }

    private void sleep(Duration wait) {
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new YunwangException(Kind.UNREACHABLE, endpoint.name(), 0, "interrupted during back-off", e);
        }
    }

    private static void closeQuietly(InputStream stream) {
        try {
            stream.close();
        } catch (IOException ignored) {
            // Closing is how the deadline interrupts the reader; a failure to close changes nothing.
        }
    }

    @Override
    public String toString() {
        return "YunwangHttp[" + endpoint + "]";
    }
}

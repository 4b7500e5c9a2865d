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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.jboss.logging.Logger;

/**
 * The HTTP layer of one 云网 endpoint: JSON POSTs with authentication, timeouts, retries with back-off, a circuit
 * breaker and a bound on concurrent calls. One instance per endpoint, shared by every model that uses it, so that the
 * bound and the breaker see all traffic to that endpoint.
 */
public final class YunwangHttp {

    /** A wait for a call slot longer than this means back-pressure (429s shrank the limit) delayed the call. */
    private static final long BACK_PRESSURE_WAIT_NANOS = TimeUnit.SECONDS.toNanos(1);


    private static final Logger LOG = Logger.getLogger(YunwangHttp.class);
    static final ObjectMapper JSON = new ObjectMapper();
    private static final int ERROR_EXCERPT_CHARS = 200;

    private final YunwangEndpoint endpoint;
    private final HttpClient client;
    private final AdaptiveLimiter limiter;
    private final CircuitBreaker breaker;
    private final Backoff backoff;
    private final TimeUnitSetting timeUnit;
    private volatile int lastStatus;

    public YunwangHttp(YunwangEndpoint endpoint) {
        this(endpoint, TimeUnitSetting.SECONDS);
    }

    /** @param timeUnit the unit of the service's {@code prefill_time} and {@code decode_time_arr} (chat only) */
    public YunwangHttp(YunwangEndpoint endpoint, TimeUnitSetting timeUnit) {
        this.endpoint = endpoint;
        this.timeUnit = timeUnit;
        this.client = HttpClient.newBuilder()
                .connectTimeout(endpoint.connectTimeout())
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        this.limiter = new AdaptiveLimiter(endpoint.maxConcurrency());
        this.breaker = new CircuitBreaker(endpoint.breakerThreshold(), endpoint.breakerTimeoutThreshold(),
                endpoint.breakerCoolDown(), System::nanoTime);
        this.backoff = new Backoff(endpoint.retryBaseDelay());
    }

    public YunwangEndpoint endpoint() {
        return endpoint;
    }

    /** The circuit breaker's state ({@code CLOSED}, {@code OPEN}, {@code HALF_OPEN}), for health reports. */
    public String breakerState() {
        return breaker.state().name();
    }

    /** Calls allowed in flight now: {@code max-concurrency}, less while the endpoint answers 429. */
    public int concurrencyLimit() {
        return limiter.limit();
    }

    public TimeUnitSetting timeUnit() {
        return timeUnit;
    }

    /** The HTTP status of the latest response (0 before any), for {@code check-api}. */
    public int lastStatus() {
        return lastStatus;
    }

    /** POSTs JSON and returns the parsed JSON response, retrying transient failures. */
    public JsonNode postJson(String path, JsonNode body) {
        byte[] bytes = serialize(body);
        return withRetries((deadline, backedOff) -> {
            HttpResponse<String> response = exchange(request(path, bytes, "application/json", deadline),
                    BodyHandlers.ofString(StandardCharsets.UTF_8), deadline, backedOff);
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
        HttpResponse<InputStream> response = withRetries((deadline, backedOff) -> exchange(
                request(path, bytes, "text/event-stream", deadline), BodyHandlers.ofInputStream(), deadline,
                backedOff));
        readLines(response.body(), lines);
    }

    private void readLines(InputStream body, Predicate<String> lines) {
        AtomicBoolean timedOut = new AtomicBoolean();
        AtomicBoolean nothingWithinBudget = new AtomicBoolean();
        AtomicInteger count = new AtomicInteger();
        // A blocked read cannot see a deadline, so the deadline closes the stream under it.
        CompletableFuture<Void> deadline = CompletableFuture.runAsync(() -> {
            timedOut.set(true);
            closeQuietly(body);
        }, CompletableFuture.delayedExecutor(endpoint.totalTimeout().toMillis(), TimeUnit.MILLISECONDS));
        // Under a question's deadline, headers without a first line by then are as good as no answer.
        Long budget = CallBudget.current();
        CompletableFuture<Void> firstLine = budget == null ? CompletableFuture.completedFuture(null)
                : CompletableFuture.runAsync(() -> {
                    if (count.get() == 0) {
                        nothingWithinBudget.set(true);
                        closeQuietly(body);
                    }
                }, CompletableFuture.delayedExecutor(Math.max(1, (budget - System.nanoTime()) / 1_000_000),
                        TimeUnit.MILLISECONDS));
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                count.incrementAndGet();
                if (!lines.test(line)) {
                    return;
                }
            }
            throw interrupted(timedOut.get(), nothingWithinBudget.get(), count.get(), null);
        } catch (IOException e) {
            throw interrupted(timedOut.get(), nothingWithinBudget.get(), count.get(), e);
        } finally {
            deadline.cancel(false);
            firstLine.cancel(false);
            limiter.release();
        }
    }

    private YunwangException interrupted(boolean timedOut, boolean nothingWithinBudget, int lines,
                                         IOException cause) {
        if (nothingWithinBudget) {
            breaker.onDeadlineTimeout();
            return new YunwangException(Kind.TIMEOUT, endpoint.name(), 200,
                    "the stream started but sent nothing within the question's budget", cause);
        }
        if (timedOut) {
            return new YunwangException(Kind.TIMEOUT, endpoint.name(), 200,
                    "stream not finished within the total timeout of " + endpoint.totalTimeout(), cause);
        }
        return new YunwangException(Kind.STREAM_INTERRUPTED, endpoint.name(), 200,
                "stream ended before [DONE] after " + lines + " lines" + (cause == null ? "" : ": " + cause), cause);
    }

    /** One attempt, given the moment ({@link System#nanoTime()}) it must have its first byte by, or null. */
    private interface Attempt<T> {
        /** @param backedOff whether this call already waited out 429s */
        T run(Long deadline, boolean backedOff);
    }

    /**
     * Retries transient failures. A 429 is back-pressure, not a fault: it does not use up {@code max-retries} and
     * waits as the server asks, for as long as the caller's budget allows (a question's deadline, else the
     * endpoint's total timeout), so a burst of 429s slows the work down instead of failing it.
     */
    private <T> T withRetries(Attempt<T> attempt) {
        Long deadline = CallBudget.current();
        long rateLimitEnd = deadline != null ? deadline : System.nanoTime() + endpoint.totalTimeout().toNanos();
        int retries = 0;
        int rateLimits = 0;
        for (;;) {
            try {
                return attempt.run(deadline, rateLimits > 0);
            } catch (YunwangException e) {
                boolean rateLimited = e.kind() == Kind.RATE_LIMITED;
                if (!e.isTransient() || (!rateLimited && retries >= endpoint.maxRetries())) {
                    throw e;
                }
                Duration wait = backoff.delay(rateLimited ? Math.min(++rateLimits, 6) : retries + 1, e.retryAfter());
                long resumeAt = System.nanoTime() + wait.toNanos();
                if (rateLimited && resumeAt - rateLimitEnd >= 0) {
                    throw new YunwangException(Kind.RATE_LIMITED, endpoint.name(), 429, "still rate limited after "
                            + rateLimits + " attempts; " + (deadline != null ? "the question's deadline"
                            : "the total timeout of " + endpoint.totalTimeout()) + " ends before the next", e);
                }
                if (!rateLimited && deadline != null && resumeAt - deadline >= 0) {
                    throw e;
                }
                if (!rateLimited) {
                    retries++;
                }
                LOG.warnf("%s; %s in %d ms", e.getMessage(), rateLimited ? "waiting to retry (back-pressure)"
                        : "retry " + retries + " of " + endpoint.maxRetries(), wait.toMillis());
                sleep(wait);
            }
        }
    }

    /**
     * One attempt: passes the breaker and the concurrency limit, sends, checks the status. For a streamed body the
     * slot is kept until {@link #readLines} has finished with it.
     */
    private <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> handler, Long deadline,
                                         boolean backedOff) {
        if (!breaker.tryAcquire()) {
            throw new YunwangException(Kind.CIRCUIT_OPEN, endpoint.name(), 0, "circuit open after "
                    + endpoint.breakerThreshold() + " consecutive failures (or " + endpoint.breakerTimeoutThreshold()
                    + " timed-out question calls); calls refused for up to " + endpoint.breakerCoolDown());
        }
        long slotWait = System.nanoTime();
        try {
            acquireSlot(deadline);
            slotWait = System.nanoTime() - slotWait;
        } catch (YunwangException e) {
            // Nothing was sent, so nothing was learnt about the endpoint; but a half-open breaker admitted this call
            // as its one trial and would refuse every later call while it believed the trial still in flight.
            breaker.onNeutral();
            throw e;
        }
        boolean keepSlot = false;
        boolean delayedByBackPressure = backedOff || slotWait > BACK_PRESSURE_WAIT_NANOS;
        try {
            HttpResponse<T> response = send(request, handler, deadline);
            lastStatus = response.statusCode();
            if (response.statusCode() / 100 != 2) {
                throw statusError(response);
            }
            breaker.onSuccess();
            limiter.onSuccess();
            keepSlot = response.body() instanceof InputStream;
            return response;
        } catch (YunwangException e) {
            if (e.kind() == Kind.RATE_LIMITED) {
                // Back-pressure says nothing bad about the endpoint's health: the limiter, not the breaker, reacts.
                limiter.onRateLimited(e.retryAfter());
                breaker.onNeutral();
            } else if (e.kind() == Kind.TIMEOUT && deadline != null) {
                // A call sent with what little budget a question had left after waiting out 429s says nothing
                // about the endpoint's health; only one that back-pressure did not delay opens the breaker.
                if (!delayedByBackPressure) {
                    breaker.onDeadlineTimeout();
                } else {
                    breaker.onNeutral();
                }
            } else if (e.isTransient()) {
                breaker.onFailure();
            } else {
                breaker.onNeutral();
            }
            throw e;
        } finally {
            if (!keepSlot) {
                limiter.release();
            }
        }
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler, Long deadline) {
        AtomicInteger headersStatus = new AtomicInteger();
        HttpResponse.BodyHandler<T> watched = info -> {
            headersStatus.set(info.statusCode());
            return handler.apply(info);
        };
        CompletableFuture<HttpResponse<T>> future = client.sendAsync(request, watched);
        long waitMillis = endpoint.totalTimeout().toMillis();
        boolean budgetShorter = false;
        if (deadline != null) {
            long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
            budgetShorter = left < waitMillis;
            waitMillis = Math.min(waitMillis, left);
        }
        try {
            return future.get(waitMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new YunwangException(Kind.TIMEOUT, endpoint.name(), 0, budgetShorter
                    ? "no response within the question's remaining budget of " + waitMillis + " ms"
                    : "no complete response within the total timeout of " + endpoint.totalTimeout());
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new YunwangException(Kind.UNREACHABLE, endpoint.name(), 0, "interrupted while waiting", e);
        } catch (ExecutionException e) {
            // The request's own timeout is the question's remaining budget when that is shorter (request()), and it
            // may fire just before the wait above does: the same event, named the same way.
            if (budgetShorter && headersStatus.get() == 0 && e.getCause() instanceof HttpTimeoutException
                    && !(e.getCause() instanceof HttpConnectTimeoutException)) {
                throw new YunwangException(Kind.TIMEOUT, endpoint.name(), 0,
                        "no response within the question's remaining budget of " + waitMillis + " ms", e.getCause());
            }
            throw transportError(e.getCause(), headersStatus.get());
        }
    }

    /** Says which of connect failure, timeout and a body cut off after its headers it was. */
    private YunwangException transportError(Throwable cause, int headersStatus) {
        if (headersStatus > 0) {
            lastStatus = headersStatus;
            return new YunwangException(Kind.TRUNCATED_RESPONSE, endpoint.name(), headersStatus,
                    "the response body was cut off after its headers: " + cause.getMessage(), cause);
        }
        if (cause instanceof HttpConnectTimeoutException) {
            return new YunwangException(Kind.UNREACHABLE, endpoint.name(), 0,
                    "connect timeout: no connection to " + endpoint.baseUrl() + " within "
                    + endpoint.connectTimeout(), cause);
        }
        if (cause instanceof HttpTimeoutException) {
            return new YunwangException(Kind.TIMEOUT, endpoint.name(), 0,
                    "no response headers within the first-byte timeout", cause);
        }
        if (cause instanceof java.net.ConnectException) {
            return new YunwangException(Kind.UNREACHABLE, endpoint.name(), 0,
                    "connection refused: nothing answers at " + endpoint.baseUrl(), cause);
        }
        return new YunwangException(Kind.UNREACHABLE, endpoint.name(), 0,
                "connection lost before a response from " + endpoint.baseUrl() + ": " + cause, cause);
    }

    private YunwangException statusError(HttpResponse<?> response) {
        int status = response.statusCode();
        String detail = redact(errorExcerpt(response.body()));
        Kind kind;
        String message;
        if (status == 401 || status == 403) {
            kind = Kind.UNAUTHORIZED;
            message = endpoint.missingKey()
                    ? "no key configured for " + endpoint.name() + " (set YUNRAG_API_KEY or yunrag.api."
                    + endpoint.name() + ".api-key)"
                    : "key refused (" + status + "): the API key was refused (check yunrag.api." + endpoint.name()
                    + ".api-key and auth-scheme)";
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

    private HttpRequest request(String path, byte[] body, String accept, Long deadline) {
        Duration firstByte = endpoint.firstByteTimeout();
        if (deadline != null) {
            Duration left = Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime()));
            firstByte = left.compareTo(firstByte) < 0 ? left : firstByte;
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(endpoint.resolve(path))
                .timeout(firstByte)
                .header("Content-Type", "application/json")
                .header("Accept", accept)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        endpoint.authScheme().headerValue(endpoint.apiKey()).ifPresent(value -> builder.header("Authorization", value));
        return builder.build();
    }

    private void acquireSlot(Long deadline) {
        long waitUntil = System.nanoTime() + endpoint.totalTimeout().toNanos();
        if (deadline != null && deadline - waitUntil < 0) {
            waitUntil = deadline;
        }
        try {
            if (!limiter.acquire(waitUntil)) {
                throw new YunwangException(Kind.TIMEOUT, endpoint.name(), 0, "no free call slot in time (limit "
                        + limiter.limit() + " of max-concurrency " + endpoint.maxConcurrency() + ")");
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

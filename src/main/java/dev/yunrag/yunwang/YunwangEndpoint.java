package dev.yunrag.yunwang;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how to reach one 云网 endpoint, and how patient to be with it. {@link #toString()} hides the key.
 *
 * @param name             {@code chat}, {@code embedding} or {@code rerank}: used in errors and logs
 * @param baseUrl          "http://host:port", without the {@code /v1/...} path
 * @param apiKey           may be null or blank (then no Authorization header is sent)
 * @param connectTimeout   to open the TCP connection
 * @param firstByteTimeout until the response status and headers arrive (the 72B model may think a while)
 * @param totalTimeout     for a whole non-streaming call, and for a whole stream
 * @param maxRetries       extra attempts after a transient failure (429, 5xx, timeout, lost connection)
 * @param retryBaseDelay   first back-off delay; doubled per attempt, with jitter
 * @param maxConcurrency   calls in flight at once to this endpoint
 * @param breakerThreshold consecutive transient failures that open the circuit
 * @param breakerCoolDown  how long an open circuit refuses calls before letting one trial through
 * @param breakerTimeoutThreshold consecutive timeouts of calls under a question's deadline that open the circuit
 */
public record YunwangEndpoint(String name, URI baseUrl, String apiKey, AuthScheme authScheme,
        Duration connectTimeout, Duration firstByteTimeout, Duration totalTimeout, int maxRetries,
        Duration retryBaseDelay, int maxConcurrency, int breakerThreshold, Duration breakerCoolDown,
        int breakerTimeoutThreshold) {

    public YunwangEndpoint {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(baseUrl, "baseUrl of the " + name + " endpoint");
        Objects.requireNonNull(authScheme, "authScheme");
        if (maxRetries < 0 || maxConcurrency < 1 || breakerThreshold < 1 || breakerTimeoutThreshold < 1) {
            throw new IllegalArgumentException("The " + name + " endpoint needs max-retries >= 0, "
                    + "max-concurrency >= 1 and a breaker threshold >= 1");
        }
    }

    /** Sensible defaults for a base URL; change single settings with the {@code with...} methods. */
    public static YunwangEndpoint of(String name, String baseUrl, String apiKey, AuthScheme authScheme) {
        return new YunwangEndpoint(name, URI.create(stripTrailingSlash(baseUrl)), apiKey, authScheme,
                Duration.ofSeconds(5), Duration.ofSeconds(60), Duration.ofSeconds(300), 3,
                Duration.ofMillis(500), 4, 5, Duration.ofSeconds(30), 1);
    }

    public YunwangEndpoint withTimeouts(Duration connect, Duration firstByte, Duration total) {
        return new YunwangEndpoint(name, baseUrl, apiKey, authScheme, connect, firstByte, total, maxRetries,
                retryBaseDelay, maxConcurrency, breakerThreshold, breakerCoolDown,
                breakerTimeoutThreshold);
    }

    public YunwangEndpoint withRetries(int retries, Duration baseDelay) {
        return new YunwangEndpoint(name, baseUrl, apiKey, authScheme, connectTimeout, firstByteTimeout,
                totalTimeout, retries, baseDelay, maxConcurrency, breakerThreshold, breakerCoolDown,
                breakerTimeoutThreshold);
    }

    public YunwangEndpoint withMaxConcurrency(int concurrency) {
        return new YunwangEndpoint(name, baseUrl, apiKey, authScheme, connectTimeout, firstByteTimeout,
                totalTimeout, maxRetries, retryBaseDelay, concurrency, breakerThreshold, breakerCoolDown,
                breakerTimeoutThreshold);
    }

    public YunwangEndpoint withBreaker(int threshold, Duration coolDown) {
        return new YunwangEndpoint(name, baseUrl, apiKey, authScheme, connectTimeout, firstByteTimeout,
                totalTimeout, maxRetries, retryBaseDelay, maxConcurrency, threshold, coolDown,
                breakerTimeoutThreshold);
    }

    public YunwangEndpoint withBreakerTimeoutThreshold(int timeouts) {
        return new YunwangEndpoint(name, baseUrl, apiKey, authScheme, connectTimeout, firstByteTimeout,
                totalTimeout, maxRetries, retryBaseDelay, maxConcurrency, breakerThreshold, breakerCoolDown, timeouts);
    }

    /** The full URI of an API path such as {@code /v1/embeddings}. */
    public URI resolve(String path) {
        return URI.create(baseUrl + path);
    }

    /**
     * "http://host:port", whether the operator wrote it with a trailing {@code /}, {@code /v1} or {@code /v1/}: every
     * path this client sends already starts with {@code /v1/}, and OpenAI-style clients teach people to end base URLs
     * with {@code /v1}.
     */
    static String stripTrailingSlash(String url) {
        String trimmed = Objects.requireNonNull(url, "baseUrl").trim();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        if (trimmed.endsWith("/v1")) {
            trimmed = trimmed.substring(0, trimmed.length() - "/v1".length());
        }
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed;
    }

    /** Whether calls carry no key although the scheme expects one: a real 云网 endpoint answers 401 to them. */
    public boolean missingKey() {
        return authScheme != AuthScheme.NONE && (apiKey == null || apiKey.isBlank());
    }

    /** Never shows the key: this record ends up in logs and in start-up reports. */
    @Override
    public String toString() {
        String key = apiKey == null || apiKey.isBlank() ? "none" : "***";
        return "YunwangEndpoint[" + name + " " + baseUrl + ", auth=" + authScheme + ", key=" + key
                + ", connect=" + connectTimeout + ", firstByte=" + firstByteTimeout + ", total=" + totalTimeout
                + ", retries=" + maxRetries + ", concurrency=" + maxConcurrency + ", breaker=" + breakerThreshold
                + "/" + breakerCoolDown + ", timeouts-to-open=" + breakerTimeoutThreshold + "]";
    }
}

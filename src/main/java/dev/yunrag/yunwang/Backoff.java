package dev.yunrag.yunwang;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential back-off with jitter, so that many clients that failed together do not all retry together; a server's
 * {@code Retry-After} is a floor, since the server knows best when it will have room again.
 */
final class Backoff {

    /** Never wait longer than this between attempts, whatever the server asks for. */
    static final Duration MAX_DELAY = Duration.ofSeconds(30);

    private final Duration baseDelay;

    Backoff(Duration baseDelay) {
        this.baseDelay = baseDelay;
    }

    /**
     * @param attempt    1 for the first retry
     * @param retryAfter the server's Retry-After, or null
     */
    Duration delay(int attempt, Duration retryAfter) {
        long exponential = baseDelay.toMillis() << Math.min(attempt - 1, 16);
        // Between half and all of the exponential delay: spreads retries but keeps them growing.
        long jittered = exponential / 2 + ThreadLocalRandom.current().nextLong(exponential / 2 + 1);
        long millis = retryAfter == null ? jittered : Math.max(jittered, retryAfter.toMillis());
        return Duration.ofMillis(Math.min(millis, MAX_DELAY.toMillis()));
    }

    /** Parses Retry-After in seconds (the HTTP-date form is rare on APIs and is ignored). */
    static Duration parseRetryAfter(String header) {
        if (header == null) {
            return null;
        }
        try {
            long seconds = Long.parseLong(header.trim());
            return seconds >= 0 ? Duration.ofSeconds(seconds) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}

package dev.yunrag.api;

/** A guard's refusal of a key over its requests per minute (429 {@code rate_limited} with Retry-After). */
public class TooManyRequestsException extends RuntimeException {

    private final long retryAfterSeconds;

    public TooManyRequestsException(String keyLabel, long retryAfterSeconds) {
        super("Too many requests for " + keyLabel + ": retry in " + retryAfterSeconds + " s"
                + " (yunrag.security.requests-per-minute).");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}

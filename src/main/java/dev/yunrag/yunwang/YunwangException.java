package dev.yunrag.yunwang;

import dev.yunrag.answer.AnswerNotes;
import dev.yunrag.answer.FailureCode;

/**
 * A failed call to a 云网 endpoint. The {@link Kind} is stable so that callers (and the REST error mapper) can branch
 * on it; the message names the endpoint and the HTTP status but never the API key or the request body.
 */
public class YunwangException extends RuntimeException implements FailureCode {

    /** What went wrong, independent of the wording of the message. */
    public enum Kind {
        /** 401/403: the key is missing, wrong or has no access to the model. */
        UNAUTHORIZED,
        /** 429: the service is overloaded; retried with back-off. */
        RATE_LIMITED,
        /** 5xx: retried with back-off. */
        SERVER_ERROR,
        /** No response (or no complete response) within a configured timeout. */
        TIMEOUT,
        /** The response did not have the documented shape (bad JSON, missing fields, wrong vector size). */
        MALFORMED_RESPONSE,
        /** The endpoint failed repeatedly and calls are refused locally until its cool-down ends. */
        CIRCUIT_OPEN,
        /** The connection could not be made or was lost before a response. */
        UNREACHABLE,
        /** The response headers arrived but the body was cut off before its end (a lost connection mid-body). */
        TRUNCATED_RESPONSE,
        /** Another 4xx: the request itself was refused. */
        BAD_REQUEST,
        /** A streamed answer stopped before {@code data: [DONE]}; never retried, since part was already delivered. */
        STREAM_INTERRUPTED
    }

    private final Kind kind;
    private final String endpoint;
    private final int status;
    private java.time.Duration retryAfter;

    public YunwangException(Kind kind, String endpoint, int status, String message) {
        this(kind, endpoint, status, message, null);
    }

    public YunwangException(Kind kind, String endpoint, int status, String message, Throwable cause) {
        super(format(kind, endpoint, status, message), cause);
        this.kind = kind;
        this.endpoint = endpoint;
        this.status = status;
    }

    private static String format(Kind kind, String endpoint, int status, String message) {
        String http = status > 0 ? " (HTTP " + status + ")" : "";
        return "云网 " + endpoint + " endpoint: " + kind + http + ": " + message;
    }

    public Kind kind() {
        return kind;
    }

    /** The endpoint name: {@code chat}, {@code embedding} or {@code rerank}. */
    public String endpoint() {
        return endpoint;
    }

    /**
     * {@code rate_limited} for a 429 that outlasted the back-off, {@code deadline} for a call stopped by the
     * question's deadline ({@link CallBudget}); null otherwise.
     */
    @Override
    public String warningCode() {
        if (kind == Kind.RATE_LIMITED) {
            return AnswerNotes.RATE_LIMITED;
        }
        String message = getMessage();
        return kind == Kind.TIMEOUT && message != null && message.contains("question's") ? AnswerNotes.DEADLINE : null;
    }

    /** The HTTP status, or 0 when no response was received. */
    public int status() {
        return status;
    }

    /** The server's Retry-After on a 429, or null. */
    public java.time.Duration retryAfter() {
        return retryAfter;
    }

    YunwangException withRetryAfter(java.time.Duration wait) {
        this.retryAfter = wait;
        return this;
    }

    /** Whether trying again later may succeed (overload, server fault, timeout, lost connection). */
    public boolean isTransient() {
        return switch (kind) {
            case RATE_LIMITED, SERVER_ERROR, TIMEOUT, UNREACHABLE, TRUNCATED_RESPONSE -> true;
            default -> false;
        };
    }
}

package dev.yunrag.api.dify;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * An error in the shape of Dify's external knowledge API: {@code {"error_code": 1002, "error_msg": "..."}}. The spec
 * suggests 1001 (invalid Authorization header), 1002 (authorization failed) and 2001 (knowledge base not found);
 * for a malformed request and an internal failure, which it leaves open, the code is the HTTP status (400, 500).
 */
public record DifyError(@JsonProperty("error_code") int errorCode, @JsonProperty("error_msg") String errorMsg) {

    public static final int INVALID_AUTHORIZATION_HEADER = 1001;
    public static final int AUTHORIZATION_FAILED = 1002;
    public static final int KNOWLEDGE_NOT_FOUND = 2001;

    /**
     * The HTTP status Dify expects for each: 403 for both authorization errors (Dify's connection check reports a
     * 403 as "Authorization failed with api_key"), 404 for an unknown knowledge base.
     */
    static int status(int errorCode) {
        return switch (errorCode) {
            case INVALID_AUTHORIZATION_HEADER, AUTHORIZATION_FAILED -> 403;
            case KNOWLEDGE_NOT_FOUND -> 404;
            default -> errorCode;
        };
    }

    Response response() {
        return Response.status(status(errorCode)).type(MediaType.APPLICATION_JSON_TYPE).entity(this).build();
    }

    /** A request Dify's spec calls malformed: a missing or wrong-typed field. */
    static final class Invalid extends RuntimeException {
        Invalid(String message) {
            super(message);
        }
    }
}

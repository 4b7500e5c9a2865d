package dev.yunrag.api;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What went wrong, before it has a shape: the HTTP status, a stable machine-readable {@code code} that clients switch
 * on, a short title, the message people read, and the headers the status calls for (WWW-Authenticate on a 401,
 * Retry-After on a 429, Allow on a 405). {@link ErrorMapping} makes one from an exception or a guard's refusal; an
 * {@link ErrorRenderer} gives it the caller's API's shape.
 */
public record HttpError(int status, String code, String title, String message, Map<String, String> headers) {

    public HttpError {
        headers = Map.copyOf(headers);
    }

    public static HttpError of(int status, String code, String title, String message) {
        return new HttpError(status, code, title, message, Map.of());
    }

    /** The same error with one more response header. */
    public HttpError withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new HttpError(status, code, title, message, more);
    }
}

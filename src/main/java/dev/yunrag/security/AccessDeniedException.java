package dev.yunrag.security;

/** A request without a valid key (401 {@code unauthorized}) or beyond its key's grants (403 {@code forbidden}). */
public class AccessDeniedException extends RuntimeException {

    private final int status;

    private AccessDeniedException(int status, String message) {
        super(message);
        this.status = status;
    }

    public static AccessDeniedException unauthorized(String message) {
        return new AccessDeniedException(401, message);
    }

    public static AccessDeniedException forbidden(String message) {
        return new AccessDeniedException(403, message);
    }

    public int status() {
        return status;
    }

    public String code() {
        return status == 401 ? "unauthorized" : "forbidden";
    }
}

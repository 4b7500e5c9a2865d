package dev.yunrag.api;

/**
 * The one error shape of the API ({@code application/problem+json}, RFC 9457) with a stable machine-readable
 * {@code code}: clients switch on the code, people read the detail.
 */
public record ApiError(String type, String title, int status, String code, String detail) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static ApiError of(int status, String code, String title, String detail) {
        return new ApiError("https://yunrag.dev/errors/" + code, title, status, code, detail);
    }
}

package dev.yunrag.api;

/**
 * OpenAI's error body ({@link OpenAiError}) as plain {@code application/json}: the shape of {@code /v1}. OpenAI's
 * {@code type} follows from the status, as in OpenAI's own API: 429 is a {@code rate_limit_error}, 5xx a
 * {@code server_error}, every other refusal an {@code invalid_request_error}.
 */
public final class OpenAiErrorRenderer implements ErrorRenderer {

    public static final String INVALID_REQUEST = "invalid_request_error";
    public static final String RATE_LIMIT = "rate_limit_error";
    public static final String SERVER_ERROR = "server_error";

    static final OpenAiErrorRenderer INSTANCE = new OpenAiErrorRenderer();

    private OpenAiErrorRenderer() {
    }

    @Override
    public RenderedError render(HttpError error) {
        return new RenderedError(error.status(), "application/json", error.headers(), body(error));
    }

    /** The body alone: also sent as the last event of a streamed completion that fails part-way. */
    public static OpenAiError body(HttpError error) {
        String message = error.message() != null ? error.message() : error.title();
        return new OpenAiError(new OpenAiError.Body(message, type(error.status()), null, error.code()));
    }

    static String type(int status) {
        if (status == 429) {
            return RATE_LIMIT;
        }
        return status >= 500 ? SERVER_ERROR : INVALID_REQUEST;
    }
}

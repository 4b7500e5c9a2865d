package dev.yunrag.api;

/**
 * Gives an {@link HttpError} the shape of the API the caller speaks, chosen by the request path: OpenAI's error body
 * on {@code /v1} (OpenAI client libraries parse only that), problem+json (RFC 9457) everywhere else. Dify's external
 * knowledge API has a third shape that its resource renders itself ({@code api.dify.DifyError}): Dify's spec fixes
 * its error codes, and no error of that endpoint leaves it as an exception.
 */
public interface ErrorRenderer {

    RenderedError render(HttpError error);

    static ErrorRenderer forPath(String path) {
        return isOpenAi(path) ? OpenAiErrorRenderer.INSTANCE : ProblemJsonRenderer.INSTANCE;
    }

    static boolean isOpenAi(String path) {
        return path != null && (path.equals("/v1") || path.startsWith("/v1/"));
    }
}

package dev.yunrag.api;

/** {@code application/problem+json} ({@link ApiError}): the shape of {@code /api}, {@code /mcp} and {@code /q}. */
public final class ProblemJsonRenderer implements ErrorRenderer {

    static final ProblemJsonRenderer INSTANCE = new ProblemJsonRenderer();

    private ProblemJsonRenderer() {
    }

    @Override
    public RenderedError render(HttpError error) {
        return new RenderedError(error.status(), ApiError.MEDIA_TYPE, error.headers(),
                ApiError.of(error.status(), error.code(), error.title(), error.message()));
    }
}

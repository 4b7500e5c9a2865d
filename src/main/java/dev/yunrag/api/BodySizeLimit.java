package dev.yunrag.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.yunrag.config.YunragConfig;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * Refuses a request whose declared Content-Length is over {@code yunrag.security.max-body-bytes} before its body is
 * read, with a 413 in the caller's API's error shape ({@link ApiExceptionMapper#refuse}). Quarkus's own
 * {@code quarkus.http.limits.max-body-size} refuses bodies before routing, with an empty response that tells a client
 * nothing, so ours is set a little lower. Chunked bodies (no Content-Length) still end at Quarkus's limit.
 */
@Singleton
public class BodySizeLimit {

    @Inject
    ObjectMapper json;

    void install(@Observes Router router, YunragConfig config) {
        long max = config.security().maxBodyBytes();
        // Right after SecurityHeaders, so that the refusal carries them too (at the same order it went first).
        router.route().order(Integer.MIN_VALUE + 1).handler(context -> {
            String declared = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            long length;
            try {
                length = declared == null ? -1 : Long.parseLong(declared.strip());
            } catch (NumberFormatException e) {
                length = -1;
            }
            if (length <= max) {
                context.next();
                return;
            }
            // The body stays unread, so the connection cannot carry another request.
            context.response().putHeader(HttpHeaders.CONNECTION, "close");
            ApiExceptionMapper.refuse(context,
                    new PayloadTooLargeException("request body", length, max, "yunrag.security.max-body-bytes"), json);
        });
    }
}

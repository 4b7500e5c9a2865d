package dev.yunrag.api;

import dev.yunrag.config.YunragConfig;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * Refuses a request whose declared Content-Length is over {@code yunrag.security.max-body-bytes} before its body is
 * read, with a 413 in the API's error shape. Quarkus's own {@code quarkus.http.limits.max-body-size} refuses bodies
 * before routing, with an empty response that tells a client nothing, so ours is set a little lower. Chunked bodies
 * (no Content-Length) still end at Quarkus's limit.
 */
@Singleton
public class BodySizeLimit {

    void install(@Observes Router router, YunragConfig config) {
        long max = config.security().maxBodyBytes();
        router.route().order(Integer.MIN_VALUE).handler(context -> {
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
            String message = "The request body has " + length + " bytes; at most " + max
                    + " are accepted (yunrag.security.max-body-bytes).";
            boolean openAi = context.normalizedPath().startsWith("/v1/");
            String body = openAi
                    ? "{\"error\":{\"message\":\"" + message + "\",\"type\":\"invalid_request_error\",\"param\":null,"
                            + "\"code\":\"payload_too_large\"}}"
                    : "{\"type\":\"https://yunrag.dev/errors/payload_too_large\",\"title\":\"Payload too large\","
                            + "\"status\":413,\"code\":\"payload_too_large\",\"detail\":\"" + message + "\"}";
            context.response().setStatusCode(413)
                    .putHeader(HttpHeaders.CONTENT_TYPE, openAi ? "application/json" : ApiError.MEDIA_TYPE)
                    .putHeader(HttpHeaders.CONNECTION, "close")
                    .end(body);
        });
    }
}

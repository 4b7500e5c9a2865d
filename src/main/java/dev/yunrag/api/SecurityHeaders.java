package dev.yunrag.api;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * Headers on every response, UI and API alike (issue 18): no MIME sniffing, no framing (clickjacking), no referrer
 * leaking collection names or questions in URLs, and a Content-Security-Policy that allows only this origin's own
 * scripts and styles (the web UI has no inline script or style). The web UI's files are revalidated on every load
 * ({@code no-cache}: a 304 when unchanged), so an upgrade shows at once instead of after Quarkus's default day of
 * {@code immutable} caching. API responses are not stored.
 */
@Singleton
public class SecurityHeaders {

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:;"
            + " font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self';"
            + " frame-ancestors 'none'";
    /** Swagger UI starts itself with an inline script; it still may not be framed. */
    static final String CSP_SWAGGER = "frame-ancestors 'none'";

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::add);
    }

    private void add(RoutingContext context) {
        String path = context.normalizedPath();
        context.addHeadersEndHandler(done -> {
            MultiMap headers = context.response().headers();
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("X-Frame-Options", "DENY");
            headers.set("Referrer-Policy", "no-referrer");
            headers.set("Content-Security-Policy", isSwaggerOrDevUi(path) ? CSP_SWAGGER : CSP);
            if (isStatic(path)) {
                headers.set("Cache-Control", "no-cache");
            } else if (!headers.contains("Cache-Control")) {
                headers.set("Cache-Control", "no-store");
            }
        });
        context.next();
    }

    static boolean isSwaggerOrDevUi(String path) {
        return path.startsWith("/q/swagger-ui") || path.startsWith("/q/dev-ui") || path.startsWith("/q/dev");
    }

    /** The web UI's files: everything outside the API, the OpenAI-compatible API and Quarkus's endpoints. */
    static boolean isStatic(String path) {
        return !(path.equals("/api") || path.startsWith("/api/") || path.equals("/v1") || path.startsWith("/v1/")
                || path.equals("/q") || path.startsWith("/q/"));
    }
}

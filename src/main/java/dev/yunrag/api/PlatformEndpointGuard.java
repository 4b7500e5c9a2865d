package dev.yunrag.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.yunrag.security.AccessDeniedException;
import dev.yunrag.security.AccessPolicy;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * The key check for Quarkus's own endpoints under {@code /q} (OpenAPI, Swagger UI, metrics, Dev UI): they are Vert.x
 * routes, not REST resources, so {@link RequestGuard} never sees them. With keys configured, health stays open (load
 * balancers call it without keys), the API description ({@code /q/openapi}, {@code /q/swagger-ui}) needs any key, and
 * everything else under {@code /q} needs an admin key: metrics count requests per path, and paths hold collection
 * names that a key limited to some collections must not learn. A refusal is rendered by {@link ApiExceptionMapper},
 * in problem+json with WWW-Authenticate on a 401, like the REST guard's.
 */
@Singleton
public class PlatformEndpointGuard {

    static final String ROOT = "/q";

    @Inject
    AccessPolicy policy;

    @Inject
    ObjectMapper json;

    void install(@Observes Router router) {
        if (!policy.enabled()) {
            return;
        }
        // Right after the body size check, before any /q route.
        router.route().order(Integer.MIN_VALUE + 2).handler(this::check);
    }

    private void check(RoutingContext context) {
        String path = context.normalizedPath();
        if (!isPlatform(path) || RequestGuard.isHealth(path)) {
            context.next();
            return;
        }
        try {
            policy.verify(context.request().getHeader(HttpHeaders.AUTHORIZATION), needsAdmin(path));
            context.next();
        } catch (AccessDeniedException e) {
            ApiExceptionMapper.refuse(context, e, json);
        }
    }

    static boolean isPlatform(String path) {
        return path.equals(ROOT) || path.startsWith(ROOT + "/");
    }

    /** The API description is what a client needs to call the API; the rest is for operators. */
    static boolean needsAdmin(String path) {
        return !(under(path, ROOT + "/openapi") || under(path, ROOT + "/swagger-ui"));
    }

    private static boolean under(String path, String prefix) {
        return path.equals(prefix) || path.startsWith(prefix + "/") || path.startsWith(prefix + ".");
    }
}

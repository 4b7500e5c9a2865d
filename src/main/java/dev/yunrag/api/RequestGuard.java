package dev.yunrag.api;

import dev.yunrag.config.YunragConfig;
import dev.yunrag.security.AccessPolicy;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Runs before every REST endpoint: refuses JSON bodies over {@code yunrag.security.max-json-bytes} (413) and, when API
 * keys are configured, requests without a valid key (401), with a reader key on an admin endpoint (403) or over the
 * key's requests per minute (429). Health checks stay open (load balancers call them without keys); the static web
 * UI is not served through here and holds no data. A refusal is thrown, and {@link ApiExceptionMapper} renders it in
 * the shape the caller's API uses, like every other error.
 */
public class RequestGuard {

    @Inject
    AccessPolicy policy;

    /** Looked up per request: filters are created at static init, before runtime config mappings exist. */
    @Inject
    Instance<YunragConfig> config;

    @Inject
    Instance<dev.yunrag.security.RateLimiter> limiter;

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public void guard(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (isHealth(path)) {
            return;
        }
        // Dify's API checks its own key: its errors have their own shape (api.dify.DifyRetrievalResource).
        if (policy.enabled() && !isDify(path)) {
            var key = policy.authenticate(request.getHeaderString(HttpHeaders.AUTHORIZATION),
                    needsAdmin(request, path));
            var wait = limiter.get().acquire(key.label());
            if (wait.isPresent()) {
                throw new TooManyRequestsException(key.label(), wait.getAsLong());
            }
        }
        long length = request.getLength();
        long limit = config.get().security().maxJsonBytes();
        if (length > limit && MediaType.APPLICATION_JSON_TYPE.isCompatible(request.getMediaType())) {
            throw new PayloadTooLargeException("JSON body", length, limit, "yunrag.security.max-json-bytes");
        }
    }

    /** Uploading and deleting change a collection; everything else only reads. */
    static boolean needsAdmin(ContainerRequestContext request, String path) {
        String method = request.getMethod();
        boolean reads = HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method) || HttpMethod.OPTIONS.equals(method);
        return path.startsWith("/api/collections") && !reads;
    }

    static boolean isHealth(String path) {
        return path.equals("/q/health") || path.startsWith("/q/health/");
    }

    static boolean isDify(String path) {
        return path.startsWith("/api/dify/");
    }
}

package dev.yunrag.api;

import dev.yunrag.api.openai.OpenAiError;
import dev.yunrag.api.openai.OpenAiException;
import dev.yunrag.config.YunragConfig;
import dev.yunrag.security.AccessDeniedException;
import dev.yunrag.security.AccessPolicy;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Runs before every REST endpoint: refuses JSON bodies over {@code yunrag.security.max-json-bytes} (413) and, when API
 * keys are configured, requests without a valid key (401) or with a reader key on an admin endpoint (403). Health
 * checks stay open (load balancers call them without keys); the static web UI is not served through here and holds
 * no data. Errors come in the shape the caller's API uses: OpenAI's on {@code /v1}, problem+json elsewhere.
 */
public class RequestGuard {

    /** The WWW-Authenticate value of every 401. */
    static final String CHALLENGE = "Bearer realm=\"yunrag\"";

    @Inject
    AccessPolicy policy;

    /** Looked up per request: filters are created at static init, before runtime config mappings exist. */
    @Inject
    Instance<YunragConfig> config;

    @Inject
    Instance<dev.yunrag.security.RateLimiter> limiter;

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public Response guard(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (isHealth(path)) {
            return null;
        }
        try {
            // Dify's API checks its own key: its errors have their own shape (api.dify.DifyRetrievalResource).
            if (policy.enabled() && !isDify(path)) {
                var key = policy.authenticate(request.getHeaderString(HttpHeaders.AUTHORIZATION),
                        needsAdmin(request, path));
                var wait = limiter.get().acquire(key.label());
                if (wait.isPresent()) {
                    return tooMany(path, key.label(), wait.getAsLong());
                }
            }
        } catch (AccessDeniedException e) {
            return denied(path, e);
        }
        long length = request.getLength();
        long limit = config.get().security().maxJsonBytes();
        if (length > limit && MediaType.APPLICATION_JSON_TYPE.isCompatible(request.getMediaType())) {
            String message = "The JSON body has " + length + " bytes; at most " + limit
                    + " are accepted (yunrag.security.max-json-bytes).";
            return isOpenAi(path)
                    ? openAi(new OpenAiException(413, OpenAiException.INVALID_REQUEST, "payload_too_large", message))
                    : ApiExceptionMapper.problem(ApiError.of(413, "payload_too_large", "Payload too large", message));
        }
        return null;
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

    static boolean isOpenAi(String path) {
        return path.equals("/v1") || path.startsWith("/v1/");
    }

    static Response denied(String path, AccessDeniedException e) {
        Response response = isOpenAi(path)
                ? openAi(new OpenAiException(e.status(), OpenAiException.INVALID_REQUEST, e.code(), e.getMessage()))
                : ApiExceptionMapper.problem(ApiError.of(e.status(), e.code(),
                        e.status() == 401 ? "Unauthorized" : "Forbidden", e.getMessage()));
        if (e.status() == 401) {
            return Response.fromResponse(response).header(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE).build();
        }
        return response;
    }

    /** 429 with Retry-After: the key used its requests per minute (yunrag.security.requests-per-minute). */
    static Response tooMany(String path, String label, long seconds) {
        String message = "Too many requests for " + label + ": retry in " + seconds + " s"
                + " (yunrag.security.requests-per-minute).";
        Response response = isOpenAi(path)
                ? openAi(new OpenAiException(429, "rate_limit_error", "rate_limited", message))
                : ApiExceptionMapper.problem(ApiError.of(429, "rate_limited", "Too many requests", message));
        return Response.fromResponse(response).header(HttpHeaders.RETRY_AFTER, seconds).build();
    }

    static Response openAi(OpenAiException e) {
        return Response.status(e.status()).type(MediaType.APPLICATION_JSON_TYPE).entity(OpenAiError.of(e)).build();
    }
}

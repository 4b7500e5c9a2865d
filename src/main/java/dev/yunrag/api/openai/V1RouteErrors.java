package dev.yunrag.api.openai;

import dev.yunrag.api.ApiExceptionMapper;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Unknown paths and wrong methods under {@code /v1} in OpenAI's error shape. No resource method matched, so
 * {@link OpenAiResource}'s own mappers never see these; without this they would answer in the problem+json of
 * {@code /api}, which OpenAI client libraries cannot read. Every other path keeps problem+json.
 */
public class V1RouteErrors {

    static final String ROOT = "/v1";

    @ServerExceptionMapper
    public Response notFound(NotFoundException e, HttpServerRequest request) {
        if (!underV1(request)) {
            return new ApiExceptionMapper().web(e);
        }
        return error(new OpenAiException(404, OpenAiException.INVALID_REQUEST, "unknown_url",
                "Unknown request URL: " + request.method() + " " + request.path()
                        + ". The endpoints are GET /v1/models, GET /v1/models/{model} and POST /v1/chat/completions."));
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e, HttpServerRequest request) {
        if (!underV1(request)) {
            return new ApiExceptionMapper().web(e);
        }
        String allowed = allowedOn(request.path());
        return Response.fromResponse(error(new OpenAiException(405, OpenAiException.INVALID_REQUEST,
                        "method_not_allowed", request.method() + " is not allowed on " + request.path()
                        + (allowed.isEmpty() ? "." : "; allowed: " + allowed + "."))))
                .header("Allow", allowed.isEmpty() ? null : allowed).build();
    }

    /** The methods {@link OpenAiResource} serves on a path (RESTEasy Reactive's 405 does not name them). */
    static String allowedOn(String path) {
        if (path.equals(ROOT + "/chat/completions")) {
            return "POST";
        }
        return path.equals(ROOT + "/models") || path.startsWith(ROOT + "/models/") ? "GET" : "";
    }

    private static boolean underV1(HttpServerRequest request) {
        String path = request.path();
        return path != null && (path.equals(ROOT) || path.startsWith(ROOT + "/"));
    }

    private static Response error(OpenAiException e) {
        return Response.status(e.status()).type(MediaType.APPLICATION_JSON_TYPE).entity(OpenAiError.of(e)).build();
    }
}

package dev.yunrag.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.yunrag.answer.InvalidQuestionException;
import dev.yunrag.answer.UnknownModelException;
import dev.yunrag.index.CollectionLockedException;
import dev.yunrag.index.IndexUnavailableException;
import dev.yunrag.retrieve.UnknownCollectionException;
import dev.yunrag.security.AccessDeniedException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import org.jboss.logging.Logger;

/**
 * The one table from what went wrong (an exception, or a guard's refusal) to an {@link HttpError}: status, stable
 * {@code code}, message and headers. Every error that crosses HTTP passes through here, whichever API it is rendered
 * for; bad input is always a 4xx, and only what nobody expected is a 500 (logged, never shown).
 *
 * <p>Two rows differ by API, because OpenAI clients know OpenAI's vocabulary: on {@code /v1} an unknown collection
 * or answer model is {@code model_not_found} (the model id names both), an unmatched path is {@code unknown_url},
 * and any other HTTP-level refusal is {@code http_<status>}.
 */
public final class ErrorMapping {

    private static final Logger LOG = Logger.getLogger(ErrorMapping.class);

    /** The WWW-Authenticate value of every 401. */
    public static final String CHALLENGE = "Bearer realm=\"yunrag\"";
    static final String V1 = "/v1";
    static final String INTERNAL = "Something went wrong on our side; the details are in the server log.";

    private ErrorMapping() {
    }

    /**
     * @param method the request's HTTP method (named in the message of an unknown {@code /v1} URL)
     * @param path   the request path: {@code /v1} speaks OpenAI's vocabulary (see the class comment)
     */
    public static HttpError of(Throwable e, String method, String path) {
        boolean openAi = ErrorRenderer.isOpenAi(path);
        return switch (e) {
            case InvalidQuestionException q -> HttpError.of(400, "invalid_question", "Invalid question", q.getMessage());
            case dev.yunrag.answer.InvalidImageException i ->
                    HttpError.of(400, "invalid_image", "Invalid image", i.getMessage());
            case UnknownModelException m -> openAi ? modelNotFound(m)
                    : HttpError.of(400, "unknown_model", "Unknown model", m.getMessage());
            case UnknownCollectionException c -> openAi ? modelNotFound(c)
                    : HttpError.of(404, "unknown_collection", "Unknown collection", c.getMessage());
            case NotFoundException n -> HttpError.of(404, n.code(), "Not found", n.getMessage());
            case IndexUnavailableException u -> HttpError.of(503, "index_unavailable", "Index unavailable",
                    u.getMessage());
            case CollectionLockedException b -> HttpError.of(409, "collection_busy", "Collection busy", b.getMessage());
            case AccessDeniedException d -> denied(d);
            case TooManyRequestsException t -> HttpError.of(429, "rate_limited", "Too many requests", t.getMessage())
                    .withHeader("Retry-After", String.valueOf(t.retryAfterSeconds()));
            case PayloadTooLargeException p -> HttpError.of(413, "payload_too_large", "Payload too large",
                    p.getMessage());
            case CodedException c -> HttpError.of(c.status(), c.code(), reason(c.status()), c.getMessage());
            case JsonProcessingException j -> badJson(j);
            // Quarkus wraps some body parse errors (a truncated document) in a 400 WebApplicationException.
            case WebApplicationException w when w.getCause() instanceof JsonProcessingException j -> badJson(j);
            case jakarta.ws.rs.NotFoundException n when openAi -> unknownUrl(method, path);
            case NotAllowedException n when openAi -> methodNotAllowed(method, path);
            case WebApplicationException w -> openAi ? openAiHttp(w) : problemHttp(w);
            case IllegalArgumentException i -> HttpError.of(400, "invalid_request", "Invalid request", i.getMessage());
            case IOException io when isMultipart(io) -> unreadableMultipart();
            default -> unexpected(e);
        };
    }

    /** The 500 of a failure nobody expected; its details go to the log, not to the client. */
    public static HttpError internalError(String message) {
        return HttpError.of(500, "internal_error", "Internal error", message);
    }

    private static HttpError unexpected(Throwable e) {
        LOG.error("Unexpected error", e);
        return internalError(INTERNAL);
    }

    private static HttpError modelNotFound(RuntimeException e) {
        return HttpError.of(404, "model_not_found", "Not Found", e.getMessage());
    }

    private static HttpError denied(AccessDeniedException e) {
        HttpError error = HttpError.of(e.status(), e.code(), e.status() == 401 ? "Unauthorized" : "Forbidden",
                e.getMessage());
        return e.status() == 401 ? error.withHeader("WWW-Authenticate", CHALLENGE) : error;
    }

    private static HttpError badJson(JsonProcessingException e) {
        return HttpError.of(400, "invalid_json", "Invalid JSON", JsonErrorText.describe(e));
    }

    /**
     * A multipart body that ends early or whose boundary does not match reaches the resource as an IOException
     * from the body parser: the client's mistake, not ours (it was a 500 with a stack trace; issue 18).
     */
    private static boolean isMultipart(IOException e) {
        String message = String.valueOf(e.getMessage());
        return message.contains("multipart") || message.contains("Multipart");
    }

    private static HttpError unreadableMultipart() {
        return HttpError.of(400, "invalid_multipart", "Invalid multipart body",
                "The multipart/form-data body could not be read (empty, cut short, or a boundary that does not"
                        + " match the Content-Type header). Send the files as form field 'file'.");
    }

    private static HttpError problemHttp(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String code = switch (status) {
            case 400 -> "invalid_request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 413 -> "payload_too_large";
            case 415 -> "unsupported_media_type";
            default -> "http_" + status;
        };
        String detail = e.getMessage() == null || e.getMessage().startsWith("HTTP ") ? null : e.getMessage();
        return HttpError.of(status, code, e.getResponse().getStatusInfo().getReasonPhrase(), detail);
    }

    private static HttpError openAiHttp(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String reason = e.getResponse().getStatusInfo().getReasonPhrase();
        return HttpError.of(status, "http_" + status, reason, e.getMessage() == null ? reason : e.getMessage());
    }

    /** No resource matched: a /v1 client learns which endpoints there are. */
    private static HttpError unknownUrl(String method, String path) {
        return HttpError.of(404, "unknown_url", "Not Found", "Unknown request URL: " + method + " " + path
                + ". The endpoints are GET /v1/models, GET /v1/models/{model} and POST /v1/chat/completions.");
    }

    private static HttpError methodNotAllowed(String method, String path) {
        String allowed = allowedOnV1(path);
        HttpError error = HttpError.of(405, "method_not_allowed", "Method Not Allowed", method + " is not allowed on "
                + path + (allowed.isEmpty() ? "." : "; allowed: " + allowed + "."));
        return allowed.isEmpty() ? error : error.withHeader("Allow", allowed);
    }

    /** The methods the OpenAI-compatible resource serves on a path (RESTEasy Reactive's 405 does not name them). */
    static String allowedOnV1(String path) {
        if (path.equals(V1 + "/chat/completions")) {
            return "POST";
        }
        return path.equals(V1 + "/models") || path.startsWith(V1 + "/models/") ? "GET" : "";
    }

    private static String reason(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        return known == null ? "HTTP " + status : known.getReasonPhrase();
    }
}

package dev.yunrag.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.yunrag.answer.InvalidQuestionException;
import dev.yunrag.answer.UnknownModelException;
import dev.yunrag.index.CollectionLockedException;
import dev.yunrag.retrieve.UnknownCollectionException;
import dev.yunrag.security.AccessDeniedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Where every error crosses HTTP: one JSON shape, a stable code, never a stack trace. */
public class ApiExceptionMapper {

    private static final Logger LOG = Logger.getLogger(ApiExceptionMapper.class);

    @ServerExceptionMapper
    public Response invalidQuestion(InvalidQuestionException e) {
        return problem(ApiError.of(400, "invalid_question", "Invalid question", e.getMessage()));
    }

    @ServerExceptionMapper
    public Response unknownModel(UnknownModelException e) {
        return problem(ApiError.of(400, "unknown_model", "Unknown model", e.getMessage()));
    }

    @ServerExceptionMapper
    public Response unknownCollection(UnknownCollectionException e) {
        return problem(ApiError.of(404, "unknown_collection", "Unknown collection", e.getMessage()));
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return problem(ApiError.of(404, e.code(), "Not found", e.getMessage()));
    }

    @ServerExceptionMapper
    public Response busy(CollectionLockedException e) {
        return problem(ApiError.of(409, "collection_busy", "Collection busy", e.getMessage()));
    }

    @ServerExceptionMapper
    public Response denied(AccessDeniedException e) {
        return problem(ApiError.of(e.status(), e.code(), e.status() == 401 ? "Unauthorized" : "Forbidden",
                e.getMessage()));
    }

    @ServerExceptionMapper
    public Response invalidRequest(IllegalArgumentException e) {
        return problem(ApiError.of(400, "invalid_request", "Invalid request", e.getMessage()));
    }

    @ServerExceptionMapper
    public Response badJson(JsonProcessingException e) {
        return problem(ApiError.of(400, "invalid_json", "Invalid JSON", JsonErrorText.describe(e)));
    }

    /**
     * A multipart body that ends early or whose boundary does not match reaches the resource as an IOException
     * from the body parser: the client's mistake, not ours (it was a 500 with a stack trace; issue 18).
     */
    @ServerExceptionMapper
    public Response unreadableBody(java.io.IOException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("multipart") || message.contains("Multipart")) {
            return problem(ApiError.of(400, "invalid_multipart", "Invalid multipart body",
                    "The multipart/form-data body could not be read (empty, cut short, or a boundary that does not"
                            + " match the Content-Type header). Send the files as form field 'file'."));
        }
        return unexpected(e);
    }

    /**
     * A value of the wrong type ({@code "topK": "x"}). Mapped on its own because Quarkus has a built-in mapper for
     * exactly this type, which would otherwise win over {@link #badJson} and answer in another shape.
     */
    @ServerExceptionMapper
    public Response wrongType(MismatchedInputException e) {
        return badJson(e);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException cause) {
            // Quarkus wraps some body parse errors (a truncated document) in a 400 WebApplicationException.
            return badJson(cause);
        }
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
        return problem(ApiError.of(status, code, e.getResponse().getStatusInfo().getReasonPhrase(), detail));
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Exception e) {
        LOG.error("Unexpected error", e);
        return problem(ApiError.of(500, "internal_error", "Internal error",
                "Something went wrong on our side; the details are in the server log."));
    }

    static Response problem(ApiError error) {
        return Response.status(error.status()).type(ApiError.MEDIA_TYPE).entity(error).build();
    }
}

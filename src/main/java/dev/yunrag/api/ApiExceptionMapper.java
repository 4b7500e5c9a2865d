package dev.yunrag.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.yunrag.answer.InvalidQuestionException;
import dev.yunrag.answer.UnknownModelException;
import dev.yunrag.index.CollectionLockedException;
import dev.yunrag.index.IndexUnavailableException;
import dev.yunrag.retrieve.UnknownCollectionException;
import dev.yunrag.security.AccessDeniedException;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Where every error crosses HTTP: {@link ErrorMapping} turns it into a stable error, {@link ErrorRenderer} gives it
 * the shape of the caller's API (OpenAI's on {@code /v1}, problem+json elsewhere); never a stack trace. The methods
 * below only register each exception type with RESTEasy Reactive: Quarkus has built-in mappers for some of them
 * (a value of the wrong type, WebApplicationException), and the most specific type wins, so each is named here.
 * Route handlers that run before REST ({@link BodySizeLimit}, {@link PlatformEndpointGuard}) use {@link #refuse}.
 */
public class ApiExceptionMapper {

    @ServerExceptionMapper
    public Response invalidQuestion(InvalidQuestionException e, HttpServerRequest request) {
        return respond(e, request);
    }

    @ServerExceptionMapper
    public Response unknownModel(UnknownModelException e, HttpServerRequest request) {
        return respond(e, request);
    }

    @ServerExceptionMapper
    public Response unknownCollection(UnknownCollectionException e, HttpServerRequest request) {
        return respond(e, request);
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e, HttpServerRequest request) {
        return respond(e, request);
    }

    @ServerExceptionMapper
    public Response busy(CollectionLockedException e, HttpServerRequest request) {
        return respond(e, request);
    }

    @ServerExceptionMapper
    public Response unavailable(IndexUnavailableException e, HttpServerRequest request) {
        return respond(e, request);
    }

    @ServerExceptionMapper
    public Response denied(AccessDeniedException e, HttpServerRequest request) {
        return respond(e, request);
    }

    @ServerExceptionMapper
    public Response tooMany(TooManyRequestsException e, HttpServerRequest request) {
        return respond(e, request);
    }

    @ServerExceptionMapper
    public Response tooLarge(PayloadTooLargeException e, HttpServerRequest request) {
        return respond(e, request);
    }

    @ServerExceptionMapper
    public Response coded(CodedException e, HttpServerRequest request) {
        return respond(e, request);
    }

    @ServerExceptionMapper
    public Response invalidRequest(IllegalArgumentException e, HttpServerRequest request) {
        return respond(e, request);
    }

    @ServerExceptionMapper
    public Response badJson(JsonProcessingException e, HttpServerRequest request) {
        return respond(e, request);
    }

    /**
     * A value of the wrong type ({@code "topK": "x"}). Registered on its own because Quarkus has a built-in mapper
     * for exactly this type, which would otherwise win over {@link #badJson} and answer in another shape.
     */
    @ServerExceptionMapper
    public Response wrongType(MismatchedInputException e, HttpServerRequest request) {
        return respond(e, request);
    }

    /** A multipart body the parser could not read; any other IOException is unexpected. */
    @ServerExceptionMapper
    public Response unreadableBody(IOException e, HttpServerRequest request) {
        return respond(e, request);
    }

    /** Also an unmatched path: /v1 calls it {@code unknown_url}. */
    @ServerExceptionMapper
    public Response noSuchPath(jakarta.ws.rs.NotFoundException e, HttpServerRequest request) {
        return respond(e, request);
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e, HttpServerRequest request) {
        return respond(e, request);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, HttpServerRequest request) {
        return respond(e, request);
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Exception e, HttpServerRequest request) {
        return respond(e, request);
    }

    static Response respond(Throwable e, HttpServerRequest request) {
        String path = request.path();
        return ErrorRenderer.forPath(path).render(ErrorMapping.of(e, request.method().name(), path)).toResponse();
    }

    /** For a check that runs as a Vert.x route, before REST: answers the refusal and ends the request. */
    static void refuse(RoutingContext context, RuntimeException refusal, ObjectMapper json) {
        String path = context.normalizedPath();
        ErrorRenderer.forPath(path).render(ErrorMapping.of(refusal, context.request().method().name(), path))
                .send(context, json);
    }
}

package dev.yunrag.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * An error in one API's shape, ready to send: a REST response for the mappers and filters, or written straight to a
 * Vert.x route for the checks that run before any REST resource ({@link BodySizeLimit}, {@link PlatformEndpointGuard}).
 */
public record RenderedError(int status, String mediaType, Map<String, String> headers, Object body) {

    public Response toResponse() {
        Response.ResponseBuilder response = Response.status(status).type(mediaType).entity(body);
        headers.forEach(response::header);
        return response.build();
    }

    public void send(RoutingContext context, ObjectMapper json) {
        String text;
        try {
            text = json.writeValueAsString(body);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("An error body did not serialise", impossible);
        }
        var response = context.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, mediaType);
        headers.forEach(response::putHeader);
        response.end(text);
    }
}

package dev.yunrag.api.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.logging.Logger;

/**
 * The MCP server over Streamable HTTP at {@code /mcp}, on the API's port and behind its API keys (the REST guard
 * checks {@code Authorization: Bearer} like for every endpoint). Stateless: every POST carries one JSON-RPC message
 * (or a batch) and a request is answered with one JSON response; there is no server-initiated stream, so GET and
 * DELETE answer 405, as the transport allows. Tools: {@code list_collections}, {@code search}, {@code ask};
 * resources: the documents of the collections the key may read.
 */
@Path("/mcp")
public class McpResource {

    private static final Logger LOG = Logger.getLogger(McpResource.class);
    /** Newest first: the one offered when the client asks for a version we do not know. */
    static final List<String> PROTOCOL_VERSIONS = List.of("2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05");
    private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    @Inject
    ObjectMapper json;

    @Inject
    McpTools tools;

    @Inject
    McpDocuments documents;

    @POST
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "MCP (Model Context Protocol) over Streamable HTTP: tools list_collections, search, ask;"
            + " documents as resources")
    public Response post(String body, @HeaderParam("Origin") String origin, @HeaderParam(HttpHeaders.HOST) String host) {
        if (!originAllowed(origin, host)) {
            // DNS rebinding: a web page on another origin must not drive a local server (the transport's MUST).
            return json(403, JsonRpc.error(null, JsonRpc.INVALID_REQUEST, "Origin " + origin + " is not allowed."));
        }
        JsonNode message;
        try {
            message = json.readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            return json(400, JsonRpc.error(null, JsonRpc.PARSE_ERROR, "Not JSON: " + e.getOriginalMessage()));
        }
        if (message == null || message.isMissingNode()) {
            return json(400, JsonRpc.error(null, JsonRpc.INVALID_REQUEST, "The body is empty."));
        }
        if (message.isArray()) {
            ArrayNode responses = json.createArrayNode();
            message.forEach(m -> {
                JsonNode response = handle(m);
                if (response != null) {
                    responses.add(response);
                }
            });
            return responses.isEmpty() ? Response.accepted().build() : json(200, responses);
        }
        JsonNode response = handle(message);
        // Notifications and responses from the client get 202 and no body.
        return response == null ? Response.accepted().build() : json(200, response);
    }

    @GET
    public Response stream() {
        return Response.status(405).header(HttpHeaders.ALLOW, "POST")
                .entity("This MCP server sends no server-initiated messages: POST JSON-RPC requests to /mcp.").build();
    }

    @DELETE
    public Response endSession() {
        return Response.status(405).header(HttpHeaders.ALLOW, "POST").entity("This MCP server keeps no sessions.").build();
    }

    /** The response to one message, or null for a notification or a client's response. */
    private JsonNode handle(JsonNode message) {
        if (!message.isObject() || !"2.0".equals(message.path("jsonrpc").asText())) {
            return JsonRpc.error(message.get("id"), JsonRpc.INVALID_REQUEST, "Not a JSON-RPC 2.0 message.");
        }
        JsonNode id = message.get("id");
        String method = message.path("method").asText(null);
        if (method == null || id == null) {
            return null;
        }
        JsonNode params = message.path("params");
        try {
            return JsonRpc.result(id, dispatch(method, params));
        } catch (JsonRpc.Failure e) {
            return JsonRpc.error(id, e.code, e.getMessage());
        } catch (RuntimeException e) {
            LOG.errorf(e, "MCP %s failed", method);
            return JsonRpc.error(id, JsonRpc.INTERNAL_ERROR, method + " failed: " + e.getMessage());
        }
    }

    private JsonNode dispatch(String method, JsonNode params) {
        return switch (method) {
            case "initialize" -> initialize(params);
            case "ping" -> json.createObjectNode();
            case "tools/list" -> tools.list();
            case "tools/call" -> tools.call(params.path("name").asText(""), params.path("arguments"));
            case "resources/list" -> documents.list(params.path("cursor").asText(null));
            case "resources/templates/list" -> documents.templates();
            case "resources/read" -> documents.read(params.path("uri").asText(""));
            default -> throw new JsonRpc.Failure(JsonRpc.METHOD_NOT_FOUND, "Unknown method " + method);
        };
    }

    private JsonNode initialize(JsonNode params) {
        String requested = params.path("protocolVersion").asText("");
        ObjectNode result = json.createObjectNode();
        result.put("protocolVersion", PROTOCOL_VERSIONS.contains(requested) ? requested : PROTOCOL_VERSIONS.getFirst());
        ObjectNode capabilities = result.putObject("capabilities");
        capabilities.putObject("tools").put("listChanged", false);
        capabilities.putObject("resources").put("listChanged", false).put("subscribe", false);
        result.putObject("serverInfo").put("name", "yunrag").put("title", "YunRAG").put("version", version());
        result.put("instructions", "YunRAG answers questions from the user's own documents with citations. "
                + "list_collections shows the document collections; search returns ranked passages with the rank "
                + "and score of each retrieval stage; ask returns a cited answer. Documents are resources.");
        return result;
    }

    private static String version() {
        String v = McpResource.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    static boolean originAllowed(String origin, String host) {
        if (origin == null || origin.isBlank()) {
            return true;
        }
        try {
            String originHost = URI.create(origin.strip()).getHost();
            if (originHost == null) {
                return false;
            }
            originHost = originHost.toLowerCase(Locale.ROOT);
            String requestHost = host == null ? "" : host.replaceFirst(":\\d+$", "").toLowerCase(Locale.ROOT);
            return LOCAL_HOSTS.contains(originHost) || originHost.equals(requestHost);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Response json(int status, JsonNode body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body.toString()).build();
    }
}

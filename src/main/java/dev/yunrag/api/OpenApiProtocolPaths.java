package dev.yunrag.api;

import java.math.BigDecimal;
import java.util.List;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * The operations whose wire format is another protocol's, described as they answer (the generator saw only
 * {@code String body} and {@code Response}): Dify's external knowledge API at {@code /api/dify/retrieval} (its request,
 * its records, its {@code {error_code, error_msg}} errors, its own key check, so no 401 or 429) and MCP at
 * {@code /mcp} (JSON-RPC in and out, errors in-band with 200, 202 for notifications, 403 for a foreign Origin, 405 on
 * GET and DELETE). Found by {@code OpenApiFuzzTest}.
 */
final class OpenApiProtocolPaths {

    static final String DIFY_ERROR = "DifyError";
    static final String JSON_RPC_ERROR = "JsonRpcResponse";
    private static final String JSON = "application/json";

    private OpenApiProtocolPaths() {
    }

    static void describe(OpenAPI openApi) {
        openApi.getComponents().addSchema(DIFY_ERROR, object()
                .addProperty("error_code", type(SchemaType.INTEGER)).addProperty("error_msg", type(SchemaType.STRING))
                .required(List.of("error_code", "error_msg"))
                .description("Dify's error shape: 1001 invalid Authorization header, 1002 authorization failed,"
                        + " 2001 knowledge base not found, else the HTTP status"));
        openApi.getComponents().addSchema(JSON_RPC_ERROR, object()
                .addProperty("jsonrpc", type(SchemaType.STRING))
                .addProperty("id", OASFactory.createSchema()
                        .type(List.of(SchemaType.STRING, SchemaType.INTEGER, SchemaType.NULL)))
                .addProperty("result", type(SchemaType.OBJECT))
                .addProperty("error", object().addProperty("code", type(SchemaType.INTEGER))
                        .addProperty("message", type(SchemaType.STRING)).required(List.of("code", "message")))
                .required(List.of("jsonrpc"))
                .description("A JSON-RPC 2.0 response: result, or error (errors of a request come with HTTP 200)"));
        PathItem dify = openApi.getPaths() == null ? null : openApi.getPaths().getPathItem("/api/dify/retrieval");
        if (dify != null && dify.getPOST() != null) {
            dify(dify.getPOST());
        }
        PathItem mcp = openApi.getPaths() == null ? null : openApi.getPaths().getPathItem("/mcp");
        if (mcp != null) {
            if (mcp.getPOST() != null) {
                mcpPost(mcp.getPOST());
            }
            for (Operation refused : new Operation[] {mcp.getGET(), mcp.getDELETE()}) {
                if (refused != null) {
                    mcpRefused(refused);
                }
            }
        }
    }

    private static void dify(Operation operation) {
        // Dify always sends retrieval_setting; without it (or its fields) the configured top-k and no threshold apply
        Schema setting = OASFactory.createSchema().type(List.of(SchemaType.OBJECT, SchemaType.NULL))
                .addProperty("top_k", OASFactory.createSchema().type(List.of(SchemaType.INTEGER, SchemaType.NULL))
                        .minimum(BigDecimal.ONE).maximum(BigDecimal.valueOf(100)))
                .addProperty("score_threshold", OASFactory.createSchema()
                        .type(List.of(SchemaType.NUMBER, SchemaType.NULL))
                        .minimum(BigDecimal.ZERO).maximum(BigDecimal.ONE));
        Schema condition = object()
                .addProperty("name", OASFactory.createSchema().type(List.of(SchemaType.STRING, SchemaType.ARRAY))
                        .items(type(SchemaType.STRING)).description("source, content_type or modified"))
                .addProperty("comparison_operator", type(SchemaType.STRING))
                .addProperty("value", OASFactory.createSchema().description("string, number or array of strings"))
                .required(List.of("name", "comparison_operator"));
        Schema request = object()
                .addProperty("knowledge_id", OASFactory.createSchema().type(List.of(SchemaType.STRING))
                        .pattern(OpenApiContract.COLLECTION_NAME)
                        .description("the collection's name: " + OpenApiContract.COLLECTION_NAME_RULE))
                .addProperty("query", nonBlank(2000))
                .addProperty("retrieval_setting", setting)
                .addProperty("metadata_condition", OASFactory.createSchema()
                        .type(List.of(SchemaType.OBJECT, SchemaType.NULL))
                        .addProperty("logical_operator", OASFactory.createSchema()
                                .type(List.of(SchemaType.STRING, SchemaType.NULL))
                                .enumeration(List.of("and", "or")))
                        .addProperty("conditions", OASFactory.createSchema()
                                .type(List.of(SchemaType.ARRAY, SchemaType.NULL)).items(condition)
                                .description("none: no filter")))
                .required(List.of("knowledge_id", "query"));
        operation.requestBody(OASFactory.createRequestBody().required(true).content(json(request)));
        Schema record = object().addProperty("content", type(SchemaType.STRING))
                .addProperty("score", OASFactory.createSchema().type(List.of(SchemaType.NUMBER))
                        .minimum(BigDecimal.ZERO).maximum(BigDecimal.ONE))
                .addProperty("title", type(SchemaType.STRING))
                .addProperty("metadata", type(SchemaType.OBJECT))
                .required(List.of("content", "score", "title", "metadata"));
        APIResponses responses = OASFactory.createAPIResponses()
                .addAPIResponse("200", response("The passages, best first", json(object()
                        .addProperty("records", OASFactory.createSchema().type(List.of(SchemaType.ARRAY))
                                .items(record)).required(List.of("records")))));
        for (String[] error : new String[][] {
                {"400", "Malformed request: no body, not JSON, a missing or wrong-typed field, a bad condition"},
                {"403", "1001: no 'Bearer <key>' header (when keys are configured); 1002: unknown key, or one that"
                        + " may not read this collection"},
                {"404", "2001: no collection has the knowledge_id's name"},
                {"500", "Retrieval failed unexpectedly"}}) {
            responses.addAPIResponse(error[0], response(error[1], json(ref(DIFY_ERROR))));
        }
        responses.addAPIResponse("413", response("Body larger than yunrag.security.max-json-bytes",
                problem()));
        operation.responses(responses);
    }

    private static void mcpPost(Operation operation) {
        Schema message = object().addProperty("jsonrpc", type(SchemaType.STRING))
                .addProperty("id", OASFactory.createSchema()
                        .type(List.of(SchemaType.STRING, SchemaType.INTEGER, SchemaType.NULL)))
                .addProperty("method", type(SchemaType.STRING))
                .addProperty("params", OASFactory.createSchema().type(List.of(SchemaType.OBJECT, SchemaType.NULL)));
        operation.requestBody(OASFactory.createRequestBody().required(true).content(json(OASFactory.createSchema()
                .anyOf(List.of(message, OASFactory.createSchema().type(List.of(SchemaType.ARRAY)).items(message)))
                .description("One JSON-RPC 2.0 message or a batch"))));
        Schema answer = OASFactory.createSchema().anyOf(List.of(ref(JSON_RPC_ERROR),
                OASFactory.createSchema().type(List.of(SchemaType.ARRAY)).items(ref(JSON_RPC_ERROR))));
        APIResponses responses = OASFactory.createAPIResponses()
                .addAPIResponse("200", response("The JSON-RPC response (or batch of responses); a failed request"
                        + " is a JSON-RPC error here too", json(answer)))
                .addAPIResponse("202", OASFactory.createAPIResponse()
                        .description("Notifications and client responses: accepted, no body"))
                .addAPIResponse("400", response("Not JSON, or an empty body (a JSON-RPC parse error)",
                        json(ref(JSON_RPC_ERROR))))
                .addAPIResponse("403", response("An Origin other than localhost or this host (DNS rebinding)",
                        json(ref(JSON_RPC_ERROR))));
        keyErrors(responses);
        responses.addAPIResponse("413", response("Body larger than yunrag.security.max-json-bytes", problem()));
        operation.responses(responses);
    }

    private static void mcpRefused(Operation operation) {
        APIResponses responses = OASFactory.createAPIResponses()
                .addAPIResponse("405", response("No server-initiated stream and no sessions: POST to /mcp",
                        OASFactory.createContent().addMediaType("text/plain", OASFactory.createMediaType()
                                .schema(type(SchemaType.STRING)))));
        keyErrors(responses);
        operation.responses(responses);
    }

    private static void keyErrors(APIResponses responses) {
        responses.addAPIResponse("401", response("Missing or unknown API key (only when keys are configured)",
                problem()));
        responses.addAPIResponse("429", response("Rate limit of this key exceeded; see the Retry-After header",
                problem()));
        responses.addAPIResponse("500", response("Unexpected server error", problem()));
    }

    private static org.eclipse.microprofile.openapi.models.responses.APIResponse response(String description,
                                                                                         Content content) {
        return OASFactory.createAPIResponse().description(description).content(content);
    }

    private static Content json(Schema schema) {
        return OASFactory.createContent().addMediaType(JSON, OASFactory.createMediaType().schema(schema));
    }

    private static Content problem() {
        return OASFactory.createContent().addMediaType(ApiError.MEDIA_TYPE, OASFactory.createMediaType()
                .schema(ref(OpenApiContract.PROBLEM)));
    }

    private static Schema ref(String name) {
        return OASFactory.createSchema().ref(name);
    }

    private static Schema object() {
        return type(SchemaType.OBJECT);
    }

    private static Schema type(SchemaType type) {
        return OASFactory.createSchema().type(List.of(type));
    }

    /** A required string with something in it. */
    static Schema nonBlank(int maxLength) {
        return OASFactory.createSchema().type(List.of(SchemaType.STRING)).minLength(1).maxLength(maxLength)
                .pattern("\\S");
    }
}

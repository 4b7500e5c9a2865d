package dev.yunrag.api;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * Makes {@code /q/openapi} describe what the API does (issue 18): every error status an operation can answer
 * (400, 401, 403, 404, 413, 429, 500 in the problem+json shape, OpenAI's shape on /v1), DELETE's 204, the bearer
 * key scheme, the request limits the resources enforce, and fields that may be null. The generated document knew
 * only the happy path. {@code OpenApiContractTest} checks real responses against the result.
 */
public class OpenApiContract implements OASFilter {

    static final String PROBLEM = "ApiError";
    static final String OPENAI_ERROR = "OpenAiError";
    static final String BEARER = "bearer";
    /** CollectionCatalog.validName's rule, as a pattern (OpenApiContractTest checks they agree). */
    static final String COLLECTION_NAME = "^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$";
    static final String COLLECTION_NAME_RULE = "1-64 letters, digits, '_', '.' or '-', starting with a letter or digit";
    /** What Filters accepts: blank (no filter), a date or an instant. */
    static final String DATE_OR_INSTANT = "^\\s*$|^\\d{4}-\\d{2}-\\d{2}(T\\S+)?$";

    @Override
    public void filterOpenAPI(OpenAPI openApi) {
        if (openApi.getComponents() == null) {
            openApi.setComponents(OASFactory.createComponents());
        }
        openApi.getComponents().addSecurityScheme(BEARER, OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.HTTP).scheme("bearer")
                .description("An API key from yunrag.security.keys, sent as 'Authorization: Bearer KEY'. Without"
                        + " configured keys the API is open and no header is needed."));
        openApi.addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme(BEARER));
        openApi.getComponents().addSchema(PROBLEM, problemSchema());
        openApi.getComponents().addSchema(OPENAI_ERROR, openAiErrorSchema());
        limits(openApi.getComponents().getSchemas());
        requiredFields(openApi.getComponents().getSchemas());
        nullableFields(openApi.getComponents().getSchemas());
        if (openApi.getPaths() == null) {
            return;
        }
        for (Map.Entry<String, PathItem> path : openApi.getPaths().getPathItems().entrySet()) {
            boolean openAi = path.getKey().startsWith("/v1");
            for (Map.Entry<PathItem.HttpMethod, Operation> op : path.getValue().getOperations().entrySet()) {
                errors(op.getValue(), op.getKey(), path.getKey(), openAi);
                collectionParameter(op.getValue());
            }
        }
        OpenApiProtocolPaths.describe(openApi);
        streams(openApi);
        documentListParameters(openApi.getPaths().getPathItem("/api/collections/{collection}/documents"));
        // generated from JAX-RS and Jackson types (OutboundSseEvent, JsonNode) that no body looks like; now unused
        for (String unused : List.of("OutboundSseEvent", "MediaType", "JsonNode", "JsonNodeType")) {
            openApi.getComponents().removeSchema(unused);
        }
    }

    /**
     * Server-sent events are text, not the JAX-RS OutboundSseEvent bean the generator described; the chat endpoint
     * streams them when the request says {@code "stream": true}.
     */
    private static void streams(OpenAPI openApi) {
        Schema events = OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING))
                .description("Server-sent events, one 'data:' line of JSON each");
        PathItem ask = openApi.getPaths().getPathItem("/api/ask/stream");
        if (ask != null && ask.getPOST() != null && ask.getPOST().getResponses().hasAPIResponse("200")) {
            ask.getPOST().getResponses().getAPIResponse("200").content(OASFactory.createContent()
                    .addMediaType("text/event-stream", OASFactory.createMediaType().schema(events)));
        }
        PathItem chat = openApi.getPaths().getPathItem("/v1/chat/completions");
        if (chat != null && chat.getPOST() != null && chat.getPOST().getResponses().hasAPIResponse("200")
                && chat.getPOST().getResponses().getAPIResponse("200").getContent() != null) {
            chat.getPOST().getResponses().getAPIResponse("200").getContent().addMediaType("text/event-stream",
                    OASFactory.createMediaType().schema(events));
        }
    }

    private static void collectionParameter(Operation operation) {
        if (operation.getParameters() == null) {
            return;
        }
        operation.getParameters().stream()
                .filter(p -> "collection".equals(p.getName()) && p.getSchema() != null)
                .forEach(p -> p.getSchema().pattern(COLLECTION_NAME).description(COLLECTION_NAME_RULE));
    }

    /** The document list's paging and sorting parameters, with the values DocumentListing accepts. */
    private static void documentListParameters(PathItem documents) {
        if (documents == null || documents.getGET() == null || documents.getGET().getParameters() == null) {
            return;
        }
        for (var parameter : documents.getGET().getParameters()) {
            Schema schema = parameter.getSchema();
            if (schema == null) {
                continue;
            }
            switch (parameter.getName()) {
                case "sort" -> schema.enumeration(List.of("title", "source", "type", "pages", "chunks", "size",
                        "ingested"));
                case "order" -> schema.enumeration(List.of("asc", "desc"));
                case "offset" -> schema.minimum(BigDecimal.ZERO);
                case "limit" -> schema.minimum(BigDecimal.ONE).maximum(BigDecimal.valueOf(DocumentListing.MAX_LIMIT));
                default -> {
                }
            }
        }
    }

    private static void errors(Operation operation, PathItem.HttpMethod method, String path, boolean openAi) {
        APIResponses responses = operation.getResponses();
        if (method == PathItem.HttpMethod.DELETE && responses.hasAPIResponse("200")) {
            responses.removeAPIResponse("200");
            responses.addAPIResponse("204", OASFactory.createAPIResponse().description("Deleted"));
        }
        String schema = openAi ? OPENAI_ERROR : PROBLEM;
        String media = openAi ? "application/json" : ApiError.MEDIA_TYPE;
        List<String> codes = new ArrayList<>(List.of("401", "429", "500"));
        boolean hasBody = method == PathItem.HttpMethod.POST || method == PathItem.HttpMethod.PUT;
        if (hasBody || path.contains("{")) {
            codes.add("400");
        }
        if (hasBody) {
            codes.add("413");
            codes.add("415");
        }
        if (path.contains("{") || hasBody) {
            codes.add("404");
        }
        codes.add("403");
        codes.add("414");
        if (path.startsWith("/api/collections/") && method != PathItem.HttpMethod.GET) {
            codes.add("409");
        }
        for (String code : codes) {
            if (code.equals("414")) {
                // answered by the HTTP layer before any resource, with an empty body
                responses.addAPIResponse(code, OASFactory.createAPIResponse().description(describe(code)));
                continue;
            }
            // the generator's own error entries ("400 Bad Request") declare no body, but every error has one
            if (!responses.hasAPIResponse(code) || responses.getAPIResponse(code).getContent() == null) {
                responses.addAPIResponse(code, OASFactory.createAPIResponse().description(describe(code))
                        .content(OASFactory.createContent().addMediaType(media, OASFactory.createMediaType()
                                .schema(OASFactory.createSchema().ref(schema)))));
            }
        }
    }

    private static String describe(String code) {
        return switch (code) {
            case "400" -> "Invalid request (bad JSON, a wrong type, a value out of range)";
            case "401" -> "Missing or unknown API key (only when keys are configured)";
            case "403" -> "The key may not do this or use this collection";
            case "404" -> "Unknown collection, document or model";
            case "409" -> "The collection is being written by another process";
            case "413" -> "Body larger than yunrag.security.max-json-bytes / max-body-bytes";
            case "415" -> "Unsupported Content-Type";
            case "414" -> "Path and query longer than quarkus.http.limits.max-initial-line-length (4096): no body";
            case "429" -> "Rate limit of this key exceeded; see the Retry-After header";
            default -> "Unexpected server error";
        };
    }

    private static Schema problemSchema() {
        return OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                .description("RFC 9457 problem details with a stable machine-readable code")
                .addProperty("type", string()).addProperty("title", string())
                .addProperty("status", OASFactory.createSchema().type(List.of(Schema.SchemaType.INTEGER)))
                .addProperty("code", string())
                .addProperty("detail", OASFactory.createSchema()
                        .type(List.of(Schema.SchemaType.STRING, Schema.SchemaType.NULL)))
                .required(List.of("type", "title", "status", "code"));
    }

    private static Schema openAiErrorSchema() {
        Schema error = OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                .addProperty("message", string()).addProperty("type", string())
                .addProperty("code", OASFactory.createSchema()
                        .type(List.of(Schema.SchemaType.STRING, Schema.SchemaType.NULL)))
                .required(List.of("message", "type"));
        return OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT)).addProperty("error", error)
                .required(List.of("error"));
    }

    private static Schema string() {
        return OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING));
    }

    /** The limits AskBody, SearchBody and the chat request enforce, declared. */
    private static void limits(Map<String, Schema> schemas) {
        limit(schemas, "AskBody", "question", 1, 2000);
        range(schemas, "AskBody", "topK", 1, 50);
        limit(schemas, "SearchBody", "query", 1, 2000);
        range(schemas, "SearchBody", "topK", 1, 100);
        range(schemas, "Options", "topK", 1, 50);
    }

    /**
     * What a request cannot do without: a question, a query, messages. Required and not null (the resources answer
     * 400 otherwise), and a question of blanks is no question; an OpenAI message's content is a string or content
     * parts, not the Jackson JsonNode bean the generator saw.
     */
    private static void requiredFields(Map<String, Schema> schemas) {
        for (String[] field : new String[][] {{"AskBody", "question"}, {"SearchBody", "query"},
                {"ChatCompletionRequest", "messages"}}) {
            property(schemas, field[0], field[1]).ifPresent(p -> {
                Schema schema = schemas.get(field[0]);
                List<String> required = new ArrayList<>(schema.getRequired() == null ? List.of() : schema.getRequired());
                required.add(field[1]);
                schema.setRequired(required);
                if (p.getType() != null && p.getType().contains(Schema.SchemaType.STRING)) {
                    p.pattern("\\S");
                }
                if (p.getType() != null && p.getType().contains(Schema.SchemaType.ARRAY)) {
                    p.minItems(1);
                }
            });
        }
        property(schemas, "Message", "content").ifPresent(content -> {
            content.setRef(null);
            Schema part = OASFactory.createSchema().anyOf(List.of(string(),
                    OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                            .addProperty("type", string()).addProperty("text", string())));
            content.setAnyOf(List.of(string(), OASFactory.createSchema().type(List.of(Schema.SchemaType.ARRAY))
                    .items(part), OASFactory.createSchema().type(List.of(Schema.SchemaType.NULL))));
            content.description("A string or content parts; the last message's text is the question (1-2000"
                    + " characters, not blank: 400 invalid_question otherwise)");
        });
        property(schemas, "Message", "role").ifPresent(role -> role.description("The last message must be the"
                + " user's (400 invalid_messages otherwise)"));
        // A history turn needs its role (the follow-up rules read it); "user" was the generator reading isUser().
        property(schemas, "Turn", "role").ifPresent(role -> {
            Schema turn = schemas.get("Turn");
            turn.setRequired(List.of("role"));
            turn.removeProperty("user");
        });
        for (String[] field : new String[][] {{"AskBody", "collection"}, {"SearchBody", "collection"}}) {
            property(schemas, field[0], field[1]).ifPresent(p -> p.pattern(COLLECTION_NAME)
                    .description("A collection name: " + COLLECTION_NAME_RULE + " (default: yunrag.default-collection)"));
        }
        property(schemas, "Filters", "modifiedAfter").ifPresent(p -> p.pattern(DATE_OR_INSTANT)
                .description("A date (2025-01-31) or an ISO-8601 instant (2025-01-31T08:00:00Z)"));
    }

    private static void limit(Map<String, Schema> schemas, String schema, String property, int min, int max) {
        property(schemas, schema, property).ifPresent(p -> p.minLength(min).maxLength(max));
    }

    private static void range(Map<String, Schema> schemas, String schema, String property, int min, int max) {
        property(schemas, schema, property)
                .ifPresent(p -> p.minimum(BigDecimal.valueOf(min)).maximum(BigDecimal.valueOf(max)));
    }

    private static java.util.Optional<Schema> property(Map<String, Schema> schemas, String schema, String property) {
        if (schemas == null || !schemas.containsKey(schema) || schemas.get(schema).getProperties() == null) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.ofNullable(schemas.get(schema).getProperties().get(property));
    }

    /**
     * Responses write absent values as null (records with nothing to say: no API timings, no page), so every
     * property that is not required may be null; the generated document typed them string/integer only.
     */
    private static void nullableFields(Map<String, Schema> schemas) {
        if (schemas == null) {
            return;
        }
        for (Map.Entry<String, Schema> entry : schemas.entrySet()) {
            if (entry.getKey().equals(PROBLEM) || entry.getKey().equals(OPENAI_ERROR)) {
                continue;
            }
            Schema schema = entry.getValue();
            if (schema.getProperties() == null) {
                continue;
            }
            List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
            for (Map.Entry<String, Schema> property : schema.getProperties().entrySet()) {
                if (!required.contains(property.getKey())) {
                    allowNull(property.getValue());
                }
            }
        }
    }

    private static void allowNull(Schema schema) {
        if (schema.getRef() != null) {
            // a $ref cannot carry a type of its own: wrap it
            Schema ref = OASFactory.createSchema().ref(schema.getRef());
            schema.setRef(null);
            schema.anyOf(List.of(ref, OASFactory.createSchema().type(List.of(Schema.SchemaType.NULL))));
            return;
        }
        List<Schema.SchemaType> types = schema.getType();
        if (types != null && !types.isEmpty() && !types.contains(Schema.SchemaType.NULL)) {
            List<Schema.SchemaType> withNull = new ArrayList<>(types);
            withNull.add(Schema.SchemaType.NULL);
            schema.setType(withNull);
        }
    }
}

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
        nullableFields(openApi.getComponents().getSchemas());
        if (openApi.getPaths() == null) {
            return;
        }
        for (Map.Entry<String, PathItem> path : openApi.getPaths().getPathItems().entrySet()) {
            boolean openAi = path.getKey().startsWith("/v1");
            for (Map.Entry<PathItem.HttpMethod, Operation> op : path.getValue().getOperations().entrySet()) {
                errors(op.getValue(), op.getKey(), path.getKey(), openAi);
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
        if (path.startsWith("/api/collections/") && method != PathItem.HttpMethod.GET) {
            codes.add("409");
        }
        for (String code : codes) {
            if (!responses.hasAPIResponse(code)) {
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

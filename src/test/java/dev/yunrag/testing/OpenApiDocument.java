package dev.yunrag.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The served OpenAPI 3.1 document ({@code /q/openapi?format=json}) as a contract a response is checked against: the
 * status must be declared for the operation, a body must come in a declared media type, and a JSON body must fit the
 * declared schema. The schema check is a small validator of the subset the document uses: {@code type} (a name or a
 * list, {@code nullable} too), {@code required}, {@code properties}, {@code items}, {@code enum}, {@code $ref} into
 * {@code components/schemas}, {@code anyOf}/{@code oneOf}/{@code allOf}, string lengths, {@code pattern}, item counts
 * and numeric bounds. It checks request bodies against the document too (the fuzz's expectation of 2xx or 4xx).
 */
public final class OpenApiDocument {

    private final JsonNode document;

    public OpenApiDocument(JsonNode document) {
        this.document = document;
    }

    public JsonNode json() {
        return document;
    }

    public JsonNode operation(String method, String path) {
        return document.path("paths").path(path).path(method.toLowerCase());
    }

    /**
     * What is wrong with a response to an operation of the document; empty when it fits.
     *
     * @param contentType the response's Content-Type header, or null
     * @param body        the response body ("" when none)
     */
    public List<String> violations(String method, String path, int status, String contentType, String body) {
        String where = method.toUpperCase() + " " + path + " -> " + status;
        JsonNode operation = operation(method, path);
        if (operation.isMissingNode()) {
            return List.of(where + ": no such operation in the document");
        }
        JsonNode declared = operation.path("responses").path(String.valueOf(status));
        if (declared.isMissingNode()) {
            return List.of(where + ": status not declared (declared: " + fieldNames(operation.path("responses"))
                    + ")");
        }
        if (body == null || body.isEmpty()) {
            return List.of();
        }
        String media = contentType == null ? "" : contentType.split(";")[0].strip();
        JsonNode content = declared.path("content");
        if (content.isMissingNode() || content.isEmpty()) {
            return List.of(where + ": a " + (media.isEmpty() ? "" : media + " ") + "body where the document declares"
                    + " none");
        }
        JsonNode mediaType = content.path(media);
        if (mediaType.isMissingNode()) {
            return List.of(where + ": media type '" + media + "' not declared (declared: " + fieldNames(content) + ")");
        }
        if (!media.endsWith("json")) {
            return List.of(); // text/event-stream, text/plain: the media type is the contract
        }
        JsonNode value;
        try {
            value = Json.read(body);
        } catch (AssertionError e) {
            return List.of(where + ": declared " + media + " but the body is not JSON");
        }
        List<String> problems = new ArrayList<>();
        validate(value, mediaType.path("schema"), where + " $", problems);
        return problems;
    }

    /** Problems of a JSON value against a schema of this document. */
    public void validate(JsonNode value, JsonNode schema, String at, List<String> problems) {
        if (schema.has("$ref")) {
            validate(value, resolve(schema), at, problems);
            return;
        }
        if (schema.has("anyOf") || schema.has("oneOf")) {
            for (JsonNode option : schema.has("anyOf") ? schema.get("anyOf") : schema.get("oneOf")) {
                List<String> attempt = new ArrayList<>();
                validate(value, option, at, attempt);
                if (attempt.isEmpty()) {
                    return;
                }
            }
            problems.add(at + ": " + typeOf(value) + " matches none of " + (schema.has("anyOf") ? "anyOf" : "oneOf"));
            return;
        }
        if (schema.has("allOf")) {
            schema.get("allOf").forEach(part -> validate(value, part, at, problems));
        }
        List<String> types = types(schema);
        if (!types.isEmpty() && !types.contains(typeOf(value))
                && !(typeOf(value).equals("integer") && types.contains("number"))) {
            problems.add(at + ": " + typeOf(value) + " where the document says " + types);
            return;
        }
        if (schema.has("enum") && !value.isNull()) {
            boolean listed = false;
            for (JsonNode allowed : schema.get("enum")) {
                listed |= allowed.equals(value);
            }
            if (!listed) {
                problems.add(at + ": " + value + " is not one of " + schema.get("enum"));
            }
        }
        bounds(value, schema, at, problems);
        if (value.isObject()) {
            for (JsonNode required : schema.path("required")) {
                if (!value.has(required.asText())) {
                    problems.add(at + ": required '" + required.asText() + "' missing");
                }
            }
            JsonNode properties = schema.path("properties");
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (properties.has(field.getKey())) {
                    validate(field.getValue(), properties.get(field.getKey()), at + "." + field.getKey(), problems);
                }
            }
        } else if (value.isArray() && schema.has("items")) {
            int i = 0;
            for (JsonNode item : value) {
                validate(item, schema.get("items"), at + "[" + i++ + "]", problems);
            }
        }
    }

    /** {@code minLength}/{@code maxLength} (in code points), {@code pattern}, {@code minimum}/{@code maximum}. */
    private static void bounds(JsonNode value, JsonNode schema, String at, List<String> problems) {
        if (value.isTextual()) {
            int length = value.asText().codePointCount(0, value.asText().length());
            if (schema.has("minLength") && length < schema.get("minLength").asInt()) {
                problems.add(at + ": " + length + " characters, under minLength " + schema.get("minLength"));
            }
            if (schema.has("maxLength") && length > schema.get("maxLength").asInt()) {
                problems.add(at + ": " + length + " characters, over maxLength " + schema.get("maxLength"));
            }
            if (schema.has("pattern")
                    && !java.util.regex.Pattern.compile(schema.get("pattern").asText()).matcher(value.asText()).find()) {
                problems.add(at + ": does not match pattern " + schema.get("pattern"));
            }
        } else if (value.isArray()) {
            if (schema.has("minItems") && value.size() < schema.get("minItems").asInt()) {
                problems.add(at + ": " + value.size() + " items, under minItems " + schema.get("minItems"));
            }
            if (schema.has("maxItems") && value.size() > schema.get("maxItems").asInt()) {
                problems.add(at + ": " + value.size() + " items, over maxItems " + schema.get("maxItems"));
            }
        } else if (value.isNumber()) {
            if (schema.has("minimum") && value.decimalValue().compareTo(schema.get("minimum").decimalValue()) < 0) {
                problems.add(at + ": " + value + " under minimum " + schema.get("minimum"));
            }
            if (schema.has("maximum") && value.decimalValue().compareTo(schema.get("maximum").decimalValue()) > 0) {
                problems.add(at + ": " + value + " over maximum " + schema.get("maximum"));
            }
        }
    }

    /** A {@code $ref}'s target (or the schema itself). */
    public JsonNode resolve(JsonNode schema) {
        while (schema.has("$ref")) {
            String name = schema.get("$ref").asText().replace("#/components/schemas/", "");
            schema = document.path("components").path("schemas").path(name);
        }
        return schema;
    }

    /** The JSON types a schema allows, {@code null} included when it is nullable; empty: any. */
    public static List<String> types(JsonNode schema) {
        List<String> types = new ArrayList<>();
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            type.forEach(t -> types.add(t.asText()));
        } else if (type.isTextual()) {
            types.add(type.asText());
        }
        if (schema.path("nullable").asBoolean(false)) {
            types.add("null");
        }
        return types;
    }

    public static String typeOf(JsonNode value) {
        if (value.isNull()) {
            return "null";
        }
        if (value.isIntegralNumber()) {
            return "integer";
        }
        if (value.isNumber()) {
            return "number";
        }
        if (value.isBoolean()) {
            return "boolean";
        }
        if (value.isTextual()) {
            return "string";
        }
        return value.isArray() ? "array" : "object";
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}

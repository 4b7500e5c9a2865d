package dev.yunrag.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Says what is wrong with a request body in the words of JSON ("'question' must be a string"), never of the Java
 * classes behind it: Jackson's own messages name types such as {@code java.lang.Integer} and our record classes.
 */
final class JsonErrorText {

    private JsonErrorText() {
    }

    static String describe(JsonProcessingException e) {
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            String where = path(mismatch);
            String expected = jsonType(mismatch.getTargetType());
            return where.isEmpty()
                    ? "The request body must be a JSON " + expected + "."
                    : "'" + where + "' must be " + article(expected) + " " + expected + ".";
        }
        if (e instanceof DatabindException databind) {
            String where = path(databind);
            return where.isEmpty() ? "The request body does not fit this endpoint."
                    : "'" + where + "' has a value this endpoint does not accept.";
        }
        // a syntax error: Jackson's text here describes the JSON, not Java (the source location is left out)
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        return "The request body is not valid JSON: " + message.replaceAll("`[^`]*`", "a value")
                .replaceAll("\\s+", " ").strip();
    }

    private static String path(DatabindException e) {
        if (!(e instanceof JsonMappingException mapping)) {
            return "";
        }
        return mapping.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    static String jsonType(Class<?> type) {
        if (CharSequence.class.isAssignableFrom(type) || type.isEnum() || type == Character.class) {
            return "string";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class) {
            return "integer";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "boolean";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "array";
        }
        if (Map.class.isAssignableFrom(type) || !type.isPrimitive()) {
            return "object";
        }
        return "value";
    }

    private static String article(String type) {
        return type.startsWith("a") || type.startsWith("i") || type.startsWith("o") ? "an" : "a";
    }
}

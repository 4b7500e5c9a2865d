package dev.yunrag.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.yunrag.testing.Json;
import dev.yunrag.testing.OpenApiDocument;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 18: a fuzz run driven by the served OpenAPI document. Every operation of {@code /q/openapi} gets requests
 * generated from its own description: a valid one (values from the schemas, names the fixture knows), and variants of
 * it: every key situation (admin, reader, a reader of another collection, none, unknown), every path and query
 * parameter at its boundaries and beyond, wrong-typed and absurd, and for JSON bodies every property missing, null,
 * of each wrong type, at and past its limits, one level down into nested objects and array items too, plus bodies
 * empty, truncated, of the wrong shape, the wrong media type and over the size limit. Against the running server
 * (the real HTTP stack, keys on) every response must:
 * <ul>
 * <li>not be a 5xx;</li>
 * <li>have a status, a media type and a body the document declares for that operation ({@link OpenApiDocument});</li>
 * <li>agree with the document on the request: a request that fits the request schema is not refused as invalid
 * (400), and one that does not fit is not accepted (2xx).</li>
 * </ul>
 * The counts are printed; docs/reliability.md records them. Slow: about a thousand requests, a few hundred of them
 * answered questions (two minutes here).
 */
@QuarkusTest
@TestProfile(ApiKeysTest.WithKeys.class)
@Tag("slow")
class OpenApiFuzzTest {

    private static final String COLLECTION = "openapi-fuzz";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String WRONG_KEY = "not-a-key-of-this-server-0000";
    /** Over yunrag.security.max-json-bytes (1 MiB). */
    private static final int OVERSIZED_CHARS = 400_000;

    @TestHTTPResource("/")
    URI base;

    // HTTP/1.1 as clients of a REST API speak it (no h2c upgrade offer, which Vert.x answers by closing the
    // connection when it refuses the request line)
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private OpenApiDocument document;
    private String documentId;
    private final List<String> violations = new ArrayList<>();
    private final Map<Integer, Integer> statuses = new TreeMap<>();
    private int requests;

    /** One generated request; {@code fitsSchema} is null when the document cannot say (no body schema). */
    private record Call(String method, String template, String path, String contentType, byte[] body, String key,
                        String label, Boolean fitsSchema, String origin) {
        Call(String method, String template, String path, String contentType, byte[] body, String key, String label,
             Boolean fitsSchema) {
            this(method, template, path, contentType, body, key, label, fitsSchema, null);
        }

        Call withOrigin(String value) {
            return new Call(method, template, path, contentType, body, key, label, fitsSchema, value);
        }
    }

    @Test
    void everyOperationKeepsItsDocumentedContract() throws Exception {
        document = new OpenApiDocument(Json.read(send(new Call("GET", null, "/q/openapi?format=json", null, null,
                ApiKeysTest.ADMIN, "document", null)).body()));
        HttpResponse<String> upload = send(new Call("POST", null, "/api/collections/" + COLLECTION + "/documents",
                multipartType(), multipart("file", "leave.md", "# 年假\n\n员工每年有十五天年假。\n"), ApiKeysTest.ADMIN,
                "fixture", null));
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(200);
        documentId = Json.read(send(new Call("GET", null, "/api/collections/" + COLLECTION + "/documents", null,
                null, ApiKeysTest.ADMIN, "fixture", null)).body()).path(0).path("documentId").asText();

        List<String[]> operations = new ArrayList<>();
        document.json().path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames()
                .forEachRemaining(method -> operations.add(new String[] {method.toUpperCase(), path.getKey()})));
        // deletes last: they would take the fixture away from the others
        operations.sort((a, b) -> Boolean.compare(a[0].equals("DELETE"), b[0].equals("DELETE")));
        Map<String, Integer> perOperation = new LinkedHashMap<>();
        for (String[] op : operations) {
            int before = requests;
            for (Call call : calls(op[0], op[1])) {
                check(call);
            }
            perOperation.put(op[0] + " " + op[1], requests - before);
        }
        System.out.printf("OpenAPI fuzz: %d requests over %d operations, statuses %s, %d violations%n", requests,
                operations.size(), statuses, violations.size());
        perOperation.forEach((op, n) -> System.out.printf("  %-55s %4d%n", op, n));
        violations.forEach(v -> System.out.println("  VIOLATION " + v));
        assertThat(violations).as("responses off the document").isEmpty();
        assertThat(statuses.keySet()).as("no 5xx").allMatch(status -> status < 500);
        assertThat(operations).hasSizeGreaterThanOrEqualTo(18);
        assertThat(requests).isGreaterThan(900);
    }

    private void check(Call call) throws InterruptedException {
        String where = call.method() + " " + abbreviate(call.path(), 80) + " [" + call.label() + ", key "
                + keyName(call.key()) + "]";
        HttpResponse<String> response;
        try {
            response = send(call);
        } catch (IOException e) {
            violations.add(where + ": no HTTP response (" + e + ")");
            return;
        }
        int status = response.statusCode();
        statuses.merge(status, 1, Integer::sum);
        if (status >= 500) {
            violations.add(where + ": " + status + " " + preview(response.body()));
            return;
        }
        String contentType = response.headers().firstValue("Content-Type").orElse(null);
        for (String problem : document.violations(call.method(), call.template(), status, contentType,
                response.body())) {
            violations.add(where + ": " + problem + " " + preview(response.body()));
        }
        boolean admitted = ApiKeysTest.ADMIN.equals(call.key());
        if (admitted && Boolean.TRUE.equals(call.fitsSchema()) && status == 400
                && !crossFieldRule(call, response.body())) {
            violations.add(where + ": fits the request schema but answered 400 " + preview(response.body()));
        }
        if (admitted && Boolean.FALSE.equals(call.fitsSchema()) && status < 300) {
            violations.add(where + ": outside the request schema but answered " + status);
        }
    }

    /**
     * A rule no JSON schema of one message can state, which the document says in words: on /v1 the last message is
     * the question, so it must be the user's ({@code invalid_messages}) and its text 1-2000 characters, not blank
     * ({@code invalid_question}), whatever the other messages may be.
     */
    private static boolean crossFieldRule(Call call, String body) {
        if (!call.template().startsWith("/v1")) {
            return false;
        }
        String code = Json.read(body).path("error").path("code").asText();
        return code.equals("invalid_messages") || code.equals("invalid_question");
    }

    private List<Call> calls(String method, String template) throws IOException {
        JsonNode operation = document.operation(method, template);
        Map<String, String> pathValues = new LinkedHashMap<>();
        Map<String, String> queryValues = new LinkedHashMap<>();
        for (JsonNode parameter : operation.path("parameters")) {
            if (parameter.path("in").asText().equals("path")) {
                pathValues.put(parameter.path("name").asText(), validPathValue(parameter.path("name").asText()));
            }
        }
        List<Call> calls = new ArrayList<>();
        Body valid = validBody(method, template, operation);
        String validPath = path(template, pathValues, queryValues);
        // every key situation on the valid request
        for (String key : new String[] {ApiKeysTest.ADMIN, ApiKeysTest.READER, ApiKeysTest.HR, null, WRONG_KEY}) {
            calls.add(new Call(method, template, validPath, valid.contentType(), valid.bytes(), key, "valid",
                    valid.fits()));
        }
        // path parameters at and past their limits
        for (String name : pathValues.keySet()) {
            for (String value : List.of("no-such-" + name, "..", "a".repeat(300), "中文名", " ", "%00", "a/b",
                    "-1", "%E0%A4", "%FF")) {
                Map<String, String> changed = new LinkedHashMap<>(pathValues);
                changed.put(name, value);
                calls.add(new Call(method, template, path(template, changed, queryValues), valid.contentType(),
                        valid.bytes(), ApiKeysTest.ADMIN, "path " + name + "=" + abbreviate(value), null));
            }
        }
        // query and header parameters
        for (JsonNode parameter : operation.path("parameters")) {
            String in = parameter.path("in").asText();
            String name = parameter.path("name").asText();
            if (in.equals("query")) {
                for (String value : queryValues(parameter.path("schema"))) {
                    Map<String, String> query = Map.of(name, value);
                    calls.add(new Call(method, template, path(template, pathValues, query), valid.contentType(),
                            valid.bytes(), ApiKeysTest.ADMIN, "query " + name + "=" + abbreviate(value), null));
                }
            }
        }
        if (template.equals("/mcp") && method.equals("POST")) {
            for (String origin : List.of("http://evil.example", "http://localhost:3000", "null")) {
                calls.add(new Call(method, template, validPath, valid.contentType(), valid.bytes(), ApiKeysTest.ADMIN,
                        "Origin: " + origin, null).withOrigin(origin));
            }
        }
        calls.addAll(bodyVariants(method, template, validPath, operation, valid));
        if (template.equals("/mcp") && method.equals("POST")) {
            calls.addAll(mcpMessages(validPath));
        }
        if (template.equals("/api/dify/retrieval")) {
            calls.addAll(difyConditions(validPath));
        }
        return calls;
    }

    /** Every JSON-RPC method the server knows, with good and bad params, plus unknown ones and a batch. */
    private List<Call> mcpMessages(String path) throws IOException {
        String uri = "yunrag://collections/" + COLLECTION + "/documents/" + documentId;
        List<String> messages = List.of(
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
                        + "\"capabilities\":{},\"clientInfo\":{\"name\":\"fuzz\",\"version\":\"1\"}}}",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"1999-01-01\"}}",
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"list_collections\"}}",
                "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\",\"params\":{\"name\":\"search\",\"arguments\":"
                        + "{\"query\":\"年假\",\"collection\":\"" + COLLECTION + "\",\"top_k\":3}}}",
                "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\",\"params\":{\"name\":\"search\",\"arguments\":"
                        + "{\"query\":\"年假\",\"top_k\":\"many\"}}}",
                "{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"tools/call\",\"params\":{\"name\":\"search\",\"arguments\":"
                        + "{\"query\":\"\",\"top_k\":1000}}}",
                "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"ask\",\"arguments\":"
                        + "{\"question\":\"员工每年有几天年假？\",\"collection\":\"" + COLLECTION + "\"}}}",
                "{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"tools/call\",\"params\":{\"name\":\"ask\",\"arguments\":"
                        + "{\"question\":\"x\",\"collection\":\"../etc\"}}}",
                "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tools/call\",\"params\":{\"name\":\"no_such_tool\"}}",
                "{\"jsonrpc\":\"2.0\",\"id\":10,\"method\":\"tools/call\",\"params\":null}",
                "{\"jsonrpc\":\"2.0\",\"id\":11,\"method\":\"resources/list\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":12,\"method\":\"resources/list\",\"params\":{\"cursor\":\"garbage\"}}",
                "{\"jsonrpc\":\"2.0\",\"id\":13,\"method\":\"resources/templates/list\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":14,\"method\":\"resources/read\",\"params\":{\"uri\":\"" + uri + "\"}}",
                "{\"jsonrpc\":\"2.0\",\"id\":15,\"method\":\"resources/read\",\"params\":{\"uri\":\"file:///etc/passwd\"}}",
                "{\"jsonrpc\":\"2.0\",\"id\":16,\"method\":\"resources/read\",\"params\":{}}",
                "{\"jsonrpc\":\"2.0\",\"id\":17,\"method\":\"no/such/method\"}",
                "{\"jsonrpc\":\"1.0\",\"id\":18,\"method\":\"ping\"}",
                "[{\"jsonrpc\":\"2.0\",\"id\":19,\"method\":\"ping\"},{\"jsonrpc\":\"2.0\",\"method\":\"notifications/x\"},7]",
                "[]");
        List<Call> calls = new ArrayList<>();
        for (String message : messages) {
            // JSON-RPC reports a bad request in-band (HTTP 200 with an error member): judged on the response only
            calls.add(new Call("POST", "/mcp", path, "application/json", message.getBytes(StandardCharsets.UTF_8),
                    ApiKeysTest.ADMIN, "JSON-RPC " + abbreviate(message, 60), null));
        }
        return calls;
    }

    /** Every comparison operator of Dify's spec (and the older aliases) on every filterable name and an unknown one. */
    private List<Call> difyConditions(String path) throws IOException {
        List<String> operators = List.of("contains", "not contains", "start with", "end with", "is", "is not", "in",
                "not in", "empty", "not empty", "=", "≠", ">", "<", "≥", "≤", "before", "after", "null", "not null",
                "!=", ">=", "<=", "like");
        List<Call> calls = new ArrayList<>();
        for (String name : List.of("source", "content_type", "modified", "no_such_field")) {
            for (String operator : operators) {
                JsonNode value = operator.endsWith("in") ? NODES.arrayNode().add("leave.md").add("x.md")
                        : name.equals("modified") ? NODES.numberNode(1_700_000_000) : NODES.textNode("leave");
                ObjectNode body = NODES.objectNode().put("knowledge_id", COLLECTION).put("query", "年假");
                body.putObject("retrieval_setting").put("top_k", 3).put("score_threshold", 0.0);
                ObjectNode condition = body.putObject("metadata_condition").put("logical_operator", "or")
                        .putArray("conditions").addObject().put("name", name).put("comparison_operator", operator);
                condition.set("value", value);
                // whether an operator fits a field is a rule between two values: judged on the response only
                calls.add(new Call("POST", "/api/dify/retrieval", path, "application/json",
                        JSON.writeValueAsBytes(body), ApiKeysTest.ADMIN, "condition " + name + " " + operator, null));
            }
        }
        return calls;
    }

    // ---- request bodies ------------------------------------------------------------------------------------------

    private record Body(String contentType, byte[] bytes, Boolean fits) {
    }

    private Body validBody(String method, String template, JsonNode operation) throws IOException {
        JsonNode content = operation.path("requestBody").path("content");
        if (content.has("multipart/form-data")) {
            return new Body(multipartType(), multipart("file", "fuzz.md", "# 病假\n\n病假需要医院证明。\n"), null);
        }
        JsonNode schema = jsonSchema(content);
        if (schema == null) {
            return new Body(null, null, null);
        }
        JsonNode value = valid(schema, template, "");
        return new Body("application/json", JSON.writeValueAsBytes(value), fits(value, schema));
    }

    private static JsonNode jsonSchema(JsonNode content) {
        if (content.has("application/json")) {
            return content.path("application/json").path("schema");
        }
        return null;
    }

    private List<Call> bodyVariants(String method, String template, String path, JsonNode operation, Body valid)
            throws IOException {
        List<Call> calls = new ArrayList<>();
        JsonNode content = operation.path("requestBody").path("content");
        if (content.has("multipart/form-data")) {
            calls.add(call(method, template, path, multipartType(), multipart("upload", "x.md", "x"), "part not 'file'"));
            calls.add(call(method, template, path, multipartType(), ("--" + BOUNDARY + "--\r\n").getBytes(), "no part"));
            calls.add(call(method, template, path, multipartType(), multipart("file", "", "x"), "no file name"));
            calls.add(call(method, template, path, multipartType(), multipart("file", "blob.bin", "\u0000\u0001\u00ff"),
                    "unsupported file"));
            calls.add(call(method, template, path, multipartType(), multipart("file", "../../etc/passwd", "x"),
                    "file name with .."));
            calls.add(call(method, template, path, "application/json", "{}".getBytes(), "JSON to an upload"));
            calls.add(call(method, template, path, multipartType(), "garbage".getBytes(), "not multipart"));
            return calls;
        }
        JsonNode schema = jsonSchema(content);
        if (schema == null) {
            return calls;
        }
        for (String raw : List.of("", "null", "[]", "{", "\"text\"", "42", "{\"a\":", "[".repeat(5000))) {
            calls.add(new Call(method, template, path, "application/json", raw.getBytes(StandardCharsets.UTF_8),
                    ApiKeysTest.ADMIN, "raw body " + abbreviate(raw), null));
        }
        calls.add(new Call(method, template, path, "text/plain", valid.bytes(), ApiKeysTest.ADMIN, "text/plain", null));
        calls.add(new Call(method, template, path, null, valid.bytes(), ApiKeysTest.ADMIN, "no Content-Type", null));
        String huge = "{\"x\":\"" + "长".repeat(OVERSIZED_CHARS) + "\"}";
        calls.add(new Call(method, template, path, "application/json", huge.getBytes(StandardCharsets.UTF_8),
                ApiKeysTest.ADMIN, "oversized", false));
        ObjectNode validValue = (ObjectNode) JSON.readTree(valid.bytes());
        ObjectNode unknown = validValue.deepCopy();
        unknown.put("unknownField", 1);
        calls.add(json(method, template, path, unknown, schema, "unknown field"));
        for (Map.Entry<List<String>, JsonNode> mutation : mutations(schema, validValue, template).entrySet()) {
            calls.add(json(method, template, path, mutation.getValue(), schema, String.join(" ", mutation.getKey())));
        }
        return calls;
    }

    private Call call(String method, String template, String path, String type, byte[] body, String label) {
        return new Call(method, template, path, type, body, ApiKeysTest.ADMIN, label, null);
    }

    private Call json(String method, String template, String path, JsonNode body, JsonNode schema, String label)
            throws IOException {
        return new Call(method, template, path, "application/json", JSON.writeValueAsBytes(body), ApiKeysTest.ADMIN,
                label, fits(body, schema));
    }

    private Boolean fits(JsonNode value, JsonNode schema) {
        List<String> problems = new ArrayList<>();
        document.validate(value, schema, "$", problems);
        return problems.isEmpty();
    }

    /**
     * The valid body with one property changed: missing, null, each wrong type, each boundary; one level down into
     * object properties and array items. Keyed by a label.
     */
    private Map<List<String>, JsonNode> mutations(JsonNode schema, ObjectNode valid, String template) {
        Map<List<String>, JsonNode> out = new LinkedHashMap<>();
        JsonNode object = document.resolve(schema);
        for (Iterator<Map.Entry<String, JsonNode>> it = object.path("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> property = it.next();
            String name = property.getKey();
            for (Map.Entry<String, JsonNode> value : values(property.getValue(), template, name).entrySet()) {
                ObjectNode changed = valid.deepCopy();
                if (value.getValue() == null) {
                    changed.remove(name);
                } else {
                    changed.set(name, value.getValue());
                }
                out.put(List.of(name, value.getKey()), changed);
            }
            JsonNode inner = nestedObject(property.getValue());
            JsonNode current = valid.get(name);
            if (inner != null && current != null) {
                boolean array = current.isArray();
                ObjectNode element = (ObjectNode) (array ? current.path(0) : current);
                if (element.isMissingNode() || !element.isObject()) {
                    continue;
                }
                for (Map.Entry<List<String>, JsonNode> deeper : shallowMutations(inner, element, template).entrySet()) {
                    ObjectNode changed = valid.deepCopy();
                    changed.set(name, array ? NODES.arrayNode().add(deeper.getValue()) : deeper.getValue());
                    out.put(List.of(name + (array ? "[0]" : "") + "." + deeper.getKey().get(0),
                            deeper.getKey().get(1)), changed);
                }
            }
        }
        return out;
    }

    private Map<List<String>, JsonNode> shallowMutations(JsonNode schema, ObjectNode valid, String template) {
        Map<List<String>, JsonNode> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> property = it.next();
            for (Map.Entry<String, JsonNode> value : values(property.getValue(), template, property.getKey())
                    .entrySet()) {
                ObjectNode changed = valid.deepCopy();
                if (value.getValue() == null) {
                    changed.remove(property.getKey());
                } else {
                    changed.set(property.getKey(), value.getValue());
                }
                out.put(List.of(property.getKey(), value.getKey()), changed);
            }
        }
        return out;
    }

    /** The object schema a property holds (directly, through a nullable anyOf, or as array items), else null. */
    private JsonNode nestedObject(JsonNode property) {
        JsonNode schema = property;
        if (schema.has("anyOf")) {
            for (JsonNode option : schema.get("anyOf")) {
                if (option.has("$ref")) {
                    schema = option;
                }
            }
        }
        if (schema.has("items")) {
            schema = schema.get("items");
        }
        JsonNode resolved = document.resolve(schema);
        return resolved.has("properties") ? resolved : null;
    }

    /** Values to put in a property: absent (null key in the map means remove), null, wrong types, boundaries. */
    private Map<String, JsonNode> values(JsonNode property, String template, String name) {
        Map<String, JsonNode> values = new LinkedHashMap<>();
        values.put("missing", null);
        values.put("null", NODES.nullNode());
        JsonNode schema = document.resolve(property);
        List<String> types = OpenApiDocument.types(schema);
        if (schema.has("anyOf")) {
            types = new ArrayList<>();
            for (JsonNode option : schema.get("anyOf")) {
                types.addAll(option.has("$ref") ? List.of("object") : OpenApiDocument.types(option));
            }
        }
        Map<String, JsonNode> wrong = Map.of("string", NODES.textNode("x"), "integer", NODES.numberNode(7),
                "number", NODES.numberNode(1.5), "boolean", NODES.booleanNode(true), "array", NODES.arrayNode(),
                "object", NODES.objectNode());
        for (Map.Entry<String, JsonNode> type : wrong.entrySet()) {
            if (!types.isEmpty() && !types.contains(type.getKey())
                    && !(type.getKey().equals("integer") && types.contains("number"))) {
                values.put("as " + type.getKey(), type.getValue());
            }
        }
        if (types.contains("string")) {
            values.put("empty", NODES.textNode(""));
            values.put("blank", NODES.textNode("   "));
            values.put("NUL", NODES.textNode("a\u0000b"));
            values.put("lone surrogate", NODES.textNode("a\ud800b"));
            int max = schema.path("maxLength").asInt(2000);
            values.put("at maxLength", NODES.textNode("长".repeat(max)));
            values.put("past maxLength", NODES.textNode("长".repeat(max + 1)));
            for (JsonNode allowed : schema.path("enum")) {
                values.put("enum " + allowed.asText(), allowed);
            }
        }
        if (types.contains("integer") || types.contains("number")) {
            int min = schema.path("minimum").asInt(0);
            int max = schema.path("maximum").asInt(100);
            values.put("at minimum", NODES.numberNode(min));
            values.put("under minimum", NODES.numberNode(min - 1));
            values.put("at maximum", NODES.numberNode(max));
            values.put("over maximum", NODES.numberNode(max + 1));
            values.put("-1", NODES.numberNode(-1));
            values.put("2^31", NODES.numberNode(2_147_483_648L));
            values.put("1e300", NODES.numberNode(1e300));
            if (types.contains("integer")) {
                values.put("fraction", NODES.numberNode(2.5));
            }
        }
        if (types.contains("boolean")) {
            values.put("true", NODES.booleanNode(true));
            values.put("false", NODES.booleanNode(false));
        }
        if (types.contains("array")) {
            values.put("empty array", NODES.arrayNode());
            JsonNode items = schema.path("items");
            ArrayNode many = NODES.arrayNode();
            JsonNode item = valid(items, template, name);
            for (int i = 0; i < 200; i++) {
                many.add(item);
            }
            values.put("200 items", many);
            values.put("items of the wrong type", NODES.arrayNode().add(7).add("x"));
        }
        return values;
    }

    /** A value the schema allows, with the names this fixture knows filled in meaningfully. */
    private JsonNode valid(JsonNode schema, String template, String name) {
        JsonNode hint = hint(template, name);
        if (hint != null) {
            return hint;
        }
        if (schema.has("anyOf") || schema.has("oneOf")) {
            for (JsonNode option : schema.has("anyOf") ? schema.get("anyOf") : schema.get("oneOf")) {
                if (!OpenApiDocument.types(option).equals(List.of("null"))) {
                    return valid(option, template, name);
                }
            }
        }
        JsonNode resolved = document.resolve(schema);
        if (resolved.has("enum")) {
            return resolved.get("enum").get(0);
        }
        List<String> types = OpenApiDocument.types(resolved);
        if (resolved.has("properties") || types.contains("object")) {
            ObjectNode object = NODES.objectNode();
            resolved.path("properties").fields().forEachRemaining(p -> {
                JsonNode value = valid(p.getValue(), template, p.getKey());
                if (value != null && !value.isNull()) {
                    object.set(p.getKey(), value);
                }
            });
            return object;
        }
        if (types.contains("array")) {
            return NODES.arrayNode().add(valid(resolved.path("items"), template, name));
        }
        if (types.contains("integer")) {
            return NODES.numberNode(resolved.path("minimum").asInt(1));
        }
        if (types.contains("number")) {
            return NODES.numberNode(resolved.path("minimum").asDouble(0.0));
        }
        if (types.contains("boolean")) {
            return NODES.booleanNode(false);
        }
        if (types.contains("string")) {
            return NODES.textNode("x");
        }
        return NODES.nullNode();
    }

    /** Values no schema can know: what a collection, a question or a JSON-RPC method must be to succeed. */
    private JsonNode hint(String template, String name) {
        boolean chat = template.startsWith("/v1");
        return switch (name) {
            case "question", "content" -> NODES.textNode("员工每年有几天年假？");
            case "query" -> NODES.textNode("年假");
            case "collection", "knowledge_id" -> NODES.textNode(COLLECTION);
            case "model" -> NODES.textNode(chat ? "yunrag:" + COLLECTION + ":extractive" : "extractive");
            case "role" -> NODES.textNode("user");
            case "stream" -> NODES.booleanNode(false);
            case "messages" -> NODES.arrayNode().add(NODES.objectNode().put("role", "user")
                    .put("content", "员工每年有几天年假？"));
            case "history" -> NODES.arrayNode().add(NODES.objectNode().put("role", "user").put("content", "你好"));
            case "sourcePrefix" -> NODES.textNode("");
            case "contentType" -> NODES.textNode("text/markdown");
            case "modifiedAfter" -> NODES.textNode("2020-01-31");
            case "jsonrpc" -> NODES.textNode("2.0");
            case "method" -> NODES.textNode("tools/list");
            case "id" -> NODES.numberNode(1);
            case "params" -> NODES.objectNode();
            case "top_k" -> NODES.numberNode(3);
            case "score_threshold" -> NODES.numberNode(0.0);
            case "logical_operator" -> NODES.textNode("and");
            case "conditions" -> NODES.arrayNode().add(NODES.objectNode().put("name", "source")
                    .put("comparison_operator", "contains").put("value", "leave"));
            default -> null;
        };
    }

    // ---- parameters ----------------------------------------------------------------------------------------------

    private String validPathValue(String name) {
        return switch (name) {
            case "collection" -> COLLECTION;
            case "id" -> documentId;
            case "model" -> "yunrag:" + COLLECTION;
            default -> "x";
        };
    }

    private static List<String> queryValues(JsonNode schema) {
        List<String> values = new ArrayList<>(List.of("", "x", "长".repeat(3000), "%00"));
        if (OpenApiDocument.types(schema).contains("integer")) {
            values.addAll(List.of("-1", "0", "1", "2147483647", "2147483648", "1.5", "1e3"));
        }
        schema.path("enum").forEach(v -> values.add(v.asText()));
        return values;
    }

    private static String path(String template, Map<String, String> pathValues, Map<String, String> query) {
        String path = template;
        for (Map.Entry<String, String> value : pathValues.entrySet()) {
            // raw values with % are sent as they are (malformed escapes on purpose); others are encoded
            String encoded = value.getValue().contains("%") ? value.getValue()
                    : URLEncoder.encode(value.getValue(), StandardCharsets.UTF_8).replace("+", "%20");
            path = path.replace("{" + value.getKey() + "}", encoded);
        }
        StringBuilder url = new StringBuilder(path);
        char separator = '?';
        for (Map.Entry<String, String> parameter : query.entrySet()) {
            url.append(separator).append(parameter.getKey()).append('=').append(parameter.getValue().contains("%")
                    ? parameter.getValue() : URLEncoder.encode(parameter.getValue(), StandardCharsets.UTF_8));
            separator = '&';
        }
        return url.toString();
    }

    // ---- HTTP ----------------------------------------------------------------------------------------------------

    private static final String BOUNDARY = "yunrag-openapi-fuzz";

    private static String multipartType() {
        return "multipart/form-data; boundary=" + BOUNDARY;
    }

    private static byte[] multipart(String field, String fileName, String content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\""
                + fileName + "\"\r\nContent-Type: text/markdown\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.write(content.getBytes(StandardCharsets.UTF_8));
        out.write(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private HttpResponse<String> send(Call call) throws IOException, InterruptedException {
        requests++;
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(call.path().substring(1)))
                .timeout(Duration.ofMinutes(2))
                .method(call.method(), call.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(call.body()));
        if (call.contentType() != null) {
            request.header("Content-Type", call.contentType());
        }
        if (call.key() != null) {
            request.header("Authorization", "Bearer " + call.key());
        }
        if (call.origin() != null) {
            request.header("Origin", call.origin());
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static String keyName(String key) {
        if (key == null) {
            return "none";
        }
        return key.equals(ApiKeysTest.ADMIN) ? "admin" : key.equals(ApiKeysTest.READER) ? "reader"
                : key.equals(ApiKeysTest.HR) ? "reader of another collection" : "unknown";
    }

    private static String abbreviate(String value) {
        return abbreviate(value, 24);
    }

    private static String abbreviate(String value, int length) {
        return value.length() > length ? value.substring(0, length) + "…(" + value.length() + ")" : value;
    }

    private static String preview(String body) {
        String flat = body == null ? "" : body.replaceAll("\\s+", " ");
        return flat.length() > 200 ? flat.substring(0, 200) + "…" : flat;
    }
}

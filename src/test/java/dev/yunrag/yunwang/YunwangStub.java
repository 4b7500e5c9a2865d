package dev.yunrag.yunwang;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.ToDoubleBiFunction;

/**
 * A local stand-in for the 云网 API that speaks its wire format (see docs yunwang-api.md): chat (whole and SSE),
 * embeddings, rerank, with the service's {@code prefill_time} / {@code decode_time_arr}. Tests program its replies and
 * faults and read back what it received.
 */
public final class YunwangStub implements AutoCloseable {

    public static final String CHAT = "/v1/chat/completions";
    public static final String EMBEDDINGS = "/v1/embeddings";
    public static final String RERANK = "/v1/rerank";
    public static final double PREFILL_TIME = 0.125;
    public static final List<Double> DECODE_TIMES = List.of(0.01, 0.02, 0.03);

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the stub received. */
    public record Received(String path, Map<String, List<String>> headers, String body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        public String authorization() {
            List<String> values = headers.get("Authorization");
            return values == null ? null : values.getFirst();
        }
    }

    /** A programmed misbehaviour for the next call to a path. */
    public sealed interface Fault {
        record Status(int status, String retryAfter, String body) implements Fault { }
        record SlowFirstByte(long millis) implements Fault { }
        record MalformedJson() implements Fault { }
        record CutStream(int chunksBeforeCut) implements Fault { }
        record StallStream(int chunksBeforeStall, long millis) implements Fault { }
        record WrongDimension(int dimension) implements Fault { }
        record RerankIndexOutOfRange() implements Fault { }
    }

    /** How the embeddings endpoint treats {@code "input": [..]}. */
    enum ArrayInput { ACCEPT, REFUSE_400, REFUSE_422, FIRST_ONLY }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Fault>> faults = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private volatile long responseDelayMillis;
    private volatile String expectedAuthorization;
    private volatile int dimension = 1024;
    private volatile ArrayInput arrayInput = ArrayInput.ACCEPT;
    private volatile List<String> reasoningDeltas = List.of();
    private volatile List<String> contentDeltas = List.of("你好", "！");

    public YunwangStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Requires exactly this Authorization header value (null: accept anything); 401 otherwise. */
    public YunwangStub expectAuthorization(String value) {
        expectedAuthorization = value;
        return this;
    }

    public YunwangStub dimension(int value) {
        dimension = value;
        return this;
    }

    YunwangStub arrayInput(ArrayInput mode) {
        arrayInput = mode;
        return this;
    }

    /** The chat reply, as streamed deltas; a whole response joins them. */
    public YunwangStub chatReply(List<String> reasoning, List<String> content) {
        reasoningDeltas = List.copyOf(reasoning);
        contentDeltas = List.copyOf(content);
        return this;
    }

    public YunwangStub chatReply(String content) {
        return chatReply(List.of(), List.of(content));
    }

    /** Every response waits this long, so that concurrent calls overlap. */
    public YunwangStub responseDelay(long millis) {
        responseDelayMillis = millis;
        return this;
    }

    /** The most requests that were being handled at the same time. */
    public int maxInFlight() {
        return maxInFlight.get();
    }

    /** The next call to {@code path} misbehaves; queue several for several calls. */
    public YunwangStub failNext(String path, Fault fault) {
        faults.computeIfAbsent(path, p -> new ConcurrentLinkedDeque<>()).add(fault);
        return this;
    }

    public List<Received> received() {
        return Collections.unmodifiableList(new ArrayList<>(received));
    }

    public List<Received> received(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    public Received last(String path) {
        List<Received> matching = received(path);
        return matching.getLast();
    }

    /** A reply chosen per chat request, from the request body (e.g. quoting the prompt's first source). */
    public record Reply(List<String> reasoning, List<String> content) {
    }

    private volatile Function<JsonNode, Reply> chatResponder;
    private volatile Function<String, double[]> embeddingFunction;
    private volatile ToDoubleBiFunction<String, String> rerankScorer;
    private final Map<String, Fault> standingFaults = new ConcurrentHashMap<>();

    /** Chat replies computed from each request (null: the programmed {@link #chatReply}). */
    public YunwangStub chatResponder(Function<JsonNode, Reply> responder) {
        chatResponder = responder;
        return this;
    }

    /** Embeddings computed from each input text (null: the default marker vectors); the length sets the dimension. */
    public YunwangStub embeddingFunction(Function<String, double[]> function) {
        embeddingFunction = function;
        return this;
    }

    /** Rerank scores from (query, document) (null: longer documents score higher). */
    public YunwangStub rerankScorer(ToDoubleBiFunction<String, String> scorer) {
        rerankScorer = scorer;
        return this;
    }

    /** Every call to {@code path} misbehaves until {@link #clearFaults()} (queued faults still come first). */
    public YunwangStub failAlways(String path, Fault fault) {
        standingFaults.put(path, fault);
        return this;
    }

    /** Removes queued and standing faults. */
    public YunwangStub clearFaults() {
        faults.clear();
        standingFaults.clear();
        return this;
    }

    /** Forgets what was received so far. */
    public void clearReceived() {
        received.clear();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try (exchange) {
            if (responseDelayMillis > 0) {
                sleep(responseDelayMillis);
            }
            String path = exchange.getRequestURI().getPath();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(path, Map.copyOf(exchange.getRequestHeaders()), body));
            String expected = expectedAuthorization;
            if (expected != null && !expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                send(exchange, 401, "{\"error\":{\"message\":\"invalid api key\",\"type\":\"auth\"}}", null);
                return;
            }
            Deque<Fault> queue = faults.get(path);
            Fault fault = queue == null ? null : queue.poll();
            if (fault == null) {
                fault = standingFaults.get(path);
            }
            if (fault instanceof Fault.Status status) {
                send(exchange, status.status(), status.body(), status.retryAfter());
                return;
            }
            if (fault instanceof Fault.SlowFirstByte slow) {
                sleep(slow.millis());
            }
            if (fault instanceof Fault.MalformedJson) {
                send(exchange, 200, "{\"data\": [ {\"embedding\": [0.1, ", null);
                return;
            }
            JsonNode request = JSON.readTree(body);
            switch (path) {
                case CHAT -> chat(exchange, request, fault);
                case EMBEDDINGS -> embeddings(exchange, request, fault);
                case RERANK -> rerank(exchange, request, fault);
                default -> send(exchange, 404, "{\"error\":{\"message\":\"not found\"}}", null);
            }
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private void embeddings(HttpExchange exchange, JsonNode request, Fault fault) throws IOException {
        JsonNode input = request.get("input");
        List<String> texts = new ArrayList<>();
        if (input.isArray()) {
            switch (arrayInput) {
                case REFUSE_400 -> {
                    send(exchange, 400, "{\"error\":{\"message\":\"input must be a string\"}}", null);
                    return;
                }
                case REFUSE_422 -> {
                    send(exchange, 422, "{\"detail\":\"input must be a string\"}", null);
                    return;
                }
                case FIRST_ONLY -> texts.add(input.get(0).asText());
                case ACCEPT -> input.forEach(text -> texts.add(text.asText()));
            }
        } else {
            texts.add(input.asText());
        }
        int size = fault instanceof Fault.WrongDimension wrong ? wrong.dimension() : dimension;
        ObjectNode response = JSON.createObjectNode();
        ArrayNode data = response.putArray("data");
        Function<String, double[]> function = embeddingFunction;
        for (String text : texts) {
            ArrayNode vector = data.addObject().putArray("embedding");
            if (function != null && !(fault instanceof Fault.WrongDimension)) {
                for (double value : function.apply(text)) {
                    vector.add(value);
                }
                continue;
            }
            for (int i = 0; i < size; i++) {
                // Component 0 identifies the text, so tests can check that vectors come back in input order.
                vector.add(i == 0 ? text.length() : 1.0 / size);
            }
        }
        send(exchange, 200, response.toString(), null);
    }

    private void rerank(HttpExchange exchange, JsonNode request, Fault fault) throws IOException {
        JsonNode documents = request.get("documents");
        List<double[]> scored = new ArrayList<>();
        for (int i = 0; i < documents.size(); i++) {
            // Longer documents score higher: a known order different from the input order.
            ToDoubleBiFunction<String, String> scorer = rerankScorer;
            double score = scorer != null ? scorer.applyAsDouble(request.path("query").asText(), documents.get(i).asText())
                    : documents.get(i).asText().length() / 1000.0;
            scored.add(new double[] {i, score});
        }
        scored.sort((a, b) -> Double.compare(b[1], a[1]));
        int topN = request.path("top_n").asInt(scored.size());
        ObjectNode response = JSON.createObjectNode();
        ArrayNode results = response.putArray("results");
        for (double[] item : scored.subList(0, Math.min(topN, scored.size()))) {
            results.addObject().put("index", (int) item[0]).put("relevance_score", item[1]);
        }
        if (fault instanceof Fault.RerankIndexOutOfRange) {
            ((ObjectNode) results.get(0)).put("index", documents.size());
        }
        response.putObject("usage").put("prompt_tokens", 51).put("completion_tokens", 0).put("total_tokens", 51);
        send(exchange, 200, response.toString(), null);
    }

    private void chat(HttpExchange exchange, JsonNode request, Fault fault) throws IOException {
        Function<JsonNode, Reply> responder = chatResponder;
        Reply reply = responder != null ? responder.apply(request) : new Reply(reasoningDeltas, contentDeltas);
        if (request.path("stream").asBoolean(false)) {
            stream(exchange, fault, reply);
            return;
        }
        ObjectNode response = JSON.createObjectNode();
        response.put("id", "chatcmpl-1").put("object", "chat.completion").put("created", 0)
                .put("model", request.path("model").asText());
        ObjectNode choice = response.putArray("choices").addObject();
        choice.put("index", 0).put("finish_reason", "stop");
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant").put("content", String.join("", reply.content())).putNull("tool_calls");
        if (!reply.reasoning().isEmpty()) {
            message.put("reasoning_content", String.join("", reply.reasoning()));
        }
        addUsageAndTimings(response);
        send(exchange, 200, response.toString(), null);
    }

    private void stream(HttpExchange exchange, Fault fault, Reply reply) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        int cutAfter = fault instanceof Fault.CutStream cut ? cut.chunksBeforeCut() : Integer.MAX_VALUE;
        int stallAfter = fault instanceof Fault.StallStream stall ? stall.chunksBeforeStall() : -1;
        int sent = 0;
        for (String reasoning : reply.reasoning()) {
            if (sent++ >= cutAfter) {
                return;
            }
            event(out, delta("reasoning_content", reasoning));
        }
        for (String content : reply.content()) {
            if (sent == stallAfter) {
                sleep(((Fault.StallStream) fault).millis());
            }
            if (sent++ >= cutAfter) {
                return;
            }
            event(out, delta("content", content));
        }
        if (sent >= cutAfter) {
            return;
        }
        ObjectNode last = JSON.createObjectNode();
        last.put("id", "chatcmpl-1").put("object", "chat.completion.chunk");
        last.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop").putObject("delta");
        addUsageAndTimings(last);
        event(out, last.toString());
        out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static String delta(String field, String text) {
        ObjectNode chunk = JSON.createObjectNode();
        chunk.put("id", "chatcmpl-1").put("object", "chat.completion.chunk");
        chunk.putArray("choices").addObject().put("index", 0).putNull("finish_reason")
                .putObject("delta").put(field, text);
        return chunk.toString();
    }

    private static void event(OutputStream out, String data) throws IOException {
        out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void addUsageAndTimings(ObjectNode response) {
        response.putObject("usage").put("prompt_tokens", 12).put("completion_tokens", 3).put("total_tokens", 15);
        response.put("prefill_time", PREFILL_TIME);
        ArrayNode decode = response.putArray("decode_time_arr");
        DECODE_TIMES.forEach(decode::add);
    }

    private static void send(HttpExchange exchange, int status, String body, String retryAfter) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        if (retryAfter != null) {
            exchange.getResponseHeaders().add("Retry-After", retryAfter);
        }
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

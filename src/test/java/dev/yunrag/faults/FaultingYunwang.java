package dev.yunrag.faults;

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
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An independent stand-in for the 云网 LLM API, written from {@code ../shared/docs/yunwang-api.md} and the seed text
 * (not from our client or the older {@code YunwangStub}), with faults that tests switch on per endpoint: HTTP
 * statuses with {@code Retry-After}, a 429 burst for a time window, a hung endpoint, a slow first byte, a stream cut
 * in reasoning or in the answer, a body shorter than its {@code Content-Length}, malformed JSON, a wrong embedding
 * dimension, {@code finish_reason: "length"}, a reply without citations, R1 reasoning that uses all of
 * {@code max_tokens}. It records every request (path and {@code Authorization}) and the most calls it had at once.
 */
public final class FaultingYunwang implements AutoCloseable {

    public static final String CHAT = "/v1/chat/completions";
    public static final String EMBEDDINGS = "/v1/embeddings";
    public static final String RERANK = "/v1/rerank";
    public static final int DIMENSION = 1024;
    /** The service's timing fields, in seconds (the unit the configuration assumes by default). */
    public static final double PREFILL_TIME = 0.2;
    public static final List<Double> DECODE_TIME_ARR = List.of(0.05, 0.025, 0.025, 0.025);

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A misbehaviour of one endpoint. */
    public enum Fault {
        /** Every call answers this status (see {@link #status}). */
        STATUS,
        /** Accepts the request and never answers. */
        HANG,
        /** Answers after {@link #delayMillis}. */
        SLOW_FIRST_BYTE,
        /** Streams: the connection closes while the model is still reasoning. */
        CUT_IN_REASONING,
        /** Streams: the connection closes in the middle of the answer. */
        CUT_IN_ANSWER,
        /** Announces a longer body than it sends, then closes. */
        TRUNCATED_BODY,
        /** A 200 whose body is not JSON. */
        MALFORMED_JSON,
        /** Embedding vectors of 768 numbers instead of 1024. */
        WRONG_DIMENSION,
        /** The answer stops mid-sentence with {@code finish_reason: "length"}. */
        FINISH_LENGTH,
        /** A fluent answer with no [n] citation. */
        NO_CITATION,
        /** Reasoning until {@code max_tokens}, no answer; a retry with a larger max_tokens answers. */
        REASONING_EXHAUSTED
    }

    /** One received request. */
    public record Received(String path, String authorization, JsonNode body) {
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, Fault> faults = new ConcurrentHashMap<>();
    private final Map<String, Integer> statuses = new ConcurrentHashMap<>();
    private final Map<String, Long> rateLimitedUntil = new ConcurrentHashMap<>();
    private final ConcurrentLinkedDeque<Integer> oneShotStatuses = new ConcurrentLinkedDeque<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final AtomicInteger rateLimitedCount = new AtomicInteger();
    private final AtomicInteger exhaustedAt = new AtomicInteger();
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile long delayMillis = 2000;
    private volatile String retryAfter = "1";

    public FaultingYunwang() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public FaultingYunwang fault(String path, Fault fault) {
        exhaustedAt.set(0);
        faults.put(path, fault);
        return this;
    }

    /** Every call to {@code path} answers {@code status} (with {@code Retry-After} on a 429). */
    public FaultingYunwang status(String path, int status) {
        statuses.put(path, status);
        return fault(path, Fault.STATUS);
    }

    /** The next calls to any path answer these statuses, one each, before the path's normal behaviour. */
    public FaultingYunwang nextStatuses(Integer... statuses) {
        oneShotStatuses.addAll(List.of(statuses));
        return this;
    }

    /** Every call to {@code path} answers 429 with {@code Retry-After} until {@code millis} from now. */
    public FaultingYunwang rateLimitFor(String path, long millis) {
        rateLimitedUntil.put(path, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis));
        return this;
    }

    public FaultingYunwang retryAfter(String seconds) {
        this.retryAfter = seconds;
        return this;
    }

    public FaultingYunwang delayMillis(long millis) {
        this.delayMillis = millis;
        return this;
    }

    public void heal() {
        faults.clear();
        statuses.clear();
        rateLimitedUntil.clear();
        oneShotStatuses.clear();
        exhaustedAt.set(0);
    }

    public void clearReceived() {
        received.clear();
        maxInFlight.set(inFlight.get());
        rateLimitedCount.set(0);
    }

    public List<Received> received(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public int maxInFlight() {
        return maxInFlight.get();
    }

    /** 429s answered since the last {@link #clearReceived()}. */
    public int rateLimitedCount() {
        return rateLimitedCount.get();
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
            received.add(new Received(path, exchange.getRequestHeaders().getFirst("Authorization"), body));
            respond(exchange, path, body);
        } catch (IOException | RuntimeException e) {
            // The client went away (a deadline closed the connection): nothing to answer.
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private void respond(HttpExchange exchange, String path, JsonNode body) throws IOException {
        Integer oneShot = oneShotStatuses.poll();
        if (oneShot != null) {
            error(exchange, oneShot);
            return;
        }
        Long until = rateLimitedUntil.get(path);
        if (until != null && System.nanoTime() - until < 0) {
            error(exchange, 429);
            return;
        }
        Fault fault = faults.get(path);
        if (fault == Fault.STATUS) {
            error(exchange, statuses.get(path));
            return;
        }
        if (fault == Fault.HANG) {
            await(TimeUnit.MINUTES.toMillis(10));
            return;
        }
        if (fault == Fault.SLOW_FIRST_BYTE) {
            await(delayMillis);
        }
        if (fault == Fault.MALFORMED_JSON) {
            send(exchange, 200, "application/json", "{\"id\": \"x\", \"choices\": [ {\"message\": ");
            return;
        }
        if (fault == Fault.TRUNCATED_BODY) {
            byte[] whole = JSON.writeValueAsBytes(success(path, body, null));
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, whole.length);
            OutputStream out = exchange.getResponseBody();
            out.write(whole, 0, whole.length / 2);
            out.flush();
            // Closing the connection without the rest: the client sees fewer bytes than Content-Length.
            throw new IOException("cut");
        }
        if (path.equals(CHAT) && body.path("stream").asBoolean(false)) {
            stream(exchange, body, fault);
            return;
        }
        send(exchange, 200, "application/json", JSON.writeValueAsString(success(path, body, fault)));
    }

    private ObjectNode success(String path, JsonNode body, Fault fault) {
        return switch (path) {
            case CHAT -> chat(body, fault);
            case EMBEDDINGS -> embeddings(body, fault == Fault.WRONG_DIMENSION ? 768 : DIMENSION);
            case RERANK -> rerank(body);
            default -> throw new IllegalArgumentException("no such path " + path);
        };
    }

    // ---- chat: the document's response shape, with prefill_time and decode_time_arr ----

    /** What the model says: reasoning (R1 only), answer, and why it stopped. */
    private record Reply(String reasoning, String answer, String finishReason) {
    }

    private Reply reply(JsonNode body, Fault fault) {
        String model = body.path("model").asText();
        boolean reasoningModel = model.contains("R1");
        String reasoning = reasoningModel ? "用户问的是资料里的规定，我先找到相关条款。" : "";
        int maxTokens = body.path("max_tokens").asInt(1024);
        // The first call's max_tokens is used up by reasoning; only a call that allows more gets an answer.
        int exhausted = exhaustedAt.updateAndGet(first -> first == 0 ? maxTokens : first);
        if (fault == Fault.REASONING_EXHAUSTED && maxTokens <= exhausted) {
            return new Reply("用户问的是资料里的规定。我需要逐条核对，先看第一条，再看第二条，再看第三条……", "", "length");
        }
        if (fault == Fault.FINISH_LENGTH) {
            return new Reply(reasoning, "根据资料[1]，这项规定的适用范围包括", "length");
        }
        if (fault == Fault.NO_CITATION) {
            return new Reply(reasoning, "这是一个常见的问题，一般来说按照公司的规定办理即可。", "stop");
        }
        return new Reply(reasoning, "根据资料，答案如下[1]。", "stop");
    }

    private ObjectNode chat(JsonNode body, Fault fault) {
        Reply reply = reply(body, fault);
        ObjectNode json = completionHead(body, "chat.completion");
        ObjectNode choice = json.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        message.put("content", reply.reasoning().isEmpty() ? reply.answer()
                : "<think>" + reply.reasoning() + "</think>" + reply.answer());
        message.putNull("tool_calls");
        choice.put("finish_reason", reply.finishReason());
        timingsAndUsage(json, reply);
        return json;
    }

    private static ObjectNode completionHead(JsonNode body, String object) {
        ObjectNode json = JSON.createObjectNode();
        json.put("id", "chatcmpl-faulting");
        json.put("object", object);
        json.put("created", 1_700_000_000L);
        json.put("model", body.path("model").asText());
        return json;
    }

    private static void timingsAndUsage(ObjectNode json, Reply reply) {
        ObjectNode usage = json.putObject("usage");
        int completion = reply.reasoning().length() + reply.answer().length();
        usage.put("prompt_tokens", 100).put("completion_tokens", completion).put("total_tokens", 100 + completion);
        json.put("prefill_time", PREFILL_TIME);
        ArrayNode decode = json.putArray("decode_time_arr");
        DECODE_TIME_ARR.forEach(decode::add);
    }

    /** OpenAI-style server-sent events: one chunk per piece, the finish reason and timings last, then [DONE]. */
    private void stream(HttpExchange exchange, JsonNode body, Fault fault) throws IOException {
        Reply reply = reply(body, fault);
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        List<String> pieces = new ArrayList<>();
        if (!reply.reasoning().isEmpty()) {
            pieces.add("<think>");
            pieces.addAll(chunks(reply.reasoning()));
            if (fault == Fault.CUT_IN_REASONING) {
                writeChunks(out, body, pieces);
                throw new IOException("cut in reasoning");
            }
            pieces.add("</think>");
        }
        List<String> answer = chunks(reply.answer());
        if (fault == Fault.CUT_IN_ANSWER) {
            pieces.addAll(answer.subList(0, Math.max(1, answer.size() / 2)));
            writeChunks(out, body, pieces);
            throw new IOException("cut in answer");
        }
        pieces.addAll(answer);
        writeChunks(out, body, pieces);
        ObjectNode last = completionHead(body, "chat.completion.chunk");
        ObjectNode choice = last.putArray("choices").addObject();
        choice.put("index", 0);
        choice.putObject("delta");
        choice.put("finish_reason", reply.finishReason());
        timingsAndUsage(last, reply);
        event(out, JSON.writeValueAsString(last));
        event(out, "[DONE]");
    }

    private static List<String> chunks(String text) {
        List<String> chunks = new ArrayList<>();
        for (int i = 0; i < text.length(); i += 4) {
            chunks.add(text.substring(i, Math.min(text.length(), i + 4)));
        }
        return chunks;
    }

    private static void writeChunks(OutputStream out, JsonNode body, List<String> pieces) throws IOException {
        for (String piece : pieces) {
            ObjectNode chunk = completionHead(body, "chat.completion.chunk");
            ObjectNode choice = chunk.putArray("choices").addObject();
            choice.put("index", 0);
            choice.putObject("delta").put("content", piece);
            choice.putNull("finish_reason");
            event(out, JSON.writeValueAsString(chunk));
        }
    }

    private static void event(OutputStream out, String data) throws IOException {
        out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    // ---- embeddings and rerank ----

    /** Character-bigram hashing: texts that share words get close vectors, which is all retrieval tests need. */
    private static ObjectNode embeddings(JsonNode body, int dimension) {
        List<String> inputs = new ArrayList<>();
        JsonNode input = body.path("input");
        if (input.isArray()) {
            input.forEach(item -> inputs.add(item.asText()));
        } else {
            inputs.add(input.asText());
        }
        ObjectNode json = JSON.createObjectNode();
        ArrayNode data = json.putArray("data");
        for (String text : inputs) {
            double[] vector = new double[dimension];
            for (int i = 0; i + 1 < text.length(); i++) {
                vector[Math.floorMod(text.substring(i, i + 2).hashCode(), dimension)] += 1;
            }
            vector[0] += 0.01;
            double norm = Math.sqrt(java.util.Arrays.stream(vector).map(v -> v * v).sum());
            ArrayNode embedding = data.addObject().putArray("embedding");
            for (double v : vector) {
                embedding.add(v / norm);
            }
        }
        return json;
    }

    /** Scores by shared characters with the query, sorted descending, as the document's response. */
    private static ObjectNode rerank(JsonNode body) {
        String query = body.path("query").asText();
        List<double[]> scored = new ArrayList<>();
        JsonNode documents = body.path("documents");
        for (int i = 0; i < documents.size(); i++) {
            String document = documents.get(i).asText();
            long shared = query.chars().distinct().filter(c -> document.indexOf(c) >= 0).count();
            scored.add(new double[] {i, shared / (double) Math.max(1, query.length())});
        }
        scored.sort((a, b) -> Double.compare(b[1], a[1]));
        ObjectNode json = JSON.createObjectNode();
        ArrayNode results = json.putArray("results");
        int topN = body.path("top_n").asInt(scored.size());
        scored.stream().limit(topN).forEach(s -> results.addObject().put("index", (int) s[0])
                .put("relevance_score", s[1]));
        json.putObject("usage").put("prompt_tokens", 10).put("total_tokens", 10);
        return json;
    }

    // ---- plumbing ----

    private void error(HttpExchange exchange, int status) throws IOException {
        if (status == 429) {
            rateLimitedCount.incrementAndGet();
            exchange.getResponseHeaders().set("Retry-After", retryAfter);
        }
        String message = switch (status) {
            case 401 -> "invalid api key";
            case 429 -> "rate limit exceeded";
            default -> "upstream model error";
        };
        send(exchange, status, "application/json",
                "{\"error\":{\"message\":\"" + message + "\",\"type\":\"error\",\"code\":" + status + "}}");
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private void await(long millis) {
        try {
            closing.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

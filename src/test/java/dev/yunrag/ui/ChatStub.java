package dev.yunrag.ui;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * A 云网-style chat endpoint on the loopback interface that streams a reasoning model's reply slowly: reasoning
 * deltas ({@code reasoning_content}), then the answer in small pieces, 150 ms apart, so a browser sees the answer
 * grow. Only the chat endpoint is configured; embeddings and reranking stay in process.
 */
public class ChatStub implements QuarkusTestResourceLifecycleManager {

    static final List<String> REASONING = List.of("用户问产假天数。", "资料[1]写明女员工产假158天，", "据此回答。");
    static final List<String> ANSWER = List.of("根据", "员工手册，", "女员工生育", "可享受", "产假", "158天",
            "[1]", "。");
    static final long DELAY_MILLIS = 150;

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/v1/chat/completions", this::chat);
        server.start();
        return Map.of("yunrag.api.chat.base-url", "http://127.0.0.1:" + server.getAddress().getPort(),
                "yunrag.api.chat.api-key", "test-key");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private void chat(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", body.contains("\"stream\":true")
                ? "text/event-stream" : "application/json");
        if (!body.contains("\"stream\":true")) {
            byte[] whole = ("{\"id\":\"c\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,"
                    + "\"finish_reason\":\"stop\",\"message\":{\"role\":\"assistant\",\"content\":"
                    + quote(String.join("", ANSWER)) + ",\"reasoning_content\":" + quote(String.join("", REASONING))
                    + "}}],\"usage\":{\"prompt_tokens\":100,\"completion_tokens\":20,\"total_tokens\":120}}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, whole.length);
            exchange.getResponseBody().write(whole);
            exchange.close();
            return;
        }
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            for (String text : REASONING) {
                event(out, "{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,"
                        + "\"finish_reason\":null,\"delta\":{\"reasoning_content\":" + quote(text) + "}}]}");
            }
            for (String text : ANSWER) {
                event(out, "{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,"
                        + "\"finish_reason\":null,\"delta\":{\"content\":" + quote(text) + "}}]}");
            }
            event(out, "{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,"
                    + "\"finish_reason\":\"stop\",\"delta\":{}}],\"usage\":{\"prompt_tokens\":100,"
                    + "\"completion_tokens\":20,\"total_tokens\":120},\"prefill_time\":0.125,"
                    + "\"decode_time_arr\":[0.01,0.02,0.03]}");
            out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void event(OutputStream out, String json) throws IOException {
        out.write(("data: " + json + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        try {
            Thread.sleep(DELAY_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}

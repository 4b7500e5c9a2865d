package dev.yunrag.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stand-in for the 云网 {@code POST /v1/embeddings} endpoint with a known capacity: every request takes a fixed
 * latency, and at most {@code maxConcurrent} requests are served at once (the others queue). Its capacity is therefore
 * {@code maxConcurrent × batch / latency} texts per second, and a client that keeps it busy reaches that rate.
 * Speaks the wire format of the real API ({@code {"model","input":[...]}} → {@code {"data":[{"embedding":[...]}]}});
 * vectors are pseudo-random per text (seeded by its hash). Benchmark use only: no auth, no error paths
 * (those are covered by the test stub).
 */
public final class LatencyEmbeddingServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final long latencyNanos;
    private final int dimension;
    private final Semaphore slots;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong texts = new AtomicLong();
    private final AtomicLong busyNanos = new AtomicLong();
    private final AtomicLong firstArrival = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong lastDeparture = new AtomicLong(Long.MIN_VALUE);

    public LatencyEmbeddingServer(long latencyMillis, int maxConcurrent, int dimension) throws IOException {
        this.latencyNanos = latencyMillis * 1_000_000;
        this.dimension = dimension;
        this.slots = new Semaphore(maxConcurrent, true);
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        // Threads only wait (on the semaphore or the sleep), so virtual threads: queued requests cost nothing.
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/v1/embeddings", this::handle);
        server.start();
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public long requests() {
        return requests.get();
    }

    public long texts() {
        return texts.get();
    }

    /** Most requests observed inside the latency window at the same time (≤ maxConcurrent). */
    public int maxInFlight() {
        return maxInFlight.get();
    }

    /** Sum over requests of the time they held a slot: divided by (slots × wall time) it is the server's utilisation. */
    public double busySeconds() {
        return busyNanos.get() / 1e9;
    }

    /** {@link System#nanoTime()} when the first request arrived ({@code Long.MAX_VALUE} before any). */
    public long firstArrivalNanos() {
        return firstArrival.get();
    }

    /** {@link System#nanoTime()} when the last response had been written ({@code Long.MIN_VALUE} before any). */
    public long lastDepartureNanos() {
        return lastDeparture.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        firstArrival.accumulateAndGet(System.nanoTime(), Math::min);
        try (exchange) {
            JsonNode input;
            try (InputStream body = exchange.getRequestBody()) {
                input = JSON.readTree(body).path("input");
            }
            int count = input.isArray() ? input.size() : 1;
            slots.acquireUninterruptibly();
            long start = System.nanoTime();
            try {
                maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                sleepUntil(start + latencyNanos);
            } finally {
                inFlight.decrementAndGet();
                busyNanos.addAndGet(System.nanoTime() - start);
                slots.release();
            }
            requests.incrementAndGet();
            texts.addAndGet(count);
            byte[] response = response(input).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, response.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response);
            }
            lastDeparture.accumulateAndGet(System.nanoTime(), Math::max);
        }
    }

    private String response(JsonNode input) {
        StringBuilder json = new StringBuilder(16 + (input.size() + 1) * dimension * 12);
        json.append("{\"object\":\"list\",\"data\":[");
        if (input.isArray()) {
            for (int i = 0; i < input.size(); i++) {
                if (i > 0) {
                    json.append(',');
                }
                vector(json, i, input.get(i).asText());
            }
        } else {
            vector(json, 0, input.asText());
        }
        return json.append("]}").toString();
    }

    private void vector(StringBuilder json, int index, String text) {
        SplittableRandom random = new SplittableRandom(text.hashCode());
        json.append("{\"object\":\"embedding\",\"index\":").append(index).append(",\"embedding\":[");
        for (int d = 0; d < dimension; d++) {
            if (d > 0) {
                json.append(',');
            }
            json.append((float) (random.nextDouble() * 2 - 1));
        }
        json.append("]}");
    }

    private static void sleepUntil(long deadline) {
        for (long left; (left = deadline - System.nanoTime()) > 0; ) {
            try {
                Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

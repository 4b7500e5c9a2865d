package dev.yunrag.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLConnection;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;

/**
 * The calls a user's client makes (JSON questions and searches, multipart uploads) against one server, with a timeout
 * per request. One JDK {@link HttpClient} is shared by all callers; it runs on virtual threads so that the client side
 * adds no platform threads to the thread counts the load benchmark watches.
 */
public final class LoopbackClient {

    /** Status and body of one response. */
    public record Reply(int status, String body) {
        public boolean ok() {
            return status / 100 == 2;
        }
    }

    /** One file of a multipart upload. */
    public record Upload(String fileName, byte[] content) {
        public static Upload of(Path file) throws IOException {
            return new Upload(file.getFileName().toString(), Files.readAllBytes(file));
        }
    }

    private final HttpClient http;
    private final String base;
    private final Duration timeout;

    public LoopbackClient(String baseUrl, Duration timeout) {
        this.base = baseUrl.replaceAll("/$", "");
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout)
                .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
    }

    /** POSTs a JSON body; a timeout or connection failure is thrown as an IOException. */
    public Reply postJson(String path, String json) throws IOException, InterruptedException {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Reply get(String path) throws IOException, InterruptedException {
        return send(request(path).GET());
    }

    /** Uploads files to a collection (form field {@code file}, repeated), as the web UI does. */
    public Reply upload(String collection, List<Upload> files) throws IOException, InterruptedException {
        String boundary = "yunrag-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Upload file : files) {
            String type = URLConnection.guessContentTypeFromName(file.fileName());
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                    + file.fileName() + "\"\r\nContent-Type: " + (type == null ? "application/octet-stream" : type)
                    + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(file.content());
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(request("/api/collections/" + collection + "/documents")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout);
    }

    private Reply send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body());
    }
}

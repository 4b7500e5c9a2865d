package dev.yunrag.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Develop" line as a developer follows it: {@code ./yunrag dev} (Quarkus dev mode under the JDK the
 * launcher finds) with the port changed the README's way ({@code QUARKUS_HTTP_PORT}). It announces that port, serves
 * the web UI and {@code /api/ask} there, prints no incubator warning (Lucene still vectorises), and stops with
 * everything it started when it is told to (SIGTERM, what
 * Ctrl-C's SIGINT also ends in). It runs in a copy of the project, so its compilation never touches this build's
 * {@code target/}. Slow: dev mode compiles the whole application first (minutes; the time is printed).
 */
@Tag("slow")
class YunragDevModeTest {

    /** What the copy needs to build and run: the launcher, Maven's wrapper, the POM and the application's sources. */
    private static final List<String> PROJECT = List.of("yunrag", ".ci", "mvnw", ".mvn", "pom.xml", "src/main");

    @TempDir
    Path tmp;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void devModeServesTheUiAndAskOnTheAnnouncedPortAndStopsCleanly() throws Exception {
        Path project = copyProject(tmp.resolve("project"));
        int port = freePort();
        Path out = tmp.resolve("dev.out");
        ProcessBuilder builder = new ProcessBuilder(project.resolve("yunrag").toString(), "dev")
                .directory(project.toFile()).redirectOutput(out.toFile())
                .redirectError(tmp.resolve("dev.err").toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
        builder.environment().keySet().removeIf(name -> name.startsWith("YUNRAG_") || name.startsWith("QUARKUS_"));
        builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
        builder.environment().put("YUNRAG_DATA_DIR", tmp.resolve("data").toString());
        Instant started = Instant.now();
        Process dev = builder.start();
        try {
            String banner = "Serving on http://localhost:" + port;
            Instant deadline = started.plus(Duration.ofMinutes(20));
            while (!Files.readString(out).contains(banner) && dev.isAlive() && Instant.now().isBefore(deadline)) {
                Thread.sleep(1000);
            }
            assertThat(Files.readString(out)).as(Files.readString(tmp.resolve("dev.err"))).contains(banner)
                    .contains("Profile dev activated").doesNotContain("anonymous build time data");
            System.out.printf("./yunrag dev served on port %d after %d s%n", port,
                    Duration.between(started, Instant.now()).toSeconds());

            HttpResponse<String> page = get(port, "/");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("<title>YunRAG</title>");

            HttpResponse<String> upload = http.send(uploadRequest(port, "leave.md",
                    "# 年假\n\n员工每年有十五天年假。\n"), HttpResponse.BodyHandlers.ofString());
            assertThat(upload.statusCode()).as(upload.body()).isEqualTo(200);
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uri(port, "/api/ask"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"question\":\"每年有几天年假？\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            assertThat(answer.body()).contains("十五天年假").contains("leave.md");

            // the forked application JVM's stderr arrives on dev mode's stdout: the incubator warning is on neither,
            // and Lucene still says its vectorised code is on (it says so at the first vector search)
            String console = Files.readString(out) + Files.readString(tmp.resolve("dev.err"));
            assertThat(console).doesNotContain("WARNING: Using incubator modules")
                    .contains("Java vector incubator API enabled");
        } finally {
            stopsCleanly(dev, port);
        }
    }

    /** SIGTERM to the launcher (which became Maven): Maven, the application it forked and the port all go. */
    private static void stopsCleanly(Process dev, int port) throws InterruptedException {
        List<ProcessHandle> started = Stream.concat(Stream.of(dev.toHandle()), dev.descendants()).toList();
        Instant asked = Instant.now();
        dev.destroy();
        boolean ended = dev.waitFor(2, TimeUnit.MINUTES);
        Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
        while (started.stream().anyMatch(ProcessHandle::isAlive) && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
        }
        List<ProcessHandle> left = started.stream().filter(ProcessHandle::isAlive).toList();
        left.forEach(ProcessHandle::destroyForcibly);
        assertThat(ended).as("the launcher ended on SIGTERM").isTrue();
        assertThat(left).as("processes left running after dev mode stopped").isEmpty();
        assertThat(listening(port)).as("port %d still open", port).isFalse();
        System.out.printf("./yunrag dev stopped in %d s%n", Duration.between(asked, Instant.now()).toSeconds());
    }

    private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(port, path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest uploadRequest(int port, String fileName, String content) {
        String boundary = "yunrag-dev-test-boundary";
        String body = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"" + fileName + "\"\r\n"
                + "Content-Type: text/markdown\r\n\r\n" + content + "\r\n--" + boundary + "--\r\n";
        return HttpRequest.newBuilder(uri(port, "/api/collections/default/documents"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
    }

    private static URI uri(int port, String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static boolean listening(int port) {
        try (Socket ignored = new Socket("localhost", port)) {
            return true;
        } catch (IOException e) { // refused: nothing listens any more
            return false;
        }
    }

    private static Path copyProject(Path target) throws IOException {
        Path source = Path.of("").toAbsolutePath();
        for (String entry : PROJECT) {
            try (Stream<Path> files = Files.walk(source.resolve(entry))) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Path copy = target.resolve(source.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(copy);
                    } else {
                        Files.createDirectories(copy.getParent());
                        Files.copy(file, copy, StandardCopyOption.COPY_ATTRIBUTES);
                    }
                }
            }
        }
        return target;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

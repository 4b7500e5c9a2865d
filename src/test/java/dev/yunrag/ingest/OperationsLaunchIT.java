package dev.yunrag.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.yunrag.index.ChunkIndex;
import dev.yunrag.index.IndexStats;
import dev.yunrag.index.SearchFilter;
import dev.yunrag.index.lucene.LuceneCollections;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18's operations, done as an operator does them, through the real {@code ./yunrag} launcher in child processes
 * (after {@code package}, so the launcher finds its jar built): SIGTERM to an ingesting JVM, and backup and restore
 * beside a serving, ingesting server. The commands are the ones docs/operations.md shows.
 */
class OperationsLaunchIT {

    private static final Path LAUNCHER = Path.of("yunrag").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void sigtermDuringIngestCommitsWhatIsCompleteAndARerunFinishesTheRest() throws Exception {
        int files = 160;
        Path corpus = corpus(tmp.resolve("corpus"), files, "第%d号制度");
        Path data = tmp.resolve("data");
        Map<String, String> env = Map.of("YUNRAG_DATA_DIR", data.toString(), "YUNRAG_INGEST_COMMIT_INTERVAL", "1s");

        Process ingest = start(env, tmp.resolve("ingest.out"), tmp.resolve("ingest.err"),
                "ingest", "--collection", "term", corpus.toString());
        Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
        while (committed(data, "term") == 0 && ingest.isAlive() && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
        assertThat(ingest.isAlive()).as("still ingesting after its first commit").isTrue();
        // the launcher exec's the JVM: this pid is the java process itself, not a shell
        assertThat(ingest.toHandle().info().command().orElse("")).endsWith("java");
        long termAt = System.nanoTime();
        new ProcessBuilder("kill", "-TERM", Long.toString(ingest.pid())).start().waitFor();
        assertThat(ingest.waitFor(60, TimeUnit.SECONDS)).as("exits promptly after SIGTERM").isTrue();
        double exitSeconds = (System.nanoTime() - termAt) / 1e9;
        String err = Files.readString(tmp.resolve("ingest.err"));
        assertThat(err).contains("stopped by shutdown").contains("Run the same command again to finish");

        IndexStats afterTerm = IndexSoundness.assertSound(data, "term");
        assertThat(afterTerm).isNotNull();
        int done = afterTerm.documents();
        assertThat(done).as("documents committed before exiting").isBetween(1, files - 1);
        try (LuceneCollections store = new LuceneCollections(data)) {
            ChunkIndex index = store.find("term").orElseThrow();
            String anyDone = index.documents().getFirst().source();
            assertThat(index.snapshot().searchBm25(Path.of(anyDone).getFileName().toString().replace(".txt", ""),
                    3, SearchFilter.NONE)).isNotEmpty();
        }
        System.out.printf("SIGTERM during ingest: exit code %d after %.1f s, %d of %d documents committed%n",
                ingest.exitValue(), exitSeconds, done, files);

        Run rerun = run(env, "ingest", "--collection", "term", corpus.toString());
        assertThat(rerun.exit()).as(rerun.err()).isZero();
        assertThat(rerun.out()).contains("Collection 'term': " + (files - done) + " added, 0 updated, " + done
                + " unchanged");
        assertThat(IndexSoundness.assertSound(data, "term").documents()).isEqualTo(files);
    }

    /**
     * The upload's side of a SIGTERM. Questions in flight are {@link
     * #sigtermWhileQuestionsAreAnsweredLetsThemFinishRefusesNewOnesAndExits}'s: an earlier version of this test sent
     * its questions with {@code supplyAsync} on the common pool, whose one thread (two cores) the upload held, so they
     * left only after the upload was answered, reached a server that was closing, and read EOF.
     */
    @Test
    void sigtermDuringAnUploadCommitsWhatIsCompleteAndAnswersTheUpload() throws Exception {
        int files = 120;
        Path corpus = corpus(tmp.resolve("corpus"), files, "第%d号规定");
        Path docs = Files.createDirectories(tmp.resolve("docs"));
        Files.writeString(docs.resolve("leave.md"), "# 年假\n\n员工每年有十五天年假。\n");
        Path data = tmp.resolve("data");
        int port = freePort();
        Map<String, String> env = Map.of("YUNRAG_DATA_DIR", data.toString(), "QUARKUS_HTTP_PORT", String.valueOf(port),
                "YUNRAG_INGEST_COMMIT_INTERVAL", "1s");
        assertThat(run(env, "ingest", "--collection", "kb", docs.toString()).exit()).isZero();
        Process server = start(env, tmp.resolve("serve.out"), tmp.resolve("serve.err"), "serve");
        try {
            awaitServing(server, tmp.resolve("serve.out"), port);
            List<Path> parts;
            try (var list = Files.list(corpus)) {
                parts = list.sorted().toList();
            }
            CompletableFuture<HttpResponse<String>> upload = CompletableFuture.supplyAsync(() -> {
                try {
                    return uploadAll(port, "up", parts);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
            while (committed(data, "up") == 0 && !upload.isDone() && Instant.now().isBefore(deadline)) {
                Thread.sleep(200);
            }
            assertThat(upload.isDone()).as("the upload is still being ingested").isFalse();
            assertThat(server.toHandle().info().command().orElse("")).endsWith("java");
            long termAt = System.nanoTime();
            new ProcessBuilder("kill", "-TERM", Long.toString(server.pid())).start().waitFor();
            assertThat(server.waitFor(120, TimeUnit.SECONDS)).as("the server exits after SIGTERM").isTrue();
            double exitSeconds = (System.nanoTime() - termAt) / 1e9;

            HttpResponse<String> uploaded = upload.get(10, TimeUnit.SECONDS);
            assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(200);
            assertThat(uploaded.body()).contains("stopped by shutdown");
            int done = IndexSoundness.assertSound(data, "up").documents();
            assertThat(done).isBetween(1, files - 1);
            System.out.printf("SIGTERM during an upload: server exited after %.1f s (code %d), %d of %d uploaded"
                    + " documents committed%n", exitSeconds, server.exitValue(), done, files);
        } finally {
            if (server.isAlive()) {
                server.destroyForcibly();
            }
        }
    }

    /**
     * Questions in flight when the server gets SIGTERM finish with their answers: three questions, plain and streamed,
     * wait on a chat model (a loopback stub that answers after {@link SlowChat#DELAY}) when the JVM itself gets
     * SIGTERM. A question and a search sent during the drain are refused at once (503), not left hanging, and the
     * server exits once the questions are answered.
     */
    @Test
    void sigtermWhileQuestionsAreAnsweredLetsThemFinishRefusesNewOnesAndExits() throws Exception {
        Path docs = Files.createDirectories(tmp.resolve("docs"));
        Files.writeString(docs.resolve("leave.md"), "# 年假\n\n员工每年有十五天年假，工作满十年后增加到二十天。\n");
        Path data = tmp.resolve("data");
        int port = freePort();
        try (SlowChat chat = new SlowChat()) {
            Map<String, String> env = Map.of("YUNRAG_DATA_DIR", data.toString(), "QUARKUS_HTTP_PORT",
                    String.valueOf(port), "YUNRAG_API_CHAT_BASE_URL", chat.baseUrl(),
                    "YUNRAG_API_CHAT_API_KEY", "test-key");
            assertThat(run(env, "ingest", "--collection", "kb", docs.toString()).exit()).isZero();
            Process server = start(env, tmp.resolve("serve.out"), tmp.resolve("serve.err"), "serve");
            try {
                awaitServing(server, tmp.resolve("serve.out"), port);
                var clients = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();
                List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
                for (String path : List.of("/api/ask", "/api/ask", "/api/ask/stream")) {
                    inFlight.add(CompletableFuture.supplyAsync(() -> {
                        try {
                            return post(port, path, Map.of("question", "每年有几天年假？", "collection", "kb"),
                                    Duration.ofMinutes(2));
                        } catch (Exception e) {
                            throw new IllegalStateException(path + ": " + e, e);
                        }
                    }, clients));
                }
                Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
                while (chat.calls() < inFlight.size() && Instant.now().isBefore(deadline)) {
                    Thread.sleep(50);
                }
                assertThat(chat.calls()).as("questions waiting on the chat model").isEqualTo(inFlight.size());
                assertThat(server.toHandle().info().command().orElse("")).endsWith("java");
                long termAt = System.nanoTime();
                new ProcessBuilder("kill", "-TERM", Long.toString(server.pid())).start().waitFor();
                Thread.sleep(500);

                Map<String, Map<String, String>> sentDuringTheDrain = Map.of(
                        "/api/ask", Map.of("question", "每年有几天年假？", "collection", "kb"),
                        "/api/search", Map.of("query", "年假", "collection", "kb"));
                Map<String, String> drained = new HashMap<>(); // what each request sent during the drain got
                for (var request : sentDuringTheDrain.entrySet()) {
                    long sentAt = System.nanoTime();
                    String outcome;
                    try {
                        HttpResponse<String> refused = post(port, request.getKey(), request.getValue(),
                                Duration.ofSeconds(10));
                        outcome = refused.statusCode() + " Retry-After=" + refused.headers().firstValue("Retry-After")
                                .orElse("-") + " " + refused.body();
                    } catch (java.net.ConnectException closed) {
                        outcome = "503 connection refused: the listener is closed";
                    } catch (java.net.http.HttpTimeoutException held) {
                        outcome = "held past 10 s";
                    } catch (IOException cut) {
                        outcome = "connection cut: " + cut;
                    }
                    drained.put(request.getKey(), String.format("%s (after %.1f s)", outcome,
                            (System.nanoTime() - sentAt) / 1e9));
                }
                try {
                    HttpResponse<String> ready = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/q/health/ready")).timeout(Duration.ofSeconds(10))
                            .build(), HttpResponse.BodyHandlers.ofString());
                    drained.put("/q/health/ready", ready.statusCode() + " Retry-After="
                            + ready.headers().firstValue("Retry-After").orElse("-") + " " + ready.body());
                } catch (java.net.ConnectException closed) {
                    drained.put("/q/health/ready", "503 connection refused: the listener is closed");
                }

                for (CompletableFuture<HttpResponse<String>> question : inFlight) {
                    HttpResponse<String> answered;
                    try {
                        answered = question.get(2, TimeUnit.MINUTES);
                    } catch (java.util.concurrent.ExecutionException e) {
                        throw new AssertionError("a question in flight at SIGTERM got no answer; server log:\n"
                                + Files.readString(tmp.resolve("serve.err")), e.getCause());
                    }
                    assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);
                    assertThat(answered.body()).contains(SlowChat.ANSWER);
                }
                assertThat(server.waitFor(60, TimeUnit.SECONDS)).as("the server exits after the drain").isTrue();
                assertThat(drained).as("requests sent during the drain").allSatisfy((path, outcome) -> {
                    assertThat(outcome).startsWith("503");
                    if (!outcome.contains("connection refused")) {
                        assertThat(outcome).contains("Retry-After=" + 10).contains("shutting_down");
                    }
                });
                System.out.printf("SIGTERM with %d questions in flight: all answered, server exited %.1f s after"
                        + " the signal (code %d); sent during the drain: %s%n", inFlight.size(),
                        (System.nanoTime() - termAt) / 1e9, server.exitValue(), drained);
            } finally {
                if (server.isAlive()) {
                    server.destroyForcibly();
                }
            }
        }
    }

    @Test
    @Tag("slow") // ten clients, an upload, a backup, two restores and a re-index: minutes on 2 cores
    void backupWhileTenClientsAskAndOneUploadsThenRestoreIntoAFreshDataDirectoryAnswersAlikeThenReindexAside() throws Exception {
        Path docs = Files.createDirectories(tmp.resolve("docs"));
        Files.writeString(docs.resolve("leave.md"), "# 年假\n\n员工每年有十五天年假，工作满十年后增加到二十天。\n");
        Files.writeString(docs.resolve("expenses.md"), "# 报销\n\n差旅报销须在出差结束后三十天内提交，附发票原件。\n");
        Files.writeString(docs.resolve("passwords.md"), "# 密码\n\n系统密码每九十天更换一次，长度不少于十二位。\n");
        Path data = tmp.resolve("data");
        int port = freePort();
        Map<String, String> env = Map.of("YUNRAG_DATA_DIR", data.toString(), "QUARKUS_HTTP_PORT", String.valueOf(port));
        assertThat(run(env, "ingest", "--collection", "kb", docs.toString()).exit()).isZero();

        Process server = start(env, tmp.resolve("serve.out"), tmp.resolve("serve.err"), "serve");
        try {
            awaitServing(server, tmp.resolve("serve.out"), port);
            List<String> questions = List.of("每年有几天年假？", "差旅报销要在多久内提交？", "系统密码多久更换一次？");
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger asked = new AtomicInteger();
            List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
            List<CompletableFuture<Void>> clients = new ArrayList<>();
            for (int c = 0; c < 10; c++) {
                int client = c;
                clients.add(CompletableFuture.runAsync(() -> {
                    int i = client;
                    while (!stop.get()) {
                        try {
                            HttpResponse<String> response = ask(port, questions.get(i++ % questions.size()));
                            if (response.statusCode() != 200) {
                                failures.add(response.statusCode() + " " + response.body());
                            }
                            asked.incrementAndGet();
                        } catch (Exception e) {
                            failures.add(e.toString());
                        }
                    }
                }, java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()));
            }
            CompletableFuture<Integer> uploader = CompletableFuture.supplyAsync(() -> {
                int uploaded = 0;
                for (int f = 0; f < 12; f++) {
                    try {
                        HttpResponse<String> response = upload(port, "kb", "notice-" + f + ".txt",
                                "第" + f + "号通知：会议室预订须提前一天，培训安排见附件。项目预算按季度审批。");
                        if (response.statusCode() == 200) {
                            uploaded++;
                        } else {
                            failures.add("upload " + response.statusCode() + " " + response.body());
                        }
                    } catch (Exception e) {
                        failures.add("upload " + e);
                    }
                }
                return uploaded;
            });

            Path backup = tmp.resolve("backup-kb");
            Run backedUp = run(env, "backup", "--collection", "kb", backup.toString());
            assertThat(uploader.get(5, TimeUnit.MINUTES)).isEqualTo(12);
            stop.set(true);
            CompletableFuture.allOf(clients.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
            assertThat(backedUp.exit()).as(backedUp.err()).isZero();
            assertThat(backedUp.out()).contains("Backed up collection 'kb' to " + backup)
                    .contains("CheckIndex clean, counts verified.");
            assertThat(backedUp.err()).contains("who=operator:").contains("action=backup collection=kb");
            assertThat(failures).as("questions and uploads that failed during the backup").isEmpty();
            System.out.printf("backup while serving: %d questions answered by 10 clients, 12 uploads, 0 failed%n",
                    asked.get());

            // restore into a fresh data directory
            Path fresh = tmp.resolve("fresh-data");
            Map<String, String> freshEnv = Map.of("YUNRAG_DATA_DIR", fresh.toString());
            Run restored = run(freshEnv, "restore", "--collection", "kb", backup.toString());
            assertThat(restored.exit()).as(restored.err()).isZero();
            assertThat(restored.out()).contains("Restored collection 'kb' from " + backup)
                    .contains("CheckIndex clean, counts verified.");
            assertThat(restored.err()).contains("action=restore collection=kb");

            // the live collection goes back to the backup's commit (swapped in beside the running server), and
            // then answers exactly what the restored copy answers
            Run replaced = run(env, "restore", "--collection", "kb", "--replace", backup.toString());
            assertThat(replaced.exit()).as(replaced.err()).isZero();
            for (String question : questions) {
                JsonNode served = JSON.readTree(ask(port, question).body());
                Run local = run(freshEnv, "ask", "--local", "--json", "--collection", "kb", question);
                assertThat(local.exit()).as(local.err()).isZero();
                JsonNode fromRestored = JSON.readTree(local.out());
                assertThat(fromRestored.path("answer").asText()).isEqualTo(served.path("answer").asText())
                        .isNotBlank();
                assertThat(citations(fromRestored)).isEqualTo(citations(served)).isNotEmpty();
            }

            // refused: an existing collection without --replace, and a damaged backup
            Run again = run(freshEnv, "restore", "--collection", "kb", backup.toString());
            assertThat(again.exit()).isEqualTo(2);
            assertThat(again.err()).contains("Collection 'kb' exists: restore does not overwrite it.");
            Path damaged = tmp.resolve("damaged");
            copyTree(backup, damaged);
            CollectionBackupTest.corruptLargestFile(damaged.resolve("index"));
            Run refused = run(freshEnv, "restore", "--collection", "kb", "--replace", damaged.toString());
            assertThat(refused.exit()).isEqualTo(2);
            assertThat(refused.err()).contains("The backup at " + damaged + " is damaged")
                    .contains("nothing was restored");
            assertThat(IndexSoundness.assertSound(fresh, "kb")).isNotNull();

            // re-index with another model beside the running server while 10 clients ask: built aside, swapped in
            AtomicBoolean stopAsking = new AtomicBoolean();
            AtomicInteger askedDuringReindex = new AtomicInteger();
            List<CompletableFuture<Void>> askers = new ArrayList<>();
            for (int c = 0; c < 10; c++) {
                int client = c;
                askers.add(CompletableFuture.runAsync(() -> {
                    int i = client;
                    while (!stopAsking.get()) {
                        try {
                            HttpResponse<String> response = ask(port, questions.get(i++ % questions.size()));
                            if (response.statusCode() != 200 || !response.body().contains("\"citations\":[{")) {
                                failures.add("during re-index: " + response.statusCode() + " " + response.body());
                            }
                            askedDuringReindex.incrementAndGet();
                        } catch (Exception e) {
                            failures.add("during re-index: " + e);
                        }
                    }
                }, java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()));
            }
            Run reindexed = run(env, "ingest", "--reindex", "--embedding-model", "hashing", "--collection", "kb",
                    docs.toString());
            Thread.sleep(1000); // questions after the swap
            stopAsking.set(true);
            CompletableFuture.allOf(askers.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
            assertThat(reindexed.exit()).as(reindexed.err()).isZero();
            assertThat(reindexed.err()).contains("action=reindex collection=kb");
            assertThat(failures).as("questions that failed during the re-index and swap").isEmpty();
            JsonNode listed = JSON.readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/api/collections")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            JsonNode kb = null;
            for (JsonNode collection : listed) {
                if (collection.path("name").asText().equals("kb")) {
                    kb = collection;
                }
            }
            assertThat(kb).isNotNull();
            assertThat(kb.path("embeddingModel").asText()).isEqualTo("hashing");
            assertThat(kb.path("dimension").asInt()).isEqualTo(256);
            assertThat(kb.path("documents").asInt()).isEqualTo(3);
            assertThat(ask(port, "每年有几天年假？").body()).contains("十五天年假");
            System.out.printf("re-index beside the server: %d questions by 10 clients during the rebuild and swap,"
                    + " 0 failed; the collection now reports embedding model hashing (256 dims)%n",
                    askedDuringReindex.get());
        } finally {
            server.destroy();
            if (!server.waitFor(60, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    private static List<String> citations(JsonNode answer) {
        List<String> cited = new ArrayList<>();
        answer.path("citations").forEach(c -> cited.add(c.path("source").asText() + " " + c.path("start").asInt()
                + "-" + c.path("end").asInt()));
        return cited;
    }

    private static int committed(Path data, String collection) {
        try (LuceneCollections store = new LuceneCollections(data)) {
            return store.find(collection).map(index -> index.stats().documents()).orElse(0);
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private static HttpResponse<String> ask(int port, String question) throws Exception {
        String body = JSON.writeValueAsString(Map.of("question", question, "collection", "kb"));
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/ask")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofMinutes(2)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(int port, String path, Map<String, String> body, Duration timeout)
            throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).timeout(timeout).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * A 云网-style chat endpoint on the loopback interface that answers after {@link #DELAY}, plain or streamed, so
     * a question is still in flight when the server is stopped.
     */
    private static final class SlowChat implements AutoCloseable {
        static final String ANSWER = "员工每年有十五天年假[1]。";
        static final Duration DELAY = Duration.ofSeconds(8);

        private final com.sun.net.httpserver.HttpServer server;
        private final AtomicInteger calls = new AtomicInteger();

        SlowChat() throws IOException {
            server = com.sun.net.httpserver.HttpServer.create(
                    new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
            server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
            server.createContext("/v1/chat/completions", this::chat);
            server.start();
        }

        String baseUrl() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        int calls() {
            return calls.get();
        }

        private void chat(com.sun.net.httpserver.HttpExchange exchange) throws IOException {
            boolean stream = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)
                    .contains("\"stream\":true");
            calls.incrementAndGet();
            try {
                Thread.sleep(DELAY);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            String usage = "\"usage\":{\"prompt_tokens\":100,\"completion_tokens\":10,\"total_tokens\":110}";
            String reply = stream
                    ? "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,"
                            + "\"finish_reason\":null,\"delta\":{\"content\":\"" + ANSWER + "\"}}]}\n\n"
                            + "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,"
                            + "\"finish_reason\":\"stop\",\"delta\":{}}]," + usage + "}\n\ndata: [DONE]\n\n"
                    : "{\"id\":\"c\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,"
                            + "\"finish_reason\":\"stop\",\"message\":{\"role\":\"assistant\",\"content\":\""
                            + ANSWER + "\"}}]," + usage + "}";
            byte[] bytes = reply.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", stream ? "text/event-stream" : "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            try (var out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    private static HttpResponse<String> upload(int port, String collection, String name, String text)
            throws Exception {
        String boundary = "b" + System.nanoTime();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                + "\"\r\nContent-Type: text/plain\r\n\r\n" + text + "\r\n--" + boundary + "--\r\n";
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/collections/" + collection + "/documents"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.getBytes(StandardCharsets.UTF_8)))
                .timeout(Duration.ofMinutes(2)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> uploadAll(int port, String collection, List<Path> files) throws Exception {
        String boundary = "b" + System.nanoTime();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        for (Path file : files) {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                    + file.getFileName() + "\"\r\nContent-Type: text/plain\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.write(Files.readAllBytes(file));
            body.write("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/collections/" + collection + "/documents"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .timeout(Duration.ofMinutes(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void awaitServing(Process server, Path out, int port) throws Exception {
        String banner = "Serving on http://localhost:" + port;
        Instant deadline = Instant.now().plus(Duration.ofMinutes(4));
        while (!Files.readString(out).contains(banner) && Instant.now().isBefore(deadline) && server.isAlive()) {
            Thread.sleep(500);
        }
        assertThat(Files.readString(out)).contains(banner);
    }

    static Path corpus(Path dir, int files, String titleFormat) throws IOException {
        Files.createDirectories(dir);
        java.util.Random random = new java.util.Random(5);
        String[] words = {"员工", "年假", "报销", "会议", "安全", "密码", "项目", "客户", "合同", "预算", "培训", "系统"};
        for (int f = 0; f < files; f++) {
            StringBuilder text = new StringBuilder(String.format(titleFormat, f)).append("\n\n");
            for (int s = 0; s < 40; s++) {
                for (int w = 0; w < 8; w++) {
                    text.append(words[random.nextInt(words.length)]);
                }
                text.append(s % 5 == 4 ? "。\n\n" : "。");
            }
            Files.writeString(dir.resolve("rule-" + f + ".txt"), text, StandardCharsets.UTF_8);
        }
        return dir;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var walk = Files.walk(from)) {
            for (Path path : walk.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private record Run(int exit, String out, String err) {
    }

    private Process start(Map<String, String> env, Path out, Path err, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("YUNRAG_") || name.startsWith("QUARKUS_"));
        builder.environment().putAll(env);
        return builder.start();
    }

    private Run run(Map<String, String> env, String... args) throws Exception {
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        Process process = start(env, out, err, args);
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("./yunrag " + String.join(" ", args) + " did not finish in 5 minutes");
        }
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }
}

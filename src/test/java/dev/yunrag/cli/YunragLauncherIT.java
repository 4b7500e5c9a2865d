package dev.yunrag.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code ./yunrag} script in a child process, as a user runs it (after {@code package}, so the launcher finds
 * its jar built): no incubator warning while Lucene still vectorises, an ignored unsupported file lets a clean run
 * exit 0, {@code ask --help} tells the truth without the 云网 API, {@code serve} prints the port in force and
 * {@code ask} uses the running server, through the thin client that loads nothing of the application.
 */
class YunragLauncherIT {

    private static final Path LAUNCHER = Path.of("yunrag").toAbsolutePath();

    @TempDir
    Path tmp;

    record Run(int exit, String out, String err) {
    }

    @Test
    void anUnsupportedFileFailsUntilItIsIgnoredAndNoIncubatorWarningIsPrinted() throws Exception {
        Path docs = Files.createDirectories(tmp.resolve("docs"));
        Files.writeString(docs.resolve("leave.md"), "# 年假\n\n员工每年有十五天年假。\n");
        Files.write(docs.resolve("firmware.bin"), new byte[] {0, 1, 2, 3, (byte) 0xff, 0, 7, 0, 9, 0});
        Map<String, String> env = Map.of("YUNRAG_DATA_DIR", tmp.resolve("data").toString(), "YUNRAG_JAVA_OPTS",
                "-Dquarkus.log.level=INFO -Dquarkus.log.category.\"org.apache.lucene\".level=INFO");

        Run failing = run(env, "ingest", docs.toString());
        assertThat(failing.exit()).as(failing.err()).isEqualTo(1);
        assertThat(failing.out()).contains("firmware.bin");

        // the README's remedy: list it in .yunragignore
        Files.writeString(docs.resolve(".yunragignore"), "*.bin\n");
        Run clean = run(env, "ingest", docs.toString());
        assertThat(clean.exit()).as(clean.out() + clean.err()).isZero();

        for (Run r : List.of(failing, clean)) {
            assertThat(r.err()).doesNotContain("WARNING: Using incubator modules");
        }
        // and the incubator module is still in use: Lucene says its vectorised code is on
        assertThat(failing.err() + clean.err()).contains("Java vector incubator API enabled");
    }

    @Test
    void askHelpDoesNotClaimA云网DefaultWhenNoneIsConfigured() throws Exception {
        Run help = run(Map.of(), "ask", "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).doesNotContain("TianQing-72B (default)").contains("otherwise extractive")
                .contains("--server=URL").contains("--local");
        assertThat(help.err()).doesNotContain("WARNING: Using incubator modules");
    }

    @Test
    void serveSaysItsRealPortAndAskUsesTheRunningServer() throws Exception {
        Path docs = Files.createDirectories(tmp.resolve("docs"));
        Files.writeString(docs.resolve("leave.md"), "# 年假\n\n员工每年有十五天年假。\n");
        int port = freePort();
        // the server requires keys, as the README's "API keys" section sets them
        Map<String, String> env = Map.of("YUNRAG_DATA_DIR", tmp.resolve("data").toString(),
                "QUARKUS_HTTP_PORT", String.valueOf(port), "YUNRAG_SECURITY_KEYS", "k-7f3a9c2e5b1d4a60:reader");
        assertThat(run(env, "ingest", docs.toString()).exit()).isZero();

        Path serveOut = tmp.resolve("serve.out");
        ProcessBuilder serve = new ProcessBuilder(LAUNCHER.toString(), "serve").redirectOutput(serveOut.toFile())
                .redirectError(tmp.resolve("serve.err").toFile());
        serve.environment().putAll(env);
        Process server = serve.start();
        try {
            String banner = "Serving on http://localhost:" + port + " (Ctrl-C stops)";
            Instant deadline = Instant.now().plus(Duration.ofMinutes(4));
            while (!Files.readString(serveOut).contains(banner) && Instant.now().isBefore(deadline)
                    && server.isAlive()) {
                Thread.sleep(500);
            }
            assertThat(Files.readString(serveOut)).contains(banner);

            // the same port setting: ask finds the server itself
            Run keyless = run(env, "ask", "每年有几天年假？");
            assertThat(keyless.exit()).isEqualTo(2);
            assertThat(keyless.err()).contains("401").contains("YUNRAG_SERVER_KEY");

            Map<String, String> withKey = new java.util.HashMap<>(env);
            withKey.put("YUNRAG_SERVER_KEY", "k-7f3a9c2e5b1d4a60");
            Path classes = tmp.resolve("client-classes.txt");
            withKey.put("YUNRAG_JAVA_OPTS", "-Xlog:class+load:file=" + classes);
            Run ask = run(withKey, "ask", "每年有几天年假？");
            assertThat(ask.exit()).as(ask.err()).isZero();
            assertThat(ask.out()).contains("十五天年假").contains("[1] docs/leave.md")
                    .contains("Answered by the server at http://localhost:" + port + "/");
            // the thin client answered: the application (Quarkus, CDI, Lucene, the ONNX model) was never loaded
            assertThat(Files.readString(classes)).contains("dev.yunrag.cli.AskClient ").doesNotContain("io.quarkus.")
                    .doesNotContain("org.jboss.").doesNotContain("org.apache.lucene.").doesNotContain("ai.onnxruntime.");

            // YUNRAG_ASK_CLIENT=0: the application itself asks the server, with the same answer
            withKey.put("YUNRAG_ASK_CLIENT", "0");
            withKey.put("YUNRAG_JAVA_OPTS", "-Xlog:class+load:file=" + tmp.resolve("application-classes.txt"));
            Run asked = run(withKey, "ask", "每年有几天年假？");
            assertThat(asked.exit()).as(asked.err()).isZero();
            assertThat(asked.out()).contains("十五天年假").contains("[1] docs/leave.md")
                    .contains("Answered by the server at http://localhost:" + port + "/");
            assertThat(Files.readString(tmp.resolve("application-classes.txt"))).contains("io.quarkus.")
                    .doesNotContain("dev.yunrag.cli.AskClient ");

            Run local = run(env, "ask", "--local", "每年有几天年假？");
            assertThat(local.out()).contains("十五天年假").doesNotContain("Answered by the server");
        } finally {
            server.destroy();
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    @Test
    void askFindsAServerWhosePortComesFromDotEnvInTheWorkingDirectory() throws Exception {
        // what a user who keeps the settings beside the installation has: .env (QUARKUS_HTTP_PORT, which outranks
        // the file as in the server) and application.properties (a %prod port, not in force here)
        Path work = Files.createDirectories(tmp.resolve("work"));
        int port = freePort();
        Files.writeString(work.resolve(".env"), "QUARKUS_HTTP_PORT=" + port + "\n");
        Files.writeString(work.resolve("application.properties"), "%prod.quarkus.http.port=" + freePort() + "\n"
                + "yunrag.data-dir=" + tmp.resolve("data") + "\n");
        Path docs = Files.createDirectories(tmp.resolve("docs"));
        Files.writeString(docs.resolve("leave.md"), "# 年假\n\n员工每年有十五天年假。\n");
        assertThat(run(work, Map.of(), "ingest", docs.toString()).exit()).isZero();

        Path serveOut = tmp.resolve("serve.out");
        ProcessBuilder serve = new ProcessBuilder(LAUNCHER.toString(), "serve").directory(work.toFile())
                .redirectOutput(serveOut.toFile()).redirectError(tmp.resolve("serve.err").toFile());
        serve.environment().keySet().removeIf(name -> name.startsWith("QUARKUS_") || name.startsWith("YUNRAG_"));
        Process server = serve.start();
        try {
            String banner = "Serving on http://localhost:" + port + " (Ctrl-C stops)";
            Instant deadline = Instant.now().plus(Duration.ofMinutes(4));
            while (!Files.readString(serveOut).contains(banner) && Instant.now().isBefore(deadline)
                    && server.isAlive()) {
                Thread.sleep(500);
            }
            assertThat(Files.readString(serveOut)).as(Files.readString(tmp.resolve("serve.err"))).contains(banner);

            Run ask = run(work, Map.of(), "ask", "每年有几天年假？");
            assertThat(ask.exit()).as(ask.err()).isZero();
            assertThat(ask.out()).contains("十五天年假")
                    .contains("Answered by the server at http://localhost:" + port + "/");
        } finally {
            server.destroy();
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    private Run run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        return run(null, env, args);
    }

    private Run run(Path workingDirectory, Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        if (workingDirectory != null) {
            builder.directory(workingDirectory.toFile());
            builder.environment().keySet().removeIf(name -> name.startsWith("QUARKUS_") || name.startsWith("YUNRAG_"));
        }
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("./yunrag " + String.join(" ", args) + " did not finish in 5 minutes");
        }
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

package dev.yunrag.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The thin {@code ask} client without the launcher: which port it looks for the local server on (the settings the
 * application reads, highest first), and when it hands the question to the application (exit code 90) instead of
 * answering. Answers through a real server: {@link YunragLauncherIT}.
 */
class AskClientTest {

    private static final String[] SETTINGS = {"quarkus.http.port", "yunrag.config"};

    private final Map<String, String> saved = new HashMap<>();

    @TempDir
    Path tmp;

    AskClientTest() {
        for (String key : SETTINGS) {
            saved.put(key, System.getProperty(key));
        }
    }

    @AfterEach
    void restore() {
        saved.forEach((key, value) -> {
            if (value == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, value);
            }
        });
    }

    @Test
    void theOperatorsFileSetsThePortAndASystemPropertyWins() throws IOException {
        assumeNoPortInTheEnvironment();
        Path file = Files.writeString(tmp.resolve("application.properties"), "quarkus.http.port=9123\n");
        System.setProperty("yunrag.config", file.toString());
        System.clearProperty("quarkus.http.port");
        assertThat(AskClient.localServerPort()).isEqualTo(9123);

        System.setProperty("quarkus.http.port", "9456");
        assertThat(AskClient.localServerPort()).isEqualTo(9456);
    }

    @Test
    void withoutASettingThePortIsTheDefault8080() {
        assumeNoPortInTheEnvironment();
        System.setProperty("yunrag.config", "none");
        System.clearProperty("quarkus.http.port");
        assertThat(AskClient.localServerPort()).isEqualTo(8080);
    }

    @Test
    void localAndNoServerAtTheDefaultURLHandTheQuestionToTheApplication() throws IOException {
        assertThat(AskClient.run("--local", "每年有几天年假？")).isEqualTo(AskClient.IN_PROCESS);

        System.setProperty("quarkus.http.port", String.valueOf(freePort()));
        assertThat(AskClient.run("每年有几天年假？")).isEqualTo(AskClient.IN_PROCESS);
    }

    @Test
    void aNamedServerThatDoesNotAnswerIsAnErrorNotAHandOver() throws IOException {
        assertThat(AskClient.run("--server", "http://127.0.0.1:" + freePort(), "每年有几天年假？")).isEqualTo(2);
    }

    @Test
    void anUnreadablePortSettingIsLeftToTheApplicationToReport() {
        System.setProperty("quarkus.http.port", "eighty");
        assertThat(AskClient.run("每年有几天年假？")).isEqualTo(AskClient.IN_PROCESS);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void assumeNoPortInTheEnvironment() {
        assumeTrue(System.getenv("QUARKUS_HTTP_PORT") == null, "QUARKUS_HTTP_PORT is set here and outranks the file");
    }
}

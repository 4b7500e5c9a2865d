package dev.yunrag.api.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.yunrag.testing.SampleCorpus;
import dev.yunrag.ingest.IngestionPipeline;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * /v1 as the official {@code openai} npm client sees it: a chat completion, a stream, the model list and an unknown
 * path. The package is installed from the npm registry into target/openai-node at test time (once; later runs reuse
 * it); the test is skipped only when node or npm is not on the machine.
 */
@QuarkusTest
class OpenAiNodeClientTest {

    /** Pinned: the current release when this test was written (`npm view openai version`). */
    static final String OPENAI_VERSION = "7.60.0";
    private static final Path PREFIX = Path.of("target", "openai-node");
    private static final String QUESTION = "女员工生育可以享受多少天产假？";

    @Inject
    IngestionPipeline pipeline;

    @TestHTTPResource("/v1")
    URL v1;

    @Test
    void officialOpenAiNodeClientWorksAgainstV1() throws Exception {
        Assumptions.assumeTrue(onPath("node") && onPath("npm"),
                "node and npm are not on the PATH: cannot run the openai npm client test");
        SampleCorpus.ingest(pipeline);
        Path module = installOpenAi();
        Path script = Path.of("src", "test", "resources", "openai-node", "client.mjs");

        String out = run(List.of("node", script.toString(), module.toUri().toString(), v1.toString(), QUESTION), 180);
        JsonNode seen = new ObjectMapper().readTree(out.strip().lines().reduce((a, b) -> b).orElseThrow());

        JsonNode chat = seen.get("chat");
        assertThat(chat.get("object").asText()).isEqualTo("chat.completion");
        assertThat(chat.get("content").asText()).contains("158").containsPattern("\\[\\d+]");
        assertThat(chat.get("finishReason").asText()).isEqualTo("stop");
        assertThat(chat.get("citations")).isNotEmpty();
        assertUsage(chat.get("usage"));

        JsonNode stream = seen.get("stream");
        assertThat(stream.get("chunks").asInt()).isGreaterThan(3);
        assertThat(stream.get("content").asText()).contains("158").containsPattern("\\[\\d+]");
        assertThat(stream.get("finishReason").asText()).isEqualTo("stop");
        assertThat(stream.get("citations")).isNotEmpty();
        assertUsage(stream.get("usage"));

        List<String> models = new ObjectMapper().convertValue(seen.get("models"),
                new com.fasterxml.jackson.core.type.TypeReference<List<String>>() { });
        assertThat(models).contains("yunrag", "yunrag:default");

        JsonNode unknown = seen.get("unknownPath");
        assertThat(unknown.get("thrown").asBoolean()).isTrue();
        assertThat(unknown.get("errorClass").asText()).isEqualTo("NotFoundError");
        assertThat(unknown.get("status").asInt()).isEqualTo(404);
        assertThat(unknown.get("code").asText()).isEqualTo("unknown_url");
        assertThat(unknown.get("type").asText()).isEqualTo("invalid_request_error");
        assertThat(unknown.get("message").asText()).contains("/v1/embeddings");

        JsonNode wrongMethod = seen.get("wrongMethod");
        assertThat(wrongMethod.get("thrown").asBoolean()).isTrue();
        assertThat(wrongMethod.get("status").asInt()).isEqualTo(405);
        assertThat(wrongMethod.get("code").asText()).isEqualTo("method_not_allowed");
        assertThat(wrongMethod.get("type").asText()).isEqualTo("invalid_request_error");
    }

    private static void assertUsage(JsonNode usage) {
        assertThat(usage).as("usage").isNotNull();
        assertThat(usage.get("prompt_tokens").asInt()).isPositive();
        assertThat(usage.get("completion_tokens").asInt()).isPositive();
        assertThat(usage.get("total_tokens").asInt())
                .isEqualTo(usage.get("prompt_tokens").asInt() + usage.get("completion_tokens").asInt());
    }

    /** The installed package's ESM entry point; npm runs only when the pinned version is not there yet. */
    private static Path installOpenAi() throws Exception {
        Path packageDir = PREFIX.resolve("node_modules").resolve("openai");
        Path manifest = packageDir.resolve("package.json");
        boolean installed = Files.exists(manifest)
                && new ObjectMapper().readTree(manifest.toFile()).path("version").asText().equals(OPENAI_VERSION);
        if (!installed) {
            Files.createDirectories(PREFIX);
            run(List.of("npm", "install", "--prefix", PREFIX.toString(), "--no-audit", "--no-fund",
                    "--no-save", "openai@" + OPENAI_VERSION), 300);
        }
        return packageDir.resolve("index.mjs").toAbsolutePath();
    }

    private static boolean onPath(String command) {
        try {
            return run(List.of(command, "--version"), 30) != null;
        } catch (IOException | AssertionError e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        Path log = Files.createTempFile("openai-node", ".log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                    .start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(command + " did not finish in " + timeoutSeconds + " s:\n"
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new AssertionError(command + " exited " + process.exitValue() + ":\n" + output);
            }
            return output;
        } finally {
            Files.deleteIfExists(log);
        }
    }
}

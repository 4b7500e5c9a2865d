package dev.yunrag.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Using the 云网 LLM API" section, done as an operator does it: the real {@code ./yunrag} launcher in a
 * child process, with exactly the two environment variables the README exports, and {@code check-api}. The key must
 * arrive at the (independent) stand-in; without it, the start-up warns loudly and {@code check-api} fails naming the
 * missing key, not a refusal. (The launcher builds the application first when its sources are newer than the jar.)
 */
class ReadmeKeyLaunchTest {

    private static final String KEY = "sk-readme-KEY-31415";
    private static final Path LAUNCHER = Path.of("yunrag").toAbsolutePath();

    @TempDir
    Path workDir;

    private final FaultingYunwang api = start();

    @AfterEach
    void stop() {
        api.close();
    }

    private static FaultingYunwang start() {
        try {
            return new FaultingYunwang();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theReadmesVariablesSendTheKey() throws Exception {
        Run run = launch(Map.of("YUNRAG_API_BASE_URL", api.baseUrl(), "YUNRAG_API_KEY", KEY), "check-api");

        assertThat(run.exitCode).as(run.output).isZero();
        assertThat(run.output).contains("All 云网 models answered.").doesNotContain(KEY);
        assertThat(api.received(FaultingYunwang.EMBEDDINGS)).isNotEmpty()
                .allSatisfy(r -> assertThat(r.authorization()).isEqualTo("Bearer " + KEY));
        assertThat(api.received(FaultingYunwang.RERANK)).isNotEmpty()
                .allSatisfy(r -> assertThat(r.authorization()).isEqualTo("Bearer " + KEY));
        // The document's chat example sends the bare key (auth-scheme raw is the chat default).
        assertThat(api.received(FaultingYunwang.CHAT)).isNotEmpty()
                .allSatisfy(r -> assertThat(r.authorization()).isEqualTo(KEY));
        assertThat(api.received(FaultingYunwang.CHAT)).as("check-api streams too")
                .anyMatch(r -> r.body().path("stream").asBoolean());
    }

    @Test
    void noKeyIsALoudWarningAndACheckApiFailure() throws Exception {
        // A base URL ending in /v1/, as OpenAI clients write it, reaches the same paths.
        Run run = launch(Map.of("YUNRAG_API_BASE_URL", api.baseUrl() + "/v1/"), "check-api");

        assertThat(run.exitCode).as(run.output).isEqualTo(1);
        assertThat(run.output).contains("NO API KEY CONFIGURED").contains("no key configured for chat")
                .contains("no key configured for embedding").doesNotContain("key refused")
                .contains("Some 云网 models failed.");
        assertThat(api.received()).isNotEmpty().allSatisfy(r -> {
            assertThat(r.authorization()).isNull();
            assertThat(r.path()).startsWith("/v1/").doesNotStartWith("/v1/v1");
        });
    }

    private record Run(int exitCode, String output) {
    }

    private Run launch(Map<String, String> variables, String... args) throws Exception {
        Path log = workDir.resolve("output.txt");
        String[] command = new String[args.length + 1];
        command[0] = LAUNCHER.toString();
        System.arraycopy(args, 0, command, 1, args.length);
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        // Exactly the README's variables: none of the test JVM's yunrag settings leak into the child.
        builder.environment().keySet().removeIf(name -> name.startsWith("YUNRAG_"));
        builder.environment().putAll(variables);
        Process process = builder.start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("the launcher did not finish: " + Files.readString(log));
        }
        return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }
}

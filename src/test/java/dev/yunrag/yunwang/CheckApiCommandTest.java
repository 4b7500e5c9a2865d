package dev.yunrag.yunwang;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yunrag.cli.CheckApiCommand;
import dev.yunrag.yunwang.YunwangStub.Fault;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The check-api command against the stub (it lives in the cli package; tested here, next to the stub). */
class CheckApiCommandTest extends StubTest {

    private final StringWriter output = new StringWriter();

    private int run(Map<String, String> settings, String... args) throws IOException {
        return run(YunwangClients.fromConfig(YunwangClientsTest.config(settings)), args);
    }

    private int run(YunwangClients clients, String... args) {
        CommandLine commandLine = new CommandLine(new CheckApiCommand(clients));
        commandLine.setOut(new PrintWriter(output, true));
        return commandLine.execute(args);
    }

    @Test
    void jsonReportsEveryCallWithItsRealStatusAndStreamedChat() throws IOException {
        stub.failAlways(YunwangStub.RERANK, new Fault.Status(503, null, "{\"error\":{\"message\":\"busy\"}}"));

        int exitCode = run(Map.of("yunrag.api.base-url", stub.baseUrl(), "yunrag.api.api-key", "sk-check"), "--json");

        assertThat(exitCode).isEqualTo(1);
        com.fasterxml.jackson.databind.JsonNode report = YunwangHttp.JSON.readTree(output.toString());
        assertThat(report.path("ok").asBoolean()).isFalse();
        assertThat(report.path("timeUnit").asText()).isEqualTo("s");
        java.util.List<com.fasterxml.jackson.databind.JsonNode> probes = new java.util.ArrayList<>();
        report.path("probes").forEach(probes::add);
        assertThat(probes).anyMatch(p -> p.path("endpoint").asText().equals("rerank") && !p.path("ok").asBoolean()
                && p.path("status").asInt() == 503);
        assertThat(probes).anyMatch(p -> p.path("endpoint").asText().equals("chat") && p.path("streamed").asBoolean()
                && p.path("ok").asBoolean() && p.path("status").asInt() == 200
                && p.path("timeToFirstTokenMs").isNumber());
        assertThat(probes).anyMatch(p -> p.path("result").asText().equals("dimension 1024"));
    }

    @Test
    void doesNotTripTheServingBreakers() throws IOException {
        stub.failAlways(YunwangStub.RERANK, new Fault.Status(500, null, "{}"));
        YunwangClients serving = YunwangClients.fromConfig(YunwangClientsTest.config(Map.of(
                "yunrag.api.base-url", stub.baseUrl(), "yunrag.api.api-key", "sk-check",
                "yunrag.api.rerank.breaker-threshold", "1")));

        for (int i = 0; i < 3; i++) {
            assertThat(run(serving)).isEqualTo(1);
        }

        assertThat(serving.breakerStates()).containsEntry("rerank", "CLOSED");
    }

    @Test
    void reportsEveryModelAndSucceedsWhenAllAnswer() throws IOException {
        // given
        stub.dimension(1024).chatReply("我是智能助手。");
        // when
        int exitCode = run(Map.of("yunrag.api.base-url", stub.baseUrl(), "yunrag.api.api-key", "sk-check"));
        // then
        assertThat(exitCode).isZero();
        assertThat(output.toString())
                .contains("OK    embedding BAAI/bge-large-zh-v1.5")
                .contains("dimension 1024")
                .contains("OK    rerank BAAI/bge-reranker-v2-m3")
                .contains("OK    chat TianQing-72B")
                .contains("OK    chat DeepSeek-R1-32B")
                .contains("我是智能助手。")
                .doesNotContain("sk-check");
    }

    @Test
    void failsWhenAModelDoesNotAnswer() throws IOException {
        // given: the rerank endpoint refuses the key
        stub.failNext(YunwangStub.RERANK, new Fault.Status(401, null, "{\"error\":{\"message\":\"no\"}}"));
        // when
        int exitCode = run(Map.of("yunrag.api.base-url", stub.baseUrl()));
        // then
        assertThat(exitCode).isEqualTo(1);
        assertThat(output.toString()).contains("FAIL  rerank BAAI/bge-reranker-v2-m3").contains("HTTP 401");
    }

    @Test
    void withoutBaseUrlSaysTheEmbeddedDefaultsAreInUse() throws IOException {
        int exitCode = run(Map.of());

        assertThat(exitCode).isZero();
        assertThat(output.toString()).contains("embedded in-process defaults are in use");
    }
}

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

    private int run(Map<String, String> settings) throws IOException {
        YunwangClients clients = YunwangClients.fromConfig(YunwangClientsTest.config(settings));
        CommandLine commandLine = new CommandLine(new CheckApiCommand(clients));
        commandLine.setOut(new PrintWriter(output, true));
        return commandLine.execute();
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

package dev.yunrag.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code yunrag check-api} through the real launcher path (Quarkus main, picocli, CDI) against the stub. */
@QuarkusMainTest
@TestProfile(CheckApiLaunchTest.Profile.class)
class CheckApiLaunchTest {

    /** Every endpoint on the stub; the in-process model is not loaded (check-api does not need it). */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("yunrag.embedding.eager-load", "false");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(YunwangStubResource.class,
                    Map.of("data-dir", "target/test-data-e2e-check-api")));
        }
    }

    @Test
    @Launch({"check-api"})
    void reportsEachModelReachableWithStatusLatencyAndWhatItReturned(LaunchResult result) {
        assertThat(result.exitCode()).isZero();
        String output = result.getOutput();
        List<String> lines = output.lines().toList();
        assertThat(lines).anyMatch(l -> l.startsWith("YunwangEndpoint[chat http://127.0.0.1:") && l.contains("key=***"));
        assertThat(lines).anyMatch(l -> l.matches("OK +embedding BAAI/bge-large-zh-v1\\.5 +HTTP 200 +\\d+ ms +dimension 1024"));
        assertThat(lines).anyMatch(l -> l.matches("OK +rerank BAAI/bge-reranker-v2-m3 +HTTP 200 +\\d+ ms +scores \\[.*\\]"));
        assertThat(lines).anyMatch(l -> l.matches("OK +chat TianQing-72B +HTTP 200 +\\d+ ms +reply \"我是云网智能助手。\""
                + ", prefill 0\\.125 s, 3 decode steps; TTFT 135\\.0 ms, .* tokens/s, generation 185\\.0 ms"));
        assertThat(lines).as("streaming is checked too, with its time to first token")
                .anyMatch(l -> l.matches("OK +chat TianQing-72B \\(stream\\) +HTTP 200 +\\d+ ms +first token [0-9.]+ ms +reply .*"));
        assertThat(lines).anyMatch(l -> l.matches("OK +chat DeepSeek-R1-32B +HTTP 200 .*"));
        assertThat(lines).contains("All 云网 models answered.");
        assertThat(output + result.getErrorOutput()).doesNotContain(YunwangStubResource.KEY);
    }
}

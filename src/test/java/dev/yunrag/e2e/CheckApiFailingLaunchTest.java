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

/** {@code yunrag check-api} when one endpoint fails: it says which, with the status, and exits non-zero. */
@QuarkusMainTest
@TestProfile(CheckApiFailingLaunchTest.Profile.class)
class CheckApiFailingLaunchTest {

    /** The rerank endpoint answers 500 to everything. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("yunrag.embedding.eager-load", "false");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(YunwangStubResource.class,
                    Map.of("data-dir", "target/test-data-e2e-check-api", "fail", "/v1/rerank")));
        }
    }

    @Test
    @Launch(value = {"check-api"}, exitCode = 1)
    void aFailingEndpointIsReportedAndTheExitCodeIsNonZero(LaunchResult result) {
        List<String> lines = result.getOutput().lines().toList();
        assertThat(lines).anyMatch(l -> l.matches("FAIL +rerank BAAI/bge-reranker-v2-m3 +HTTP 500 +\\d+ ms +.*"
                + "SERVER_ERROR.*model backend crashed"));
        assertThat(lines).anyMatch(l -> l.matches("OK +embedding BAAI/bge-large-zh-v1\\.5 +HTTP 200 .*dimension 1024"));
        assertThat(lines).contains("Some 云网 models failed.");
        assertThat(result.getOutput() + result.getErrorOutput()).doesNotContain(YunwangStubResource.KEY);
    }
}

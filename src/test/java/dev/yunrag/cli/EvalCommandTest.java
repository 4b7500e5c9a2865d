package dev.yunrag.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.yunrag.index.lucene.LuceneCollections;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code eval} through the application's own command line builds its scratch collection as the server builds a
 * collection: with a configured int8 vector format the collection is int8 (it used to be float32 whatever was set).
 */
@QuarkusMainTest
@TestProfile(EvalCommandTest.Int8Profile.class)
class EvalCommandTest {

    static final Path WORK = Path.of("target/test-data-eval-command");

    public static class Int8Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("yunrag.data-dir", WORK.resolve("data").toString(), "yunrag.index.vector-format", "int8",
                    "yunrag.embedding.eager-load", "false");
        }
    }

    @BeforeAll
    static void cleanWork() throws IOException {
        if (Files.exists(WORK)) {
            try (Stream<Path> walk = Files.walk(WORK)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void theScratchCollectionHasTheConfiguredVectorFormat(QuarkusMainLauncher launcher) throws Exception {
        Path json = WORK.resolve("report.json");
        LaunchResult run = launcher.launch("eval", "--dataset", "src/test/resources/eval-mini", "--embedding-model",
                "hashing", "--limit", "2", "--work-dir", WORK.resolve("scratch").toString(), "--json",
                json.toString());
        assertThat(run.exitCode()).as(run.getErrorOutput()).isZero();

        JsonNode config = new ObjectMapper().readTree(json.toFile()).get("config");
        String collection = config.get("collection").asText();
        assertThat(collection).endsWith("-int8");
        assertThat(config.get("vectorFormat").asText()).isEqualTo("int8");
        try (LuceneCollections scratch = new LuceneCollections(WORK.resolve("scratch"))) {
            assertThat(scratch.find(collection).orElseThrow().settings().vectorFormat()).isEqualTo("int8");
        }
    }

    /** Issue 17: without --work-dir the scratch collection goes beside the data dir, never among the user's. */
    @Test
    void withoutAWorkDirTheScratchCollectionStaysOutOfTheUsersCollections(QuarkusMainLauncher launcher)
            throws Exception {
        Path json = WORK.resolve("default-report.json");
        LaunchResult run = launcher.launch("eval", "--dataset", "src/test/resources/eval-mini", "--embedding-model",
                "hashing", "--limit", "2", "--json", json.toString());
        assertThat(run.exitCode()).as(run.getErrorOutput()).isZero();
        String collection = new ObjectMapper().readTree(json.toFile()).get("config").get("collection").asText();
        try (LuceneCollections own = new LuceneCollections(WORK.resolve("data-eval"))) {
            assertThat(own.find(collection)).isPresent();
        }
        try (LuceneCollections users = new LuceneCollections(WORK.resolve("data"))) {
            assertThat(users.names()).doesNotContain(collection);
        }
    }
}

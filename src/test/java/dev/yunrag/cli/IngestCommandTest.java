package dev.yunrag.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

/** The ingest and ask commands end to end on sample-corpus/, through the application's own command line. */
@QuarkusMainTest
@TestProfile(IngestCommandTest.CliProfile.class)
class IngestCommandTest {

    static final Path DATA = Path.of("target/test-data-cli");

    public static class CliProfile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("yunrag.data-dir", DATA.toString());
        }
    }

    @BeforeAll
    static void cleanData() throws IOException {
        if (Files.exists(DATA)) {
            try (Stream<Path> walk = Files.walk(DATA)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void ingestsTheSampleCorpusThenFindsNothingToDoThenAnswers(QuarkusMainLauncher launcher) throws Exception {
        LaunchResult first = launcher.launch("ingest", "sample-corpus", "--json");
        assertThat(first.exitCode()).as(first.getErrorOutput()).isZero();
        JsonNode report = new ObjectMapper().readTree(lastLine(first.getOutput()));
        assertThat(report.get("added").asInt()).isEqualTo(11);
        assertThat(report.get("failed")).isEmpty();
        assertThat(report.get("chunks").asInt()).isGreaterThan(11);
        assertThat(report.fieldNames()).toIterable().contains("added", "updated", "unchanged", "deleted", "failed",
                "documents", "chunks", "seconds");

        LaunchResult second = launcher.launch("ingest", "sample-corpus", "--json");
        JsonNode again = new ObjectMapper().readTree(lastLine(second.getOutput()));
        assertThat(again.get("unchanged").asInt()).isEqualTo(11);
        assertThat(again.get("embedded").asInt()).isZero();

        LaunchResult ask = launcher.launch("ask", "--local", "女员工生育可以享受多少天产假？");
        assertThat(ask.exitCode()).isZero();
        assertThat(ask.getOutput()).contains("158").contains("[1]").contains("employee-handbook.pdf")
                .containsPattern("pages? 2").contains("Mode: extractive");

        LaunchResult onePassage = launcher.launch("ask", "--local", "--top-k", "1", "--json",
                "女员工生育可以享受多少天产假？");
        assertThat(onePassage.exitCode()).as(onePassage.getErrorOutput()).isZero();
        JsonNode answer = new ObjectMapper().readTree(onePassage.getOutput().substring(
                onePassage.getOutput().indexOf('{')));
        assertThat(answer.get("sources")).hasSize(1);
        assertThat(answer.get("answer").asText()).contains("158");

        LaunchResult outOfRange = launcher.launch("ask", "--local", "--top-k", "51", "产假多少天？");
        assertThat(outOfRange.exitCode()).isEqualTo(2);
        assertThat(outOfRange.getErrorOutput()).contains("--top-k: topK must be between 1 and 50, was 51");
    }

    @Test
    void badInputMakesTheExitCodeNonZeroAndListsEachFailure(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("ingest", "src/test/resources/bad-input", "--collection", "bad");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.getOutput()).contains("Failed:").contains("bad-input/encrypted.pdf: encrypted")
                .contains("bad-input/empty.txt: empty file")
                .contains("bad-input/image.png: no extractable text (OCR found no text in the image)")
                // the scan is read by OCR (tesseract-ocr is installed by ./yunrag test), so it goes in
                .doesNotContain("bad-input/scanned.pdf:").contains("2 added");
    }

    @Test
    void anUnknownEmbeddingModelIsAUsageError(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("ingest", "sample-corpus", "--collection", "x",
                "--embedding-model", "no-such-model");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.getErrorOutput()).contains("Unknown embedding model 'no-such-model'");
    }

    private static String lastLine(String output) {
        String[] lines = output.strip().split("\n");
        return lines[lines.length - 1];
    }
}

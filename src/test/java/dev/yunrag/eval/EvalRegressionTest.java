package dev.yunrag.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.yunrag.testing.RegressionCase;
import dev.yunrag.testing.RegressionCheck;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Anserini-style regressions: every file of {@code src/test/resources/regressions/} with {@code runner=eval} is a
 * published evaluation result; its command runs through the application's own command line ({@code eval} and its
 * documented arguments, so the run takes the same path as {@code ./yunrag eval}) and the test fails when a metric
 * drops below expected − tolerance. Behind the slow flag: one case takes minutes (embedding a corpus) to an hour.
 *
 * <p>{@code ../shared/eval} in a command is read from {@code -Dregression.eval-data=DIR} when that is set (a work tree
 * elsewhere than beside {@code shared/}); {@code -Dregression=NAME,...} picks cases. The JSON report and the
 * comparison of each run are written to {@code target/regressions/}; scratch collections go to the test profile's
 * eval work dir ({@code target/test-data-eval}), where a rerun reuses them.
 */
@QuarkusMainTest
@Tag("slow")
class EvalRegressionTest {

    static final String SHARED_EVAL = "../shared/eval";
    static final Path OUT = Path.of("target/regressions");

    static List<RegressionCase> cases() {
        return RegressionCase.forRunner("eval");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void publishedFiguresHold(RegressionCase regression, QuarkusMainLauncher launcher) throws IOException {
        List<String> args = arguments(regression);
        Path dataset = Path.of(args.get(args.indexOf("--dataset") + 1));
        Assumptions.assumeTrue(Files.isDirectory(dataset), () -> "dataset not here: " + dataset
                + " (set -Dregression.eval-data=DIR to where shared/eval is)");
        Files.createDirectories(OUT);
        Path json = OUT.resolve(regression.name() + ".json");
        Files.deleteIfExists(json);
        args.addAll(List.of("--json", json.toString()));

        LaunchResult run = launcher.launch(args.toArray(String[]::new));

        assertThat(run.exitCode()).as("exit code of eval; stderr: %s", run.getErrorOutput()).isZero();
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        if (regression.queries() != null) {
            assertThat(report.path("queries").asInt()).as("queries scored").isEqualTo(regression.queries());
        }
        RegressionCheck check = RegressionCheck.of(regression, metric -> value(report, metric));
        Files.writeString(OUT.resolve(regression.name() + ".txt"), check.report());
        System.out.println(check.report());
        assertThat(check.failed()).as("%s", check.report()).isFalse();
    }

    /** The file's command after the program name, with {@code ../shared/eval} moved if the run asks for it. */
    static List<String> arguments(RegressionCase regression) {
        String evalData = System.getProperty("regression.eval-data");
        List<String> args = new ArrayList<>();
        for (String arg : regression.arguments()) {
            args.add(evalData != null && arg.startsWith(SHARED_EVAL) ? evalData + arg.substring(SHARED_EVAL.length())
                    : arg);
        }
        return args;
    }

    /** A dotted metric path into the report ({@code stages.bm25.ndcg@10}); null when absent or null there. */
    static Double value(JsonNode report, String metric) {
        JsonNode node = report;
        for (String part : metric.split("\\.")) {
            node = node.path(part);
        }
        return node.isNumber() ? node.asDouble() : null;
    }
}

package dev.yunrag.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.yunrag.cli.EvalCommand;
import dev.yunrag.testing.RegressionCase;
import dev.yunrag.testing.RegressionCheck;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The regression files and their comparison, without running an evaluation (that is {@link EvalRegressionTest},
 * behind the slow flag): every file is complete, its command is one the {@code eval} command accepts today, and the
 * comparison fails on a drop, passes (and says so) on a rise.
 */
class RegressionFilesTest {

    @Test
    void everyFileIsCompleteAndItsCommandIsAValidEvalCommandLine() {
        List<RegressionCase> cases = RegressionCase.all();
        assertThat(cases).isNotEmpty();
        for (RegressionCase c : cases) {
            assertThat(c.expected()).as(c.name()).isNotEmpty();
            assertThat(c.tolerance()).as(c.name()).isPositive().isLessThanOrEqualTo(0.05);
            assertThat(c.tolerances().keySet()).as(c.name() + ": tolerances of metrics it expects")
                    .isSubsetOf(c.expected().keySet());
            assertThat(c.lowerIsBetter()).as(c.name() + ": lower-is-better metrics it expects")
                    .isSubsetOf(c.expected().keySet());
            // a share of wrong answers must not be read as "higher is better"
            c.expected().keySet().stream().filter(m -> m.endsWith("falseAbstention") || m.endsWith("answeredNotFound"))
                    .forEach(m -> assertThat(c.lowerIsBetter()).as(c.name()).contains(m));
            if (c.runner().equals("eval")) {
                assertThat(c.command()).as(c.name()).startsWith("./yunrag eval ");
                List<String> args = c.arguments().subList(1, c.arguments().size());
                // picocli rejects an option the command no longer has; the runner adds --json itself
                CommandLine.ParseResult parsed = new CommandLine(new EvalCommand()).parseArgs(args.toArray(String[]::new));
                assertThat(parsed.hasMatchedOption("--dataset")).as(c.name()).isTrue();
                assertThat(parsed.hasMatchedOption("--json")).as(c.name()).isFalse();
                assertThat(parsed.matchedOptionValue("--dataset", (Object) null).toString()).as(c.name())
                        .endsWith("/" + c.dataset());
            }
        }
    }

    @Test
    void aMetricBelowExpectedMinusToleranceFailsAndOneAboveIsReportedButPasses() {
        RegressionCase c = new RegressionCase("demo", "eval", "demo", 10, "./yunrag eval --dataset x", 0.01,
                Map.of("answerMatch", 0.05), Map.of("stages.bm25.ndcg@10", 0.90, "answerMatch", 0.80), Set.of());

        RegressionCheck within = RegressionCheck.of(c, m -> m.equals("answerMatch") ? 0.76 : 0.891);
        RegressionCheck dropped = RegressionCheck.of(c, m -> m.equals("answerMatch") ? 0.80 : 0.889);
        RegressionCheck rose = RegressionCheck.of(c, m -> m.equals("answerMatch") ? 0.86 : 0.90);
        RegressionCheck missing = RegressionCheck.of(c, m -> m.equals("answerMatch") ? null : 0.90);

        assertThat(within.failed()).isFalse();
        assertThat(within.rose()).isEmpty();
        assertThat(dropped.failed()).isTrue();
        assertThat(dropped.report()).contains("DROPPED").contains("stages.bm25.ndcg@10: 0.8890 (expected 0.900 ± 0.010)");
        assertThat(rose.failed()).isFalse();
        assertThat(rose.report()).contains("ROSE").contains("answerMatch: 0.8600").contains("update the published figure");
        assertThat(missing.failed()).isTrue();
        assertThat(missing.report()).contains("MISSING").contains("answerMatch");
    }

    @Test
    void forALowerIsBetterMetricARiseIsTheRegression() {
        RegressionCase c = new RegressionCase("demo", "eval", "demo", 10, "./yunrag eval --dataset x", 0.02,
                Map.of(), Map.of("falseAbstention", 0.035), Set.of("falseAbstention"));

        assertThat(RegressionCheck.of(c, m -> 0.05).failed()).isFalse();
        assertThat(RegressionCheck.of(c, m -> 0.06).failed()).isTrue();
        RegressionCheck fell = RegressionCheck.of(c, m -> 0.01);
        assertThat(fell.failed()).isFalse();
        assertThat(fell.rose()).hasSize(1);
    }

    @Test
    void metricPathsReadTheEvalReportAndSharedEvalMovesWhenAsked() throws Exception {
        var report = new ObjectMapper().readTree("""
                {"queries": 3, "answerMatch": null, "stages": {"bm25": {"ndcg@10": 0.5}},
                 "config": {"answerInContextAt": {"1": 0.25}}}""");
        assertThat(EvalRegressionTest.value(report, "stages.bm25.ndcg@10")).isEqualTo(0.5);
        assertThat(EvalRegressionTest.value(report, "config.answerInContextAt.1")).isEqualTo(0.25);
        assertThat(EvalRegressionTest.value(report, "answerMatch")).isNull();
        assertThat(EvalRegressionTest.value(report, "stages.vector.ndcg@10")).isNull();

        RegressionCase c = new RegressionCase("demo", "eval", "xquad-zh", null,
                "./yunrag eval --dataset ../shared/eval/xquad-zh --limit 5", 0.01, Map.of(), Map.of("x", 1.0), Set.of());
        assertThat(EvalRegressionTest.arguments(c)).containsExactly("eval", "--dataset", "../shared/eval/xquad-zh",
                "--limit", "5");
        System.setProperty("regression.eval-data", "/data/eval");
        try {
            assertThat(EvalRegressionTest.arguments(c)).containsExactly("eval", "--dataset", "/data/eval/xquad-zh",
                    "--limit", "5");
        } finally {
            System.clearProperty("regression.eval-data");
        }
    }

    @Test
    void aFileWithoutItsCommandIsRejectedByName() throws Exception {
        var file = java.nio.file.Files.createTempFile("broken", ".properties");
        java.nio.file.Files.writeString(file, "runner=eval\ndataset=x\ntolerance=0.01\nexpected.answerMatch=0.5\n");
        try {
            assertThatThrownBy(() -> RegressionCase.read(file)).hasMessageContaining("no 'command'");
        } finally {
            java.nio.file.Files.delete(file);
        }
    }
}

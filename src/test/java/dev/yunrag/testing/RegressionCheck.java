package dev.yunrag.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Compares a run's metrics with a {@link RegressionCase}: a metric below expected − tolerance is a regression (the
 * runner fails), one above expected + tolerance is an improvement the docs do not show yet (the runner says so and
 * passes), a metric the run did not report is a failure too (the file and the report no longer match). For a metric
 * the file names lower-is-better (a share of wrong answers) the directions swap.
 */
public record RegressionCheck(RegressionCase regression, List<String> dropped, List<String> rose,
                             List<String> missing, List<String> held) {

    /** {@code measured} maps a metric path to the run's value, or null when the run did not report it. */
    public static RegressionCheck of(RegressionCase regression, Function<String, Double> measured) {
        List<String> dropped = new ArrayList<>();
        List<String> rose = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<String> held = new ArrayList<>();
        regression.expected().forEach((metric, expected) -> {
            Double value = measured.apply(metric);
            double tolerance = regression.toleranceOf(metric);
            // the distance in the good direction: negative is worse than published
            double better = value == null ? 0
                    : regression.lowerIsBetter().contains(metric) ? expected - value : value - expected;
            if (value == null) {
                missing.add(metric + ": not in the run's report");
            } else if (better < -tolerance - 1e-9) {
                dropped.add(line(metric, value, expected, tolerance));
            } else if (better > tolerance + 1e-9) {
                rose.add(line(metric, value, expected, tolerance));
            } else {
                held.add(line(metric, value, expected, tolerance));
            }
        });
        return new RegressionCheck(regression, dropped, rose, missing, held);
    }

    public boolean failed() {
        return !dropped.isEmpty() || !missing.isEmpty();
    }

    private static String line(String metric, double value, double expected, double tolerance) {
        return String.format(Locale.ROOT, "%s: %.4f (expected %.3f ± %.3f)", metric, value, expected, tolerance);
    }

    /** What the run found, for the log, target/regressions/ and the failure message. */
    public String report() {
        StringBuilder out = new StringBuilder("regression " + regression.name() + " (" + regression.command() + ")\n");
        section(out, "DROPPED: worse than expected by more than the tolerance (a regression)", dropped);
        section(out, "MISSING from the run's report", missing);
        section(out, "ROSE: better than expected by more than the tolerance: update the published figure in docs/ and"
                + " this file", rose);
        section(out, "held", held);
        return out.toString();
    }

    private static void section(StringBuilder out, String title, List<String> lines) {
        if (!lines.isEmpty()) {
            out.append(title).append(":\n");
            lines.forEach(l -> out.append("  ").append(l).append('\n'));
        }
    }
}

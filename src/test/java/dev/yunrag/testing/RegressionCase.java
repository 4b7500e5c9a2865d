package dev.yunrag.testing;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One checked-in regression file of {@code src/test/resources/regressions/} (Anserini style): a published evaluation
 * result with the exact command that produced it, its expected metric values and the tolerance. Adding a file adds a
 * case to the runner named by its {@code runner} key.
 *
 * <p>Keys: {@code runner} (which test runs it), {@code dataset}, {@code queries} (how many the report must have
 * scored), {@code command} (the command line of the docs, e.g. {@code ./yunrag eval --dataset ...}),
 * {@code tolerance} (default for every metric), {@code tolerance.METRIC} (one metric's own),
 * {@code expected.METRIC} (the published value; METRIC is a dotted path into the run's JSON report) and
 * {@code lower-is-better} (the metrics, comma separated, where a rise is the regression, e.g. falseAbstention).
 */
public record RegressionCase(String name, String runner, String dataset, Integer queries, String command,
                             double tolerance, Map<String, Double> tolerances, Map<String, Double> expected,
                             Set<String> lowerIsBetter) {

    /** Where the regression files live (relative to the project directory, as Maven runs tests). */
    public static final Path DIR = Path.of("src/test/resources/regressions");

    /** {@code -Dregression=NAME[,NAME...]} runs only those cases; without it every case of the runner runs. */
    public static final String ONLY_PROPERTY = "regression";

    public RegressionCase {
        tolerances = Map.copyOf(tolerances);
        lowerIsBetter = Set.copyOf(lowerIsBetter);
        expected = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(expected));
    }

    /** The allowed distance from the expected value of one metric. */
    public double toleranceOf(String metric) {
        return tolerances.getOrDefault(metric, tolerance);
    }

    /** The command's arguments after the program name ({@code ./yunrag}), split on white space. */
    public List<String> arguments() {
        List<String> words = Arrays.asList(command.trim().split("\\s+"));
        return words.getFirst().endsWith("yunrag") ? words.subList(1, words.size()) : words;
    }

    /** Every file of {@link #DIR}, sorted by name. */
    public static List<RegressionCase> all() {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".properties")).sorted()
                    .map(RegressionCase::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The cases of one runner, narrowed to {@code -Dregression=...} when it is set. */
    public static List<RegressionCase> forRunner(String runner) {
        String only = System.getProperty(ONLY_PROPERTY, "").strip();
        Set<String> names = only.isEmpty() ? Set.of()
                : Arrays.stream(only.split(",")).map(String::strip).collect(Collectors.toSet());
        return all().stream().filter(c -> c.runner().equals(runner))
                .filter(c -> names.isEmpty() || names.contains(c.name())).toList();
    }

    public static RegressionCase read(Path file) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String name = file.getFileName().toString().replaceFirst("\\.properties$", "");
        Map<String, Double> tolerances = new TreeMap<>();
        Map<String, Double> expected = new LinkedHashMap<>();
        // Properties forgets the order of the file; report the metrics in a stable order
        for (String key : new java.util.TreeSet<>(p.stringPropertyNames())) {
            if (key.startsWith("tolerance.")) {
                tolerances.put(key.substring("tolerance.".length()), number(name, key, p.getProperty(key)));
            } else if (key.startsWith("expected.")) {
                expected.put(key.substring("expected.".length()), number(name, key, p.getProperty(key)));
            }
        }
        String queries = p.getProperty("queries");
        Set<String> lower = Arrays.stream(p.getProperty("lower-is-better", "").split(",")).map(String::strip)
                .filter(m -> !m.isEmpty()).collect(Collectors.toSet());
        return new RegressionCase(name, required(name, p, "runner"), required(name, p, "dataset"),
                queries == null ? null : Integer.valueOf(queries.strip()), required(name, p, "command"),
                number(name, "tolerance", required(name, p, "tolerance")), tolerances, expected, lower);
    }

    private static String required(String name, Properties p, String key) {
        String value = p.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("regression " + name + ": no '" + key + "'");
        }
        return value.strip();
    }

    private static double number(String name, String key, String value) {
        try {
            return Double.parseDouble(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("regression " + name + ": '" + key + "' is not a number: " + value, e);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}

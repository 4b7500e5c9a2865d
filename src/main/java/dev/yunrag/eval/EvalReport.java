package dev.yunrag.eval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures of one evaluation run.
 *
 * @param dataset           dataset folder name
 * @param queries           queries run
 * @param stages            per stage (bm25, vector, hybrid, reranked, and langchain4j with the baseline), the mean
 *                          document-level metrics; the langchain4j stage also carries its own answerInContext
 * @param answerInContext   share of questions with a reference answer whose answer occurs in the selected passages
 * @param answerMatch       share of those whose extractive answer contains a reference answer (null without
 *                          --answers)
 * @param citationPrecision share of the sentences quoted by the extractive answers that contain a reference answer
 * @param abstention        with answers: {@code firstSentencePrecision} (share of the answered questions whose first
 *                          quoted sentence, the [1] a reader checks first, contains a reference answer),
 *                          {@code citedPassagePrecision} (share of cited passages that contain a
 *                          reference answer, the citationPrecision of earlier runs), {@code falseAbstention} (share
 *                          of answerable questions answered "not found") and, with unanswerable queries,
 *                          {@code correctAbstention} (share of those answered "not found"); empty without answers
 * @param config            the settings in force, and timings
 */
public record EvalReport(String dataset, int queries, Map<String, Map<String, Double>> stages, Double answerInContext,
                         Double answerMatch, Double citationPrecision, Map<String, Double> abstention,
                         Map<String, Object> config) {

    public static final String BASELINE_STAGE = "langchain4j";

    /** The JSON object written by {@code eval --json}: absent figures are null, never left out. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("dataset", dataset);
        json.put("queries", queries);
        json.put("stages", stages);
        json.put("answerInContext", answerInContext);
        json.put("answerMatch", answerMatch);
        json.put("citationPrecision", citationPrecision);
        json.putAll(abstention);
        json.put("config", config);
        return json;
    }

    /** A fixed-width table for the terminal. */
    public String toTable() {
        StringBuilder out = new StringBuilder();
        out.append(String.format("Dataset %s, %d queries, collection %s%n", dataset, queries,
                config.get("collection")));
        out.append(String.format("%-12s", "stage"));
        StageScores.METRICS.forEach(metric -> out.append(String.format("%11s", metric)));
        out.append(System.lineSeparator());
        stages.forEach((stage, metrics) -> {
            out.append(String.format("%-12s", stage));
            StageScores.METRICS.forEach(metric -> out.append(String.format("%11s", format(metrics.get(metric)))));
            out.append(System.lineSeparator());
        });
        out.append(String.format("answerInContext    %s  (top %s passages)%n", format(answerInContext),
                config.get("topK")));
        if (config.get("answerInContextAt") instanceof Map<?, ?> atDepth) {
            atDepth.forEach((depth, share) -> out.append(String.format("  ... in top %s     %s%n", depth,
                    format((Double) share))));
        }
        if (stages.containsKey(BASELINE_STAGE)) {
            out.append(String.format("answerInContext    %s  (langchain4j baseline, top %s segments)%n",
                    format(stages.get(BASELINE_STAGE).get("answerInContext")), config.get("topK")));
        }
        out.append(String.format("answerMatch        %s  (extractive)%n", format(answerMatch)));
        out.append(String.format("citationPrecision  %s  (extractive: quoted sentences holding a reference answer)%n",
                format(citationPrecision)));
        abstention.forEach((name, value) -> out.append(String.format("%-18s %s%n", name, format(value))));
        List.of("ingestSeconds", "querySeconds", "baselineSeconds").forEach(key -> {
            if (config.get(key) != null) {
                out.append(String.format("%-18s %s%n", key, config.get(key)));
            }
        });
        return out.toString();
    }

    private static String format(Double value) {
        return value == null ? "-" : String.format("%.4f", value);
    }
}

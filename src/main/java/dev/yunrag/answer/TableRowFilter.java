package dev.yunrag.answer;

import dev.yunrag.text.LexicalTerms;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Narrows an extractive answer drawn from a table to the row(s) the question is about. Parsed tables are laid out one
 * row per line, cells joined by " | " and labelled with their column headers ("区域：华南区 | 第四季度（万元）：1568"),
 * so every row of a table shares the question's header words and scores alike; what sets the asked-for row apart is
 * its values. When a chosen row's values hold question terms (the question names the row: 华南区, S2 Pro), the answer
 * keeps only the rows whose values hold the most of them, drops a sentence that merely announces a table ("各版本的
 *价格如下："; the row already carries its header) and keeps other prose. A question that names no row's value
 * leaves the choice as it is.
 */
final class TableRowFilter {

    private static final String CELL_SEPARATOR = " | ";

    private TableRowFilter() {
    }

    /**
     * @param chosen the sentences chosen for the answer, best first
     * @param text   a chosen sentence's text
     * @return {@code chosen} without the rows that name less of the question than the best row, and without table
     *         lead-ins; {@code chosen} as it is when no row names any of it
     */
    static <T> List<T> keepMatchingRows(String question, List<T> chosen, Function<T, String> text) {
        List<T> rows = chosen.stream().filter(c -> isRow(text.apply(c))).toList();
        if (rows.isEmpty()) {
            return chosen;
        }
        Set<String> questionTerms = LexicalTerms.ofQuestion(question);
        int best = rows.stream().mapToInt(r -> valueMatches(text.apply(r), questionTerms)).max().orElse(0);
        if (best == 0) {
            return chosen; // the question names no row's value (it may ask about a whole column)
        }
        List<T> kept = new ArrayList<>();
        for (T sentence : chosen) {
            String s = text.apply(sentence);
            boolean keep = isRow(s) ? valueMatches(s, questionTerms) == best : !introducesTable(s);
            if (keep) {
                kept.add(sentence);
            }
        }
        return kept;
    }

    /** "各版本的建议零售价如下：": a sentence that only announces the rows below it. */
    private static boolean introducesTable(String sentence) {
        String trimmed = sentence.strip();
        return trimmed.endsWith("：") || trimmed.endsWith(":");
    }

    static boolean isRow(String sentence) {
        return sentence.contains(CELL_SEPARATOR);
    }

    /** How many question terms the row's cell values hold, its header labels left out. */
    private static int valueMatches(String row, Set<String> questionTerms) {
        Set<String> valueTerms = new HashSet<>();
        for (String cell : row.split(" \\| ")) {
            valueTerms.addAll(LexicalTerms.of(valueOf(cell)));
        }
        valueTerms.retainAll(questionTerms);
        return valueTerms.size();
    }

    /** "区域：华南区" → "华南区"; a cell without a label is all value. */
    private static String valueOf(String cell) {
        int cjkColon = cell.indexOf('：');
        int colon = cell.indexOf(": ");
        int cut = cjkColon >= 0 && (colon < 0 || cjkColon < colon) ? cjkColon + 1 : colon >= 0 ? colon + 2 : 0;
        return cell.substring(cut);
    }
}

package dev.yunrag.ingest;

import dev.yunrag.text.SentenceSplitter;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Lays a table out as text in which every row stands on its own: when the table has a header row, each data row
 * becomes one line that names its cells by their column headers ({@code 地区：华南区 | 季度：第四季度 | 销售额：1568}),
 * and the header row itself is not repeated as a line. A row read alone (one passage, one quoted sentence) then still
 * says what its numbers are, and a question matches the header words and the row's values in the same line.
 *
 * <p>Rows are joined with " | " and stay on one line; {@link SentenceSplitter} keeps such a line whole, so a row is
 * one sentence: never cut by the chunker, quoted whole by the extractive answerer.
 *
 * <p>Which first row is a header: one marked up as such ({@code <th>}, {@code <thead>}: HTML), or, where formats
 * carry no such mark (DOCX, XLSX, PPTX, ODT tables are all {@code <td>}), a first row of short, non-empty labels over
 * rows that are data: some column's label has no digit while most cells below it do ("销售额" over "1568"), or the
 * table has three or more columns. A two-column table of names and values ("型号 | YF-S2", "重量 | 680克") has no
 * header and is left as it is.
 */
final class TableRows {

    static final String CELL_SEPARATOR = " | ";
    private static final int MAX_LABEL_CHARS = 24;
    private static final Pattern DIGIT = Pattern.compile("\\p{Nd}");
    private static final Pattern SENTENCE_PUNCTUATION = Pattern.compile("[。！？；.!?;]");

    private TableRows() {
    }

    /** The lines of a table, in order; empty rows are left out. */
    static List<String> lines(List<List<TableCollector.Cell>> rows) {
        List<List<TableCollector.Cell>> kept = rows.stream()
                .filter(row -> row.stream().anyMatch(cell -> !cell.text().isEmpty())).toList();
        List<String> lines = new ArrayList<>();
        if (kept.size() >= 2 && isHeader(kept)) {
            List<String> labels = kept.getFirst().stream().map(TableCollector.Cell::text).toList();
            for (List<TableCollector.Cell> row : kept.subList(1, kept.size())) {
                if (!texts(row).equals(labels)) { // a header repeated on every page of a long Word table
                    lines.add(labelled(labels, row));
                }
            }
        } else {
            kept.forEach(row -> lines.add(String.join(CELL_SEPARATOR, texts(row).stream()
                    .filter(text -> !text.isEmpty()).toList())));
        }
        return lines;
    }

    private static boolean isHeader(List<List<TableCollector.Cell>> rows) {
        List<TableCollector.Cell> first = rows.getFirst();
        if (first.stream().allMatch(TableCollector.Cell::header)) {
            return true;
        }
        Set<String> distinct = new HashSet<>();
        for (TableCollector.Cell cell : first) {
            String label = cell.text();
            if (label.isEmpty() || label.length() > MAX_LABEL_CHARS || SENTENCE_PUNCTUATION.matcher(label).find()
                    || !distinct.add(label)) {
                return false;
            }
        }
        if (first.size() < 2) {
            return false;
        }
        return first.size() >= 3 || labelsNumbers(rows);
    }

    /** Some column's first cell has no digit while most cells below it have one: a label over figures. */
    private static boolean labelsNumbers(List<List<TableCollector.Cell>> rows) {
        List<TableCollector.Cell> first = rows.getFirst();
        for (int column = 0; column < first.size(); column++) {
            if (DIGIT.matcher(first.get(column).text()).find()) {
                continue;
            }
            int withDigits = 0;
            int filled = 0;
            for (List<TableCollector.Cell> row : rows.subList(1, rows.size())) {
                if (column < row.size() && !row.get(column).text().isEmpty()) {
                    filled++;
                    withDigits += DIGIT.matcher(row.get(column).text()).find() ? 1 : 0;
                }
            }
            if (filled > 0 && withDigits * 2 > filled) {
                return true;
            }
        }
        return false;
    }

    private static String labelled(List<String> labels, List<TableCollector.Cell> row) {
        List<String> parts = new ArrayList<>();
        for (int column = 0; column < row.size(); column++) {
            String value = row.get(column).text();
            if (value.isEmpty()) {
                continue;
            }
            String label = column < labels.size() ? labels.get(column) : "";
            parts.add(label.isEmpty() ? value : label + labelSeparator(label) + value);
        }
        return String.join(CELL_SEPARATOR, parts);
    }

    /** "地区：华南区" in Chinese, "Region: South" otherwise. */
    private static String labelSeparator(String label) {
        return StructuredTextBuilder.isCjk(label.charAt(label.length() - 1)) ? "：" : ": ";
    }

    private static List<String> texts(List<TableCollector.Cell> row) {
        return row.stream().map(TableCollector.Cell::text).toList();
    }
}

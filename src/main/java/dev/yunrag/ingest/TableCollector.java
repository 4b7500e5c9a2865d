package dev.yunrag.ingest;

import java.util.ArrayList;
import java.util.List;

/**
 * Gathers one table's cells while Tika streams it, so that the whole table can be laid out at its end by
 * {@link TableRows} (a header can only be told from a first row once the rows under it are known). Text outside any
 * cell (a caption) is kept apart. Cell text is whitespace-normalised: paragraphs inside a cell become spaces.
 */
final class TableCollector {

    /** A cell's text and whether it was marked up as a header ({@code <th>} or inside {@code <thead>}). */
    record Cell(String text, boolean header) {
    }

    private final List<List<Cell>> rows = new ArrayList<>();
    private final StringBuilder caption = new StringBuilder();
    private final int maxChars;
    private List<Cell> row;
    private StringBuilder cell;
    private boolean cellIsHeader;
    private int collectedChars;

    TableCollector(int maxChars) {
        this.maxChars = maxChars;
    }

    void startRow() {
        endRow();
        row = new ArrayList<>();
    }

    void endRow() {
        endCell();
        if (row != null) {
            rows.add(row);
            row = null;
        }
    }

    void startCell(boolean header) {
        endCell();
        if (row == null) {
            row = new ArrayList<>(); // a cell outside any <tr>: start a row for it
        }
        cell = new StringBuilder();
        cellIsHeader = header;
    }

    void endCell() {
        if (cell != null) {
            row.add(new Cell(normalise(cell), cellIsHeader));
            cell = null;
        }
    }

    /** A block boundary inside a cell (a paragraph of a DOCX cell) separates words. */
    void space() {
        append(" ");
    }

    void append(CharSequence chars) {
        collectedChars += chars.length();
        if (collectedChars > maxChars) {
            throw new StructuredTextBuilder.TextLimitExceeded(maxChars);
        }
        (cell != null ? cell : caption).append(chars);
    }

    void append(char[] chars, int start, int length) {
        append(java.nio.CharBuffer.wrap(chars, start, length));
    }

    /** Ends the table: its rows, each a list of cells, and its caption (blank when none). */
    List<List<Cell>> finish() {
        endRow();
        return rows;
    }

    String caption() {
        return normalise(caption);
    }

    private static String normalise(CharSequence text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean space = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c)) {
                space = !out.isEmpty();
            } else {
                if (space) {
                    // a wrapped line inside a cell joins CJK directly, other text by a space
                    char last = out.charAt(out.length() - 1);
                    if (!(StructuredTextBuilder.isCjk(last) && StructuredTextBuilder.isCjk(c))) {
                        out.append(' ');
                    }
                    space = false;
                }
                out.append(c);
            }
        }
        return out.toString();
    }
}

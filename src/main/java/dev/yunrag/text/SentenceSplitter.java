package dev.yunrag.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Splits text into sentences for Chinese and English alike, returning character spans so that callers keep exact
 * offsets. A sentence ends after 。！？；… (and their ASCII forms ! ? ; when followed by space or a line end), after a
 * full stop '.' followed by whitespace, and at every line break (a line is never joined with the next: paragraphs,
 * list items and table rows stay whole). Closing quotes and brackets after a terminator stay with the sentence.
 * A table row, a line whose cells are separated by " | " (as the parser lays tables out, see {@code TableRows}, and as
 * Markdown tables are written), is one sentence however many terminators its cells hold: a row is quoted whole.
 */
public final class SentenceSplitter {

    /** A sentence: characters [start, end) of the text, trimmed of surrounding whitespace. */
    public record Span(int start, int end) {
        public int length() {
            return end - start;
        }
    }

    /**
     * Words that a full stop follows without ending the sentence: titles before a name and reference abbreviations
     * before a number or name ("St. Paul", "Dr. Li", "Fig. 3"). "etc." and "Inc." are left out on purpose: they end
     * sentences as often as not.
     */
    private static final Set<String> ABBREVIATIONS = Set.of("Mr", "Mrs", "Ms", "Dr", "Prof", "St", "Sr", "Jr", "Mt",
            "Gen", "Col", "Lt", "Sgt", "Capt", "Rev", "Hon", "vs", "cf", "Fig", "Figs", "Eq", "Vol", "pp", "approx",
            "No");

    private static final String TABLE_CELL_SEPARATOR = " | ";

    private SentenceSplitter() {
    }

    public static List<Span> split(String text) {
        List<Span> spans = new ArrayList<>();
        int length = text.length();
        int start = 0;
        int i = 0;
        while (i < length) {
            char c = text.charAt(i);
            int cut = -1;
            if (isLineStart(text, i) && isTableRow(text, i)) {
                cut = lineEnd(text, i);
            } else if (c == '\n' || c == '\r') {
                cut = i;
            } else if (isStrongTerminator(c)) {
                cut = afterClosers(text, skipRepeats(text, i, c));
            } else if ((c == '.' || c == '!' || c == '?' || c == ';') && isAsciiSentenceEnd(text, i)) {
                cut = afterClosers(text, i + 1);
            }
            if (cut >= 0) {
                add(spans, text, start, cut);
                start = cut;
                i = Math.max(cut, i + 1);
            } else {
                i++;
            }
        }
        add(spans, text, start, length);
        return spans;
    }

    private static boolean isLineStart(String text, int i) {
        return i == 0 || text.charAt(i - 1) == '\n' || text.charAt(i - 1) == '\r';
    }

    /** The line starting at {@code lineStart} holds " | " between cells. */
    private static boolean isTableRow(String text, int lineStart) {
        int end = lineEnd(text, lineStart) - TABLE_CELL_SEPARATOR.length();
        for (int i = lineStart; i <= end; i++) { // not substring(..).contains: a line may be megabytes long
            if (text.startsWith(TABLE_CELL_SEPARATOR, i)) {
                return true;
            }
        }
        return false;
    }

    private static int lineEnd(String text, int from) {
        int end = from;
        while (end < text.length() && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
            end++;
        }
        return end;
    }

    private static boolean isStrongTerminator(char c) {
        return c == '。' || c == '！' || c == '？' || c == '；' || c == '…' || c == '｡';
    }

    private static int skipRepeats(String text, int i, char c) {
        int j = i + 1;
        while (j < text.length() && (text.charAt(j) == c || isStrongTerminator(text.charAt(j)))) {
            j++;
        }
        return j;
    }

    /** '.' ends a sentence only before whitespace or the end, and not inside numbers like 3.14 or in "e.g. x". */
    private static boolean isAsciiSentenceEnd(String text, int i) {
        int next = i + 1;
        if (next >= text.length()) {
            return true;
        }
        char following = text.charAt(next);
        if (!Character.isWhitespace(following) && following != '"' && following != '\'' && following != ')') {
            return false;
        }
        if (text.charAt(i) == '.' && i >= 2 && text.charAt(i - 2) == '.') {
            return false; // abbreviations such as "e.g." or "U.S."
        }
        return text.charAt(i) != '.' || !isAbbreviationOrInitial(text, i);
    }

    /**
     * The word before the '.' at {@code dot} is a known abbreviation or a single capital initial ("J. Smith"). A
     * capital letter ending a sentence before a capitalised word ("plan A. Then") is taken for an initial too: joining
     * two sentences costs less (a longer quote) than cutting a name in two.
     */
    private static boolean isAbbreviationOrInitial(String text, int dot) {
        int start = dot;
        while (start > 0 && isAsciiLetter(text.charAt(start - 1))) {
            start--;
        }
        if (start == dot || (start > 0 && Character.isLetterOrDigit(text.charAt(start - 1)))) {
            return false;
        }
        String word = text.substring(start, dot);
        if (word.length() == 1) {
            return Character.isUpperCase(word.charAt(0)) && nextVisibleIsUpperCase(text, dot + 1);
        }
        if (word.equals("No")) {
            return nextVisibleIsDigit(text, dot + 1); // "No. 5", but "He said No. Then ..."
        }
        return ABBREVIATIONS.contains(word);
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean nextVisibleIsUpperCase(String text, int from) {
        int j = skipSpaces(text, from);
        return j < text.length() && Character.isUpperCase(text.charAt(j));
    }

    private static boolean nextVisibleIsDigit(String text, int from) {
        int j = skipSpaces(text, from);
        return j < text.length() && Character.isDigit(text.charAt(j));
    }

    private static int skipSpaces(String text, int from) {
        int j = from;
        while (j < text.length() && (text.charAt(j) == ' ' || text.charAt(j) == '\t')) {
            j++;
        }
        return j;
    }

    private static int afterClosers(String text, int j) {
        while (j < text.length() && "”’\"')）】」』》〉".indexOf(text.charAt(j)) >= 0) {
            j++;
        }
        return j;
    }

    private static void add(List<Span> spans, String text, int start, int end) {
        while (start < end && Character.isWhitespace(text.charAt(start))) {
            start++;
        }
        while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        if (end > start) {
            spans.add(new Span(start, end));
        }
    }
}

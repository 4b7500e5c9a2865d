package dev.yunrag.ingest;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits text into sentences for Chinese and English alike, returning character spans so that callers keep exact
 * offsets. A sentence ends after 。！？；… (and their ASCII forms ! ? ; when followed by space or a line end), after a
 * full stop '.' followed by whitespace, and at every line break (a line is never joined with the next: paragraphs,
 * list items and table rows stay whole). Closing quotes and brackets after a terminator stay with the sentence.
 */
public final class SentenceSplitter {

    /** A sentence: characters [start, end) of the text, trimmed of surrounding whitespace. */
    public record Span(int start, int end) {
        public int length() {
            return end - start;
        }
    }

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
            if (c == '\n' || c == '\r') {
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
        return true;
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

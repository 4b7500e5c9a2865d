package dev.yunrag.ingest.image;

import java.util.ArrayList;
import java.util.List;

/**
 * Tidies Tesseract's plain-text output into paragraphs.
 *
 * <p>Tesseract's Chinese models put a space between most characters ("甲 方 应 于"); left in, the spaces break the
 * index's CJK bigrams and every quoted phrase, so spaces between two CJK characters (or CJK punctuation) go. Lines
 * of a paragraph are joined (without a space between CJK characters, with one otherwise); blank lines separate
 * paragraphs.
 */
public final class OcrText {

    private OcrText() {
    }

    /** The paragraphs of {@code raw}, tidied; empty when it holds no text. */
    public static List<String> paragraphs(String raw) {
        List<String> paragraphs = new ArrayList<>();
        StringBuilder paragraph = new StringBuilder();
        for (String line : raw.split("\\R", -1)) {
            String tidy = joinCjk(line.strip());
            if (tidy.isEmpty()) {
                flush(paragraph, paragraphs);
                continue;
            }
            if (!paragraph.isEmpty() && !(isCjk(paragraph.charAt(paragraph.length() - 1)) && isCjk(tidy.charAt(0)))) {
                paragraph.append(' ');
            }
            paragraph.append(tidy);
        }
        flush(paragraph, paragraphs);
        return paragraphs;
    }

    /** {@code raw} as one string, paragraphs separated by a blank line. */
    public static String tidy(String raw) {
        return String.join("\n\n", paragraphs(raw));
    }

    private static void flush(StringBuilder paragraph, List<String> paragraphs) {
        if (!paragraph.isEmpty()) {
            paragraphs.add(paragraph.toString());
            paragraph.setLength(0);
        }
    }

    /** Drops the spaces between CJK characters; other runs of spaces become one. */
    static String joinCjk(String line) {
        StringBuilder out = new StringBuilder(line.length());
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (!Character.isWhitespace(c)) {
                out.append(c);
                i++;
                continue;
            }
            int end = i;
            while (end < line.length() && Character.isWhitespace(line.charAt(end))) {
                end++;
            }
            boolean between = !out.isEmpty() && end < line.length()
                    && isCjk(out.charAt(out.length() - 1)) && isCjk(line.charAt(end));
            if (!between && !out.isEmpty() && end < line.length()) {
                out.append(' ');
            }
            i = end;
        }
        return out.toString();
    }

    /** Han, kana, Hangul, CJK punctuation and full-width forms: the characters written without spaces. */
    static boolean isCjk(char c) {
        if ((c >= '\u3000' && c <= '\u303F') || (c >= '\uFF00' && c <= '\uFFEF')) {
            return true;
        }
        Character.UnicodeScript script = Character.UnicodeScript.of(c);
        return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL;
    }
}

package dev.yunrag.ingest;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds the final, already normalised text while a parser streams characters into it, so that every offset recorded
 * along the way (page starts, headings) indexes the text callers get: no clean-up happens after offsets are taken.
 *
 * <p>Normalisation: control characters and zero-width marks are dropped; runs of spaces and tabs become one space;
 * lines carry no leading or trailing spaces; at most one blank line separates blocks; the text neither starts nor
 * ends with whitespace. A <em>soft</em> line break (a wrapped line inside a paragraph, as PDFs produce) becomes a
 * space, or nothing between two CJK characters, because Chinese has no spaces between words.
 *
 * <p>Offsets are taken with {@link #markNextContent()}: the mark resolves to where the next visible character lands,
 * so a heading's offset points at its first character, not at the line break before it.
 */
final class StructuredTextBuilder {

    /** Thrown (unchecked) when the text outgrows its limit; the parser turns it into a user-facing reason. */
    static final class TextLimitExceeded extends RuntimeException {
        TextLimitExceeded(int limit) {
            super("text exceeds the limit of " + limit + " characters (yunrag.ingest.max-text-chars)");
        }
    }

    /** An offset that becomes known when the next visible character is appended. */
    static final class Mark {
        private int offset = -1;

        int offset() {
            return offset;
        }

        boolean resolved() {
            return offset >= 0;
        }
    }

    private final StringBuilder text = new StringBuilder();
    private final List<Mark> pendingMarks = new ArrayList<>();
    private final int maxChars;
    private int pendingNewlines;
    private boolean pendingSpace;
    private boolean pendingSoftSpace;
    private boolean lastWasCarriageReturn;

    StructuredTextBuilder(int maxChars) {
        this.maxChars = maxChars;
    }

    /** Appends characters; line breaks inside them are hard (kept) when {@code hardLineBreaks}, else soft. */
    void append(CharSequence chars, boolean hardLineBreaks) {
        for (int i = 0; i < chars.length(); i++) {
            append(chars.charAt(i), hardLineBreaks);
        }
    }

    void append(char[] chars, int start, int length, boolean hardLineBreaks) {
        for (int i = start; i < start + length; i++) {
            append(chars[i], hardLineBreaks);
        }
    }

    private void append(char c, boolean hardLineBreaks) {
        boolean crlfTail = c == '\n' && lastWasCarriageReturn;
        lastWasCarriageReturn = c == '\r';
        if (c == '\n' || c == '\r') {
            if (crlfTail) {
                return; // the \r of this \r\n pair already ended the line
            }
            if (hardLineBreaks) {
                pendingNewlines++;
            } else {
                pendingSoftSpace = true;
            }
        } else if (c == ' ' || c == '\t' || c == '\u00A0' || c == '\u3000' || c == '\u2028' || c == '\u2029') {
            pendingSpace = true;
        } else if (!isInvisible(c)) {
            appendVisible(c);
        }
    }

    /** Ends the current line (a list item, a table row, a {@code <br>}). */
    void lineBreak() {
        pendingNewlines = Math.max(pendingNewlines, 1);
    }

    /** Ends the current block with a blank line (a paragraph, a heading, a table). */
    void paragraphBreak() {
        pendingNewlines = 2;
    }

    /** A space that separates words, e.g. between two cells that must not run together. */
    void space() {
        pendingSpace = true;
    }

    /**
     * Returns a mark that resolves to the offset of the next visible character. Marks that never resolve (nothing
     * followed) resolve to the text length in {@link #finish()}.
     */
    Mark markNextContent() {
        Mark mark = new Mark();
        pendingMarks.add(mark);
        return mark;
    }

    /** The current length: the end offset of what has been appended so far (excluding pending whitespace). */
    int length() {
        return text.length();
    }

    /** Drops pending whitespace, resolves left-over marks to the end and returns the text. */
    String finish() {
        trimTrailingSpace();
        for (Mark mark : pendingMarks) {
            mark.offset = text.length();
        }
        pendingMarks.clear();
        pendingNewlines = 0;
        pendingSpace = false;
        pendingSoftSpace = false;
        return text.toString();
    }

    private void appendVisible(char c) {
        if (!text.isEmpty()) {
            if (pendingNewlines > 0) {
                // newlines are only written right before visible text, so the text never ends with one here
                trimTrailingSpace();
                int newlines = Math.min(2, pendingNewlines);
                ensureRoom(newlines);
                text.append(newlines == 2 ? "\n\n" : "\n");
            } else if (pendingSoftSpace ? !(isCjk(text.charAt(text.length() - 1)) && isCjk(c)) : pendingSpace) {
                // a wrapped line (with any indentation around the break) joins CJK directly, other text by a space
                char last = text.charAt(text.length() - 1);
                if (last != ' ' && last != '\n') {
                    ensureRoom(1);
                    text.append(' ');
                }
            }
        }
        pendingNewlines = 0;
        pendingSpace = false;
        pendingSoftSpace = false;
        for (Mark mark : pendingMarks) {
            mark.offset = text.length();
        }
        pendingMarks.clear();
        ensureRoom(1);
        text.append(c);
    }

    private void trimTrailingSpace() {
        int end = text.length();
        while (end > 0 && text.charAt(end - 1) == ' ') {
            end--;
        }
        text.setLength(end);
    }

    private void ensureRoom(int chars) {
        if (text.length() + chars > maxChars) {
            throw new TextLimitExceeded(maxChars);
        }
    }

    private static boolean isInvisible(char c) {
        if (Character.isISOControl(c)) {
            return true;
        }
        // BOM, zero-width space/joiners and soft hyphens carry no text and would split words in the index
        return c == '\uFEFF' || c == '\u200B' || c == '\u200C' || c == '\u200D' || c == '\u00AD';
    }

    static boolean isCjk(char c) {
        Character.UnicodeScript script = Character.UnicodeScript.of(c);
        return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA
                || (c >= '\u3000' && c <= '\u303F') || (c >= '\uFF00' && c <= '\uFFEF');
    }
}

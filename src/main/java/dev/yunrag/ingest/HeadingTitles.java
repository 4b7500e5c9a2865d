package dev.yunrag.ingest;

import dev.yunrag.model.Heading;

/** Turns a heading's span of the final text into a {@link Heading} whose title is exactly the text found there. */
final class HeadingTitles {

    private HeadingTitles() {
    }

    /**
     * The heading of {@code level} covering text[start, end), titled with its first line so that
     * {@code text.substring(offset).startsWith(title)} always holds; null when the span holds no text.
     */
    static Heading headingAt(String text, int level, int start, int end) {
        if (start < 0 || start >= end || end > text.length()) {
            return null;
        }
        String title = text.substring(start, end);
        int newline = title.indexOf('\n');
        if (newline >= 0) {
            title = title.substring(0, newline);
        }
        title = title.stripTrailing();
        return title.isEmpty() ? null : new Heading(level, title, start);
    }
}

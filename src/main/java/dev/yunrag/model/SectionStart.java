package dev.yunrag.model;

import java.util.List;

/**
 * Where a heading path comes into force inside a passage: from character {@code offset} of the document's parsed
 * text on, until the next {@code SectionStart}, the headings in force are {@code headingPath} (outermost first).
 */
public record SectionStart(int offset, List<String> headingPath) {

    public SectionStart {
        headingPath = List.copyOf(headingPath);
    }
}

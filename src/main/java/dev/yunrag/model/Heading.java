package dev.yunrag.model;

/** A heading of {@code level} 1..6 that starts at character {@code offset} of a parsed document's text. */
public record Heading(int level, String title, int offset) {
}

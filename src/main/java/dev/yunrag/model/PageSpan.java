package dev.yunrag.model;

/** Page {@code page} (1-based) covers characters [start, end) of a parsed document's text. */
public record PageSpan(int page, int start, int end) {
}

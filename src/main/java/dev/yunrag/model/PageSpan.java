package dev.yunrag.model;

import java.util.List;

/** Page {@code page} (1-based) covers characters [start, end) of a parsed document's text. */
public record PageSpan(int page, int start, int end) {

    /** The page of the last span (in offset order) starting at or before {@code offset}, else {@code before}. */
    public static Integer pageAt(List<PageSpan> pages, int offset, Integer before) {
        Integer found = before;
        for (PageSpan page : pages) {
            if (page.start() > offset) {
                break;
            }
            found = page.page();
        }
        return found;
    }
}

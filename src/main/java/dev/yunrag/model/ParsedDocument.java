package dev.yunrag.model;

import java.util.List;
import java.util.Map;

/**
 * A document after parsing: its plain text and the structure found in it. Offsets in {@link #pages()} and
 * {@link #headings()} index into {@link #text()}.
 *
 * @param source      where the document came from (a file path relative to the ingestion root, or an upload name)
 * @param title       the document's own title, or its file name when it has none
 * @param contentType detected media type, e.g. {@code application/pdf}
 * @param text        the extracted text; chunks are exact substrings of it
 * @param pages       page spans in order, empty for formats without pages
 * @param headings    headings in order of appearance
 * @param metadata    selected metadata (author, created, modified, language ...)
 * @param figures     the parts of the text read from images (OCR or the vision model), in order; empty when none
 */
public record ParsedDocument(String source, String title, String contentType, String text,
                             List<PageSpan> pages, List<Heading> headings, Map<String, String> metadata,
                             List<FigureSpan> figures) {

    public ParsedDocument {
        pages = List.copyOf(pages);
        headings = List.copyOf(headings);
        metadata = Map.copyOf(metadata);
        figures = figures == null ? List.of() : List.copyOf(figures);
    }

    /** A document with no text read from images. */
    public ParsedDocument(String source, String title, String contentType, String text,
                          List<PageSpan> pages, List<Heading> headings, Map<String, String> metadata) {
        this(source, title, contentType, text, pages, headings, metadata, List.of());
    }

    /** The figures whose text overlaps characters [start, end), each clipped to that range. */
    public List<FigureSpan> figuresWithin(int start, int end) {
        return FigureSpan.within(figures, start, end);
    }

    /** The page holding character {@code offset}, or null when the format has no pages. */
    public Integer pageAt(int offset) {
        return PageSpan.pageAt(pages, offset, null);
    }

    /** The pages that characters [start, end) run across, each clipped to that range. */
    public List<PageSpan> pagesWithin(int start, int end) {
        java.util.ArrayList<PageSpan> within = new java.util.ArrayList<>();
        for (PageSpan page : pages) {
            if (page.end() > start && page.start() < end) {
                within.add(new PageSpan(page.page(), Math.max(start, page.start()), Math.min(end, page.end())));
            }
        }
        return within;
    }

    /** The heading path in force at {@code start}, then one entry per heading that starts inside (start, end). */
    public List<SectionStart> sectionsWithin(int start, int end) {
        java.util.ArrayList<SectionStart> sections = new java.util.ArrayList<>();
        sections.add(new SectionStart(start, headingPathAt(start)));
        for (Heading heading : headings) {
            if (heading.offset() > start && heading.offset() < end) {
                sections.add(new SectionStart(heading.offset(), headingPathAt(heading.offset())));
            }
        }
        return sections;
    }

    /** The heading path (outermost first) in force at character {@code offset}. */
    public List<String> headingPathAt(int offset) {
        java.util.ArrayList<Heading> stack = new java.util.ArrayList<>();
        for (Heading heading : headings) {
            if (heading.offset() > offset) {
                break;
            }
            while (!stack.isEmpty() && stack.getLast().level() >= heading.level()) {
                stack.removeLast();
            }
            stack.add(heading);
        }
        return stack.stream().map(Heading::title).toList();
    }
}

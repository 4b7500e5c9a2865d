package dev.yunrag.model;

import java.util.List;

/**
 * A passage of a document, the unit of retrieval and citation.
 *
 * <p>A passage can run across a page break or a heading. {@code pages} and {@code sections} keep those boundaries
 * (in document offsets) so that a sentence quoted from the passage is cited with its own page and heading path
 * ({@link #pageAt}, {@link #headingPathAt}), not the passage's first ones. Both are empty when the passage lies on
 * one page and under one heading path; then {@code pageStart} and {@code headingPath} say it all.
 *
 * @param documentId  id of the document it belongs to
 * @param ordinal     position among the document's chunks, from 0
 * @param text        exactly {@code documentText.substring(start, end)}
 * @param start       first character, inclusive, in the parsed text
 * @param end         last character, exclusive
 * @param pageStart   first page the chunk touches, null for unpaged formats
 * @param pageEnd     last page the chunk touches, null for unpaged formats
 * @param headingPath the headings in force where the chunk starts, outermost first
 * @param pages       the pages the chunk spans, clipped to [start, end); empty when it lies on one page or none
 * @param sections    where each heading path inside the chunk starts, the first at {@code start}; empty when one
 *                    heading path covers the whole chunk
 * @param figures     the parts of the chunk read from images (OCR or the vision model), clipped to [start, end);
 *                    empty when none
 */
public record Chunk(String documentId, int ordinal, String text, int start, int end,
                    Integer pageStart, Integer pageEnd, List<String> headingPath,
                    List<PageSpan> pages, List<SectionStart> sections, List<FigureSpan> figures) {

    public Chunk {
        headingPath = List.copyOf(headingPath);
        // one page or one section says nothing pageStart and headingPath do not: keep equal chunks equal
        pages = pages.size() <= 1 ? List.of() : List.copyOf(pages);
        sections = sections.size() <= 1 ? List.of() : List.copyOf(sections);
        figures = figures == null ? List.of() : List.copyOf(figures);
    }

    /** A chunk with no text read from images. */
    public Chunk(String documentId, int ordinal, String text, int start, int end,
                 Integer pageStart, Integer pageEnd, List<String> headingPath,
                 List<PageSpan> pages, List<SectionStart> sections) {
        this(documentId, ordinal, text, start, end, pageStart, pageEnd, headingPath, pages, sections, List.of());
    }

    /** The figure that document character {@code offset} (inside this chunk) was read from, or null. */
    public FigureSpan figureAt(int offset) {
        return FigureSpan.at(figures, offset);
    }

    /** A chunk on one page (or none) and under one heading path. */
    public Chunk(String documentId, int ordinal, String text, int start, int end,
                 Integer pageStart, Integer pageEnd, List<String> headingPath) {
        this(documentId, ordinal, text, start, end, pageStart, pageEnd, headingPath, List.of(), List.of(), List.of());
    }

    /** Stable id of this chunk: the document id and the ordinal. */
    public String chunkId() {
        return documentId + "#" + ordinal;
    }

    /** The page holding document character {@code offset} (inside this chunk), null for unpaged formats. */
    public Integer pageAt(int offset) {
        return PageSpan.pageAt(pages, offset, pageStart);
    }

    /** The heading path in force at document character {@code offset} (inside this chunk). */
    public List<String> headingPathAt(int offset) {
        List<String> found = headingPath;
        for (SectionStart section : sections) {
            if (section.offset() <= offset) {
                found = section.headingPath();
            } else {
                break;
            }
        }
        return found;
    }
}

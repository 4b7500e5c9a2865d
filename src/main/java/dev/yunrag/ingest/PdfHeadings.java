package dev.yunrag.ingest;

import dev.yunrag.model.Heading;
import dev.yunrag.model.PageSpan;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDDocumentOutline;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDOutlineItem;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDOutlineNode;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

/**
 * Finds the headings of a PDF, which Tika's text does not mark: from the document outline (bookmarks) when it has
 * one, each bookmark a heading at its depth on its target page; otherwise from font size, a short line set clearly
 * larger than the body text being a heading, the largest size level 1. Either way a heading is placed where its text
 * occurs in the parsed text of its page (spaces ignored, since PDF text extraction spaces words differently);
 * one that cannot be found there is left out rather than placed somewhere wrong.
 *
 * <p>Reads the file a second time with PDFBox (Tika does not pass the outline or font sizes through its text). A PDF
 * PDFBox cannot read gets no headings; finding headings never fails a parse.
 */
final class PdfHeadings {

    /** Deeper bookmarks than this are read as this level; heading paths rarely need more. */
    private static final int MAX_LEVEL = 6;
    /** A line at least this much larger than the body text is a heading candidate. */
    private static final float HEADING_SIZE_RATIO = 1.15f;
    private static final int MAX_HEADING_CHARS = 60;
    /** At most this many distinct heading sizes become levels; smaller ones count as the last level. */
    private static final int MAX_SIZE_LEVELS = 3;

    /** A heading found in the PDF, before it is placed in the parsed text. */
    record Found(int level, String title, int page) {
    }

    private PdfHeadings() {
    }

    /**
     * @param text  the parsed text of the PDF
     * @param pages its page spans (1-based pages, as Tika numbered them)
     */
    static List<Heading> find(Path pdf, String text, List<PageSpan> pages) {
        if (pages.isEmpty()) {
            return List.of();
        }
        try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
            List<Found> found = fromOutline(document);
            if (found.isEmpty()) {
                found = fromFontSizes(document);
            }
            return place(found, text, pages);
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    static List<Found> fromOutline(PDDocument document) throws IOException {
        PDDocumentOutline outline = document.getDocumentCatalog().getDocumentOutline();
        List<Found> found = new ArrayList<>();
        if (outline != null) {
            collect(document, outline, 1, found);
        }
        return found;
    }

    private static void collect(PDDocument document, PDOutlineNode node, int level, List<Found> found)
            throws IOException {
        for (PDOutlineItem item : node.children()) {
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
            PDPage target = item.findDestinationPage(document);
            int page = target == null ? -1 : document.getPages().indexOf(target) + 1;
            if (page > 0 && item.getTitle() != null && !item.getTitle().isBlank()) {
                found.add(new Found(Math.min(level, MAX_LEVEL), item.getTitle().strip(), page));
            }
            collect(document, item, level + 1, found);
        }
    }

    static List<Found> fromFontSizes(PDDocument document) throws IOException {
        LineSizes lines = new LineSizes();
        lines.setSortByPosition(true);
        lines.getText(document);
        float body = lines.bodySize();
        TreeSet<Float> headingSizes = new TreeSet<>();
        List<LineSizes.Line> candidates = new ArrayList<>();
        for (LineSizes.Line line : lines.lines) {
            String title = line.text().strip();
            if (body > 0 && line.size() >= body * HEADING_SIZE_RATIO && !title.isEmpty()
                    && title.length() <= MAX_HEADING_CHARS && title.codePoints().anyMatch(Character::isLetter)) {
                candidates.add(line);
                headingSizes.add(line.size());
            }
        }
        List<Float> bySize = new ArrayList<>(headingSizes.descendingSet());
        List<Found> found = new ArrayList<>();
        for (LineSizes.Line line : candidates) {
            int level = Math.min(bySize.indexOf(line.size()) + 1, MAX_SIZE_LEVELS);
            found.add(new Found(level, line.text().strip(), line.page()));
        }
        return found;
    }

    /** Places each heading at its title's first occurrence on its page, after the previous heading on that page. */
    static List<Heading> place(List<Found> found, String text, List<PageSpan> pages) {
        Map<Integer, PageSpan> byNumber = new HashMap<>();
        pages.forEach(p -> byNumber.put(p.page(), p));
        List<Heading> headings = new ArrayList<>();
        int cursor = 0;
        for (Found heading : found) {
            PageSpan page = byNumber.get(heading.page());
            if (page == null) {
                continue;
            }
            int from = Math.max(cursor, page.start());
            int[] span = findIgnoringSpaces(text, heading.title(), from, page.end());
            if (span == null) {
                continue;
            }
            Heading placed = HeadingTitles.headingAt(text, heading.level(), span[0], span[1]);
            if (placed != null) {
                headings.add(placed);
                cursor = span[1];
            }
        }
        return headings;
    }

    /** [start, end) of {@code needle} in text[from, to), whitespace in either ignored; null when absent. */
    static int[] findIgnoringSpaces(String text, String needle, int from, int to) {
        String compactNeedle = needle.replaceAll("\\s+", "");
        if (compactNeedle.isEmpty()) {
            return null;
        }
        StringBuilder compact = new StringBuilder();
        List<Integer> offsets = new ArrayList<>();
        for (int i = from; i < to; i++) {
            if (!Character.isWhitespace(text.charAt(i))) {
                compact.append(text.charAt(i));
                offsets.add(i);
            }
        }
        int at = compact.indexOf(compactNeedle);
        if (at < 0) {
            return null;
        }
        return new int[] {offsets.get(at), offsets.get(at + compactNeedle.length() - 1) + 1};
    }

    /** Collects each text line with its page and largest font size, and the font size most text is set in. */
    private static final class LineSizes extends PDFTextStripper {

        record Line(String text, float size, int page) {
        }

        final List<Line> lines = new ArrayList<>();
        private final Map<Float, Integer> charsBySize = new HashMap<>();
        private final StringBuilder current = new StringBuilder();
        private float currentSize;

        @Override
        protected void writeString(String text, List<TextPosition> positions) {
            if (Thread.currentThread().isInterrupted()) {
                throw new MarkdownStructure.ParseAbandoned();
            }
            current.append(text);
            for (TextPosition position : positions) {
                float size = Math.round(position.getFontSizeInPt() * 2) / 2f;
                currentSize = Math.max(currentSize, size);
                charsBySize.merge(size, position.getUnicode() == null ? 1 : position.getUnicode().length(),
                        Integer::sum);
            }
        }

        @Override
        protected void writeWordSeparator() {
            current.append(' ');
        }

        @Override
        protected void writeLineSeparator() {
            endLine();
        }

        @Override
        protected void writeParagraphEnd() {
            endLine();
        }

        @Override
        protected void endPage(PDPage page) throws IOException {
            endLine();
            super.endPage(page);
        }

        private void endLine() {
            if (!current.toString().isBlank()) {
                lines.add(new Line(current.toString(), currentSize, getCurrentPageNo()));
            }
            current.setLength(0);
            currentSize = 0;
        }

        float bodySize() {
            return charsBySize.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
                    .orElse(0f);
        }
    }
}

package dev.yunrag.ingest;

import dev.yunrag.model.FigureSpan;
import dev.yunrag.model.Heading;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads Tika's XHTML event stream into normalised text with page and heading boundaries.
 *
 * <ul>
 *   <li>Block elements end lines: paragraphs, headings, tables and lists get a blank line around them, list items,
 *       table rows, {@code <br>} and plain {@code <div>}s a single line break.</li>
 *   <li>A table is laid out by {@link TableRows} at its end: each row on one line, its cells separated by " | "
 *       and, when the table has a header row, labelled with their column headers; paragraphs inside a cell (DOCX
 *       tables) become spaces so the row is not torn apart. A table inside a cell is read as that cell's text.</li>
 *   <li>Each {@code <div class="page">} (PDF) or {@code <div class="slide-content">} (PPTX) starts a new page.</li>
 *   <li>{@code <h1>}..{@code <h6>} become headings; their offset is where the heading text starts.</li>
 *   <li>A {@code <div class="ocr">} or {@code <div class="vision">} (text read from an image, see
 *       {@code ingest.image.DocumentImages}) becomes a {@link FigureSpan} with its {@code data-figure} id.</li>
 *   <li>Text in {@code <head>}, {@code <script>} and {@code <style>} is ignored.</li>
 * </ul>
 *
 * <p>Character data is treated like HTML whitespace: line breaks inside a paragraph are soft (PDF line wrapping).
 * Each event checks the thread's interrupt flag, so a parse abandoned after a timeout stops at the next event
 * even when the underlying parser ignores interrupts.
 */
final class StructureContentHandler extends DefaultHandler {

    private static final Set<String> PARAGRAPH_BLOCKS =
            Set.of("p", "table", "ul", "ol", "dl", "blockquote", "pre", "section", "article", "header", "footer");
    private static final Set<String> LINE_BLOCKS =
            Set.of("div", "li", "tr", "br", "dt", "dd", "caption", "thead", "tbody", "tfoot", "hr", "figcaption");
    private static final Set<String> IGNORED = Set.of("head", "script", "style", "title");
    private static final Set<String> PAGE_CLASSES = Set.of("page", "slide-content");
    private static final Set<String> FIGURE_CLASSES = Set.of(FigureSpan.OCR, FigureSpan.VISION);

    private record OpenHeading(int level, StructuredTextBuilder.Mark start) {
    }

    /** A heading whose end is known; its start resolves once text follows. */
    private record ClosedHeading(int level, StructuredTextBuilder.Mark start, int end) {
    }

    private record OpenFigure(String figure, String origin, StructuredTextBuilder.Mark start) {
    }

    private record ClosedFigure(OpenFigure open, int end) {
    }

    private final StructuredTextBuilder text;
    private final List<StructuredTextBuilder.Mark> pageStarts = new ArrayList<>();
    private final List<ClosedHeading> closedHeadings = new ArrayList<>();
    private final List<ClosedFigure> closedFigures = new ArrayList<>();
    /** The figure whose text is being read (its div holds only paragraphs), null outside one. */
    private OpenFigure openFigure;
    private final int maxTextChars;
    private OpenHeading openHeading;
    private int ignoredDepth;
    /** The outermost table being read, null outside tables. */
    private TableCollector table;
    private int tableDepth;
    private int theadDepth;
    private String finalText;

    StructureContentHandler(int maxTextChars) {
        this.text = new StructuredTextBuilder(maxTextChars);
        this.maxTextChars = maxTextChars;
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes attributes) throws SAXException {
        checkInterrupted();
        String name = elementName(localName, qName);
        if (IGNORED.contains(name)) {
            ignoredDepth++;
            return;
        }
        if (name.equals("div") && PAGE_CLASSES.contains(String.valueOf(attributes.getValue("class")))) {
            text.paragraphBreak();
            pageStarts.add(text.markNextContent());
            return;
        }
        if (table == null && name.equals("div")
                && FIGURE_CLASSES.contains(String.valueOf(attributes.getValue("class")))) {
            text.paragraphBreak();
            openFigure = new OpenFigure(attributes.getValue("data-figure"), attributes.getValue("class"),
                    text.markNextContent());
            return;
        }
        if (table != null || name.equals("table")) {
            startTableElement(name);
            return;
        }
        int level = headingLevel(name);
        if (level > 0) {
            text.paragraphBreak();
            openHeading = new OpenHeading(level, text.markNextContent());
            return;
        }
        blockBoundary(name);
    }

    @Override
    public void endElement(String uri, String localName, String qName) throws SAXException {
        checkInterrupted();
        String name = elementName(localName, qName);
        if (IGNORED.contains(name)) {
            ignoredDepth--;
            return;
        }
        if (table != null) {
            endTableElement(name);
            return;
        }
        if (name.equals("div") && openFigure != null) {
            closedFigures.add(new ClosedFigure(openFigure, text.length()));
            openFigure = null;
            text.paragraphBreak();
            return;
        }
        int level = headingLevel(name);
        if (level > 0 && openHeading != null) {
            closedHeadings.add(new ClosedHeading(openHeading.level(), openHeading.start(), text.length()));
            openHeading = null;
            text.paragraphBreak();
            return;
        }
        if (!name.equals("br")) {
            blockBoundary(name);
        }
    }

    @Override
    public void characters(char[] ch, int start, int length) throws SAXException {
        checkInterrupted();
        if (ignoredDepth > 0) {
            return;
        }
        if (table != null) {
            table.append(ch, start, length);
        } else {
            text.append(ch, start, length, false);
        }
    }

    @Override
    public void ignorableWhitespace(char[] ch, int start, int length) throws SAXException {
        characters(ch, start, length);
    }

    /** Finishes the text; call once after parsing. */
    String text() {
        if (finalText == null) {
            finalText = text.finish();
        }
        return finalText;
    }

    /** Offsets where pages start, in order; empty when the document has no pages. Call after {@link #text()}. */
    List<Integer> pageStarts() {
        return pageStarts.stream().map(StructuredTextBuilder.Mark::offset).toList();
    }

    /** Headings with their offsets in {@link #text()}; empty headings are skipped. Call after {@link #text()}. */
    List<Heading> headings() {
        String finished = text();
        List<Heading> headings = new ArrayList<>();
        for (ClosedHeading closed : closedHeadings) {
            Heading heading = HeadingTitles.headingAt(finished, closed.level(), closed.start().offset(), closed.end());
            if (heading != null) {
                headings.add(heading);
            }
        }
        return headings;
    }

    /**
     * The parts of {@link #text()} read from images, in order; a figure without an id or without text is left out.
     * Call after {@link #text()}.
     */
    List<FigureSpan> figures() {
        int length = text().length();
        List<FigureSpan> figures = new ArrayList<>();
        for (ClosedFigure closed : closedFigures) {
            int start = closed.open().start().offset();
            int end = Math.min(closed.end(), length);
            if (closed.open().figure() != null && start >= 0 && start < end) {
                figures.add(new FigureSpan(closed.open().figure(), closed.open().origin(), start, end));
            }
        }
        return figures;
    }

    /** Inside a table only its own rows and cells count; any other element just separates words. */
    private void startTableElement(String name) {
        if (name.equals("table")) {
            if (tableDepth++ == 0) {
                table = new TableCollector(maxTextChars);
                return;
            }
        }
        if (tableDepth == 1 && name.equals("thead")) {
            theadDepth++;
        } else if (tableDepth == 1 && name.equals("tr")) {
            table.startRow();
        } else if (tableDepth == 1 && (name.equals("td") || name.equals("th"))) {
            table.startCell(name.equals("th") || theadDepth > 0);
        } else {
            table.space();
        }
    }

    private void endTableElement(String name) {
        if (name.equals("table") && --tableDepth == 0) {
            TableCollector finished = table;
            table = null;
            writeTable(finished);
            return;
        }
        if (tableDepth == 1 && name.equals("thead")) {
            theadDepth--;
        } else if (tableDepth == 1 && name.equals("tr")) {
            table.endRow();
        } else if (tableDepth == 1 && (name.equals("td") || name.equals("th"))) {
            table.endCell();
        } else {
            table.space();
        }
    }

    private void writeTable(TableCollector finished) {
        List<String> rows = TableRows.lines(finished.finish());
        text.paragraphBreak();
        String caption = finished.caption();
        if (!caption.isEmpty()) {
            text.append(caption, false);
            text.lineBreak();
        }
        for (String row : rows) {
            text.append(row, false);
            text.lineBreak();
        }
        text.paragraphBreak();
    }

    private void blockBoundary(String name) {
        if (PARAGRAPH_BLOCKS.contains(name)) {
            text.paragraphBreak();
        } else if (LINE_BLOCKS.contains(name)) {
            text.lineBreak();
        }
    }

    private static int headingLevel(String name) {
        if (name.length() == 2 && name.charAt(0) == 'h' && name.charAt(1) >= '1' && name.charAt(1) <= '6') {
            return name.charAt(1) - '0';
        }
        return 0;
    }

    private static String elementName(String localName, String qName) {
        String name = localName == null || localName.isEmpty() ? qName : localName;
        return name.toLowerCase(java.util.Locale.ROOT);
    }

    private static void checkInterrupted() throws SAXException {
        if (Thread.currentThread().isInterrupted()) {
            throw new SAXException(new InterruptedException("parse abandoned"));
        }
    }
}

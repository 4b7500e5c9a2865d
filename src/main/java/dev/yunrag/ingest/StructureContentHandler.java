package dev.yunrag.ingest;

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
 *   <li>A table row stays on one line, its cells separated by " | "; paragraphs inside a cell (DOCX tables) become
 *       spaces so the row is not torn apart.</li>
 *   <li>Each {@code <div class="page">} (PDF) or {@code <div class="slide-content">} (PPTX) starts a new page.</li>
 *   <li>{@code <h1>}..{@code <h6>} become headings; their offset is where the heading text starts.</li>
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

    private record OpenHeading(int level, StructuredTextBuilder.Mark start) {
    }

    /** A heading whose end is known; its start resolves once text follows. */
    private record ClosedHeading(int level, StructuredTextBuilder.Mark start, int end) {
    }

    private final StructuredTextBuilder text;
    private final List<StructuredTextBuilder.Mark> pageStarts = new ArrayList<>();
    private final List<ClosedHeading> closedHeadings = new ArrayList<>();
    private OpenHeading openHeading;
    private int ignoredDepth;
    private int cellDepth;
    private int cellsInRow;
    private String finalText;

    StructureContentHandler(int maxTextChars) {
        this.text = new StructuredTextBuilder(maxTextChars);
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
        if (name.equals("td") || name.equals("th")) {
            if (cellsInRow > 0) {
                text.cellSeparator();
            }
            cellsInRow++;
            cellDepth++;
            return;
        }
        if (name.equals("tr")) {
            cellsInRow = 0;
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
        if (name.equals("td") || name.equals("th")) {
            cellDepth--;
            text.space();
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
        if (ignoredDepth == 0) {
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

    private void blockBoundary(String name) {
        if (cellDepth > 0) {
            text.space(); // keep a table row on one line
        } else if (PARAGRAPH_BLOCKS.contains(name)) {
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

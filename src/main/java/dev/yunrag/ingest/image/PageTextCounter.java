package dev.yunrag.ingest.image;

import java.util.Set;
import org.apache.tika.sax.ContentHandlerDecorator;
import org.xml.sax.Attributes;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;

/**
 * Passes Tika's events on unchanged and counts, per page, the characters of the text layer (OCR output excluded):
 * a PDF page with almost none is read whole by OCR, so its images need not be read one by one as well.
 */
final class PageTextCounter extends ContentHandlerDecorator {

    private static final Set<String> PAGE_CLASSES = Set.of("page", "slide-content");

    private int page;
    private int pageChars;
    private int ocrDepth;
    private int divDepth;

    PageTextCounter(ContentHandler handler) {
        super(handler);
    }

    /** The current page, 1-based; 0 before the first page or for formats without pages. */
    int page() {
        return page;
    }

    /** Non-blank characters of the text layer on the current page so far. */
    int pageChars() {
        return pageChars;
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes atts) throws SAXException {
        String name = localName == null || localName.isEmpty() ? qName : localName;
        if ("div".equalsIgnoreCase(name)) {
            divDepth++;
            String cssClass = atts.getValue("class");
            if (PAGE_CLASSES.contains(String.valueOf(cssClass))) {
                page++;
                pageChars = 0;
            } else if ("ocr".equals(cssClass) || "vision".equals(cssClass) || ocrDepth > 0) {
                ocrDepth++;
            }
        }
        super.startElement(uri, localName, qName, atts);
    }

    @Override
    public void endElement(String uri, String localName, String qName) throws SAXException {
        String name = localName == null || localName.isEmpty() ? qName : localName;
        if ("div".equalsIgnoreCase(name)) {
            divDepth--;
            if (ocrDepth > 0) {
                ocrDepth--;
            }
        }
        super.endElement(uri, localName, qName);
    }

    @Override
    public void characters(char[] ch, int start, int length) throws SAXException {
        if (ocrDepth == 0) {
            for (int i = start; i < start + length; i++) {
                if (!Character.isWhitespace(ch[i])) {
                    pageChars++;
                }
            }
        }
        super.characters(ch, start, length);
    }
}

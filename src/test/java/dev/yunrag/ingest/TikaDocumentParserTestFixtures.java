package dev.yunrag.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFStyle;
import org.apache.poi.xwpf.usermodel.XWPFStyles;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTStyle;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STStyleType;

/** Builds the test documents of {@link TikaDocumentParserTest} with the libraries Tika brings (PDFBox, POI). */
final class TikaDocumentParserTestFixtures {

    private TikaDocumentParserTestFixtures() {
    }

    static String billionLaughs(String body) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n");
        xml.append("<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n");
        for (int i = 2; i <= 9; i++) {
            xml.append("<!ENTITY lol").append(i).append(" \"")
                    .append(("&lol" + (i - 1) + ";").repeat(10)).append("\">\n");
        }
        return xml.append("]>\n").append(body).append("\n").toString();
    }

    /** A zip container with an uncompressed {@code mimetype} entry first, as ODF and EPUB require. */
    static Path zip(Path target, String mimeType, String... entriesAndContents) throws IOException {
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(target))) {
            byte[] mime = mimeType.getBytes(StandardCharsets.US_ASCII);
            java.util.zip.ZipEntry first = new java.util.zip.ZipEntry("mimetype");
            first.setMethod(java.util.zip.ZipEntry.STORED);
            first.setSize(mime.length);
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(mime);
            first.setCrc(crc.getValue());
            zip.putNextEntry(first);
            zip.write(mime);
            zip.closeEntry();
            for (int i = 0; i < entriesAndContents.length; i += 2) {
                zip.putNextEntry(new java.util.zip.ZipEntry(entriesAndContents[i]));
                zip.write(entriesAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return target;
    }

    static Path threePagePdf(Path target) throws IOException {
        try (PDDocument document = new PDDocument()) {
            for (String word : List.of("Alpha", "Bravo", "Charlie")) {
                PDPage page = new PDPage();
                document.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    writeLine(content, 72, 700, "Section " + word);
                    writeLine(content, 72, 680, word + " is the word on this page.");
                }
            }
            document.getDocumentInformation().setTitle("Quarterly Report");
            document.getDocumentInformation().setAuthor("Li Lei");
            java.util.Calendar created = java.util.Calendar.getInstance(java.util.TimeZone.getTimeZone("UTC"));
            created.clear();
            created.set(2024, java.util.Calendar.MARCH, 5, 10, 30, 0);
            document.getDocumentInformation().setCreationDate(created);
            document.save(target.toFile());
        }
        return target;
    }

    static PDDocument documentWithText(String text) throws IOException {
        PDDocument document = new PDDocument();
        PDPage page = new PDPage();
        document.addPage(page);
        try (PDPageContentStream content = new PDPageContentStream(document, page)) {
            writeLine(content, 72, 700, text);
        }
        return document;
    }

    static void writeLine(PDPageContentStream content, float x, float y, String text) throws IOException {
        content.beginText();
        content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
        content.newLineAtOffset(x, y);
        content.showText(text);
        content.endText();
    }

    /** A blank XWPFDocument defines no styles; Tika maps paragraphs to h1/h2 by the style's name "heading N". */
    static void addHeadingStyles(XWPFDocument document) {
        XWPFStyles styles = document.createStyles();
        for (int level = 1; level <= 2; level++) {
            CTStyle style = CTStyle.Factory.newInstance();
            style.setStyleId("Heading" + level);
            style.setType(STStyleType.PARAGRAPH);
            style.addNewName().setVal("heading " + level);
            styles.addStyle(new XWPFStyle(style));
        }
    }

    static void paragraph(XWPFDocument document, String styleId, String text) {
        XWPFParagraph paragraph = document.createParagraph();
        if (styleId != null) {
            paragraph.setStyle(styleId);
        }
        paragraph.createRun().setText(text);
    }
}

package dev.yunrag.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.yunrag.model.Heading;
import dev.yunrag.model.ParsedDocument;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.destination.PDPageFitDestination;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDDocumentOutline;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDOutlineItem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PDF headings, which Tika does not mark, come from the outline or else from font sizes; real Tika and PDFBox. */
class PdfHeadingsTest {

    private final TikaDocumentParser parser = new TikaDocumentParser(50_000_000, Duration.ofSeconds(60), 20_000_000);

    @TempDir
    Path dir;

    /** One line of a generated PDF page: its text and font size. */
    private record Line(String text, float size) {
    }

    @Test
    void bookmarksBecomeHeadingsAtTheirDepth() throws Exception {
        // all text in one size: only the outline can tell the headings
        Path pdf = dir.resolve("policy.pdf");
        try (PDDocument document = new PDDocument()) {
            PDPage first = page(document, new Line("Travel Policy", 12), new Line("Approval", 12),
                    new Line("Every trip needs approval by the department head.", 12));
            PDPage second = page(document, new Line("Hotels", 12),
                    new Line("The hotel cap is 600 yuan per night in tier one cities.", 12));
            PDDocumentOutline outline = new PDDocumentOutline();
            document.getDocumentCatalog().setDocumentOutline(outline);
            PDOutlineItem root = bookmark(outline, "Travel Policy", first);
            bookmark(root, "Approval", first);
            bookmark(root, "Hotels", second);
            bookmark(root, "Appendix (not in the text)", second);
            document.save(pdf.toFile());
        }

        ParsedDocument doc = parser.parse(pdf, "policy.pdf");

        assertThat(doc.headings()).extracting(Heading::level, Heading::title)
                .containsExactly(tuple(1, "Travel Policy"), tuple(2, "Approval"), tuple(2, "Hotels"));
        assertThat(doc.headingPathAt(doc.text().indexOf("600 yuan"))).containsExactly("Travel Policy", "Hotels");
        assertThat(doc.pageAt(doc.headings().get(2).offset())).isEqualTo(2);
        assertHeadingsPointAtTheirText(doc);
    }

    @Test
    void withoutAnOutlineLargerShortLinesAreHeadings() throws Exception {
        Path pdf = dir.resolve("handbook.pdf");
        try (PDDocument document = new PDDocument()) {
            page(document, new Line("Employee Handbook", 20), new Line("This handbook applies to all staff.", 11),
                    new Line("1. Working Hours", 15), new Line("Core hours are 10:00 to 16:00.", 11),
                    new Line("Staff may arrive between 8:00 and 10:00.", 11));
            page(document, new Line("2. Leave", 15), new Line("Annual leave is 10 days a year.", 11),
                    new Line("Page 2 of 2", 8));
            document.save(pdf.toFile());
        }

        ParsedDocument doc = parser.parse(pdf, "handbook.pdf");

        assertThat(doc.headings()).extracting(Heading::level, Heading::title).containsExactly(
                tuple(1, "Employee Handbook"), tuple(2, "1. Working Hours"), tuple(2, "2. Leave"));
        assertThat(doc.headingPathAt(doc.text().indexOf("Annual leave"))).containsExactly("Employee Handbook",
                "2. Leave");
        assertHeadingsPointAtTheirText(doc);
    }

    @Test
    void aPdfInOneFontSizeWithoutOutlineHasNoHeadings() throws Exception {
        Path pdf = TikaDocumentParserTestFixtures.threePagePdf(dir.resolve("report.pdf"));

        assertThat(parser.parse(pdf, "report.pdf").headings()).isEmpty();
    }

    @Test
    void theSampleHandbooksChapterHeadingsAreFoundByTheirSize() throws Exception {
        ParsedDocument doc = parser.parse(Path.of("sample-corpus/employee-handbook.pdf"), "employee-handbook.pdf");

        assertThat(doc.headings()).extracting(Heading::title)
                .contains("第一章 工作时间", "第三章 休假制度", "3.1 年假");
        assertThat(doc.headingPathAt(doc.text().indexOf("工作满10年不满20年的")))
                .endsWith("第三章 休假制度", "3.1 年假");
        assertThat(doc.headings()).noneMatch(h -> h.title().contains("第1页"));
        assertHeadingsPointAtTheirText(doc);
    }

    private static void assertHeadingsPointAtTheirText(ParsedDocument doc) {
        for (Heading heading : doc.headings()) {
            assertThat(doc.text().substring(heading.offset())).startsWith(heading.title());
        }
        assertThat(doc.headings()).extracting(Heading::offset).isSorted();
    }

    private static PDPage page(PDDocument document, Line... lines) throws IOException {
        PDPage page = new PDPage();
        document.addPage(page);
        try (PDPageContentStream content = new PDPageContentStream(document, page)) {
            float y = 720;
            for (Line line : lines) {
                content.beginText();
                content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), line.size());
                content.newLineAtOffset(72, y);
                content.showText(line.text());
                content.endText();
                y -= line.size() * 2;
            }
        }
        return page;
    }

    private static PDOutlineItem bookmark(org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline
                                                  .PDOutlineNode parent, String title, PDPage target) {
        PDOutlineItem item = new PDOutlineItem();
        item.setTitle(title);
        PDPageFitDestination destination = new PDPageFitDestination();
        destination.setPage(target);
        item.setDestination(destination);
        parent.addLast(item);
        return item;
    }
}

package dev.yunrag.ingest.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.yunrag.ingest.IngestFailure;
import dev.yunrag.ingest.TikaDocumentParser;
import dev.yunrag.model.ParsedDocument;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tesseract through Tika on generated scans: scanned PDF pages (only those of a mixed PDF), image files, and images
 * inside DOCX, PPTX and XLSX; the text lands on its page. Needs tesseract-ocr with chi_sim and eng and
 * fonts-noto-cjk, which {@code ./yunrag test} installs.
 */
class ImageOcrParsingTest {

    static final String CLAUSE = "甲方应于三十日内支付货款";
    static final String WARRANTY = "warranty period is 24 months";
    static final String NOTICE = "停车场位于地下二层";

    private static TikaDocumentParser parser;

    @TempDir
    Path dir;

    @BeforeAll
    static void tesseract() {
        TesseractOcr tesseract = TesseractOcr.detect("chi_sim+eng", Optional.empty(), Duration.ofSeconds(120));
        assertThat(tesseract.problem()).as("these tests need: apt-get install " + TesseractOcr.PACKAGES).isNull();
        parser = new TikaDocumentParser(50_000_000, Duration.ofSeconds(60), 20_000_000,
                ImageReading.ocr(tesseract, new OcrCache(null), ImageReading.Limits.defaults()));
    }

    static BufferedImage contractPage() {
        return ScannedFixtures.page("合同编号：HT-2024-0173", CLAUSE + "。", "The " + WARRANTY + ".");
    }

    @Test
    void imageOnlyPdfIsReadPageByPage() throws Exception {
        Path pdf = ScannedFixtures.imageOnlyPdf(dir.resolve("scan.pdf"),
                List.of(ScannedFixtures.page("第一页：" + NOTICE + "。"), contractPage()));

        ParsedDocument doc = parser.parse(pdf, "scan.pdf");

        assertThat(doc.pages()).hasSize(2);
        assertThat(pageOf(doc, NOTICE)).isEqualTo(1);
        assertThat(pageOf(doc, CLAUSE)).isEqualTo(2);
        assertThat(pageOf(doc, WARRANTY)).isEqualTo(2);
        assertThat(doc.text()).contains("HT-2024-0173");
        assertThat(doc.metadata()).containsEntry("ocrPages", "2");
    }

    @Test
    void mixedPdfReadsOnlyTheScannedPage() throws Exception {
        Path pdf = ScannedFixtures.mixedPdf(dir.resolve("mixed.pdf"), "Page one has a text layer about apples.",
                contractPage());

        ParsedDocument doc = parser.parse(pdf, "mixed.pdf");

        assertThat(pageOf(doc, "text layer about apples")).isEqualTo(1);
        assertThat(pageOf(doc, CLAUSE)).isEqualTo(2);
        assertThat(doc.metadata()).containsEntry("ocrPages", "1");
        assertThat(doc.text().indexOf(CLAUSE)).isEqualTo(doc.text().lastIndexOf(CLAUSE)); // read once, not twice
    }

    @ParameterizedTest
    @ValueSource(strings = {"png", "jpg", "tiff", "bmp", "gif"})
    void imageFilesAreRead(String format) throws Exception {
        Path image = ScannedFixtures.imageFile(dir.resolve("contract." + format), contractPage(), format);

        ParsedDocument doc = parser.parse(image, "contract." + format);

        assertThat(doc.text()).contains(CLAUSE).contains(WARRANTY);
        assertThat(doc.pages()).isEmpty();
        assertThat(doc.contentType()).startsWith("image/");
    }

    @Test
    void imagesInsideDocxAreRead() throws Exception {
        Path docx = ScannedFixtures.docx(dir.resolve("memo.docx"), "见下图扫描件。", List.of(contractPage()));

        ParsedDocument doc = parser.parse(docx, "memo.docx");

        assertThat(doc.text()).contains("见下图扫描件").contains(CLAUSE).contains(WARRANTY);
        assertThat(doc.metadata()).containsEntry("ocrImages", "1");
    }

    @Test
    void imageOnASlideIsReadOnThatSlide() throws Exception {
        Path pptx = ScannedFixtures.pptx(dir.resolve("deck.pptx"), "季度汇报", contractPage());

        ParsedDocument doc = parser.parse(pptx, "deck.pptx");

        assertThat(pageOf(doc, "季度汇报")).isEqualTo(1);
        assertThat(pageOf(doc, CLAUSE)).isEqualTo(2);
    }

    @Test
    void imageOnASheetIsRead() throws Exception {
        Path xlsx = ScannedFixtures.xlsx(dir.resolve("sheet.xlsx"), "附件", contractPage());

        ParsedDocument doc = parser.parse(xlsx, "sheet.xlsx");

        assertThat(doc.text()).contains("附件").contains(CLAUSE);
    }

    @Test
    void withoutTesseractTheMessageNamesThePackageAndTextStillParses() throws Exception {
        TesseractOcr missing = TesseractOcr.detect("chi_sim+eng", Optional.of(dir.resolve("no-tesseract").toString()),
                Duration.ofSeconds(10));
        assertThat(missing.available()).isFalse();
        TikaDocumentParser withoutOcr = new TikaDocumentParser(50_000_000, Duration.ofSeconds(60), 20_000_000,
                ImageReading.off(missing.problem()));
        Path png = ScannedFixtures.imageFile(dir.resolve("contract.png"), contractPage(), "png");
        Path pdf = ScannedFixtures.imageOnlyPdf(dir.resolve("scan.pdf"), List.of(contractPage()));
        Path txt = Files.writeString(dir.resolve("notes.txt"), "这是一份正常的文件。", StandardCharsets.UTF_8);

        assertThatThrownBy(() -> withoutOcr.parse(png, "contract.png")).isInstanceOf(IngestFailure.class)
                .hasMessageContaining("apt-get install tesseract-ocr");
        assertThatThrownBy(() -> withoutOcr.parse(pdf, "scan.pdf")).isInstanceOf(IngestFailure.class)
                .hasMessageContaining("no extractable text").hasMessageContaining("apt-get install tesseract-ocr");
        assertThat(withoutOcr.parse(txt, "notes.txt").text()).contains("正常的文件");
    }

    @Test
    void missingLanguageNamesItsPackage() {
        TesseractOcr klingon = TesseractOcr.detect("chi_sim+tlh", Optional.empty(), Duration.ofSeconds(10));

        assertThat(klingon.problem()).contains("apt-get install tesseract-ocr-tlh");
    }

    static int pageOf(ParsedDocument doc, String phrase) {
        int at = doc.text().indexOf(phrase);
        assertThat(at).as("'%s' in:%n%s", phrase, doc.text()).isNotNegative();
        return doc.pageAt(at);
    }
}

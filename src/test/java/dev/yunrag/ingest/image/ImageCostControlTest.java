package dev.yunrag.ingest.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yunrag.ingest.TikaDocumentParser;
import dev.yunrag.model.ParsedDocument;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Icons and blank images skipped, a letterhead read once, the cache by image hash, the per-document cap, failures. */
class ImageCostControlTest {

    private static TesseractOcr tesseract;

    @TempDir
    Path dir;

    @BeforeAll
    static void tesseract() {
        tesseract = TesseractOcr.detect("chi_sim+eng", Optional.empty(), Duration.ofSeconds(120));
        assertThat(tesseract.problem()).as("these tests need: apt-get install " + TesseractOcr.PACKAGES).isNull();
    }

    private static TikaDocumentParser parser(OcrCache cache, ImageReading.Limits limits) {
        return new TikaDocumentParser(50_000_000, Duration.ofSeconds(60), 20_000_000,
                ImageReading.ocr(tesseract, cache, limits));
    }

    private static ImageReading.Limits cap(int maxPerDocument) {
        ImageReading.Limits d = ImageReading.Limits.defaults();
        return new ImageReading.Limits(d.pageMinChars(), d.pageDpi(), d.minSide(), d.minPixels(), d.maxSide(),
                maxPerDocument, d.timePerDocument(), d.visionMaxSide());
    }

    private static BufferedImage figure(String line) {
        return ScannedFixtures.page(line);
    }

    @Test
    void iconsAndBlankImagesAreNotRead() throws Exception {
        BufferedImage blank = new BufferedImage(600, 400, BufferedImage.TYPE_INT_RGB); // all black: one colour
        Path docx = ScannedFixtures.docx(dir.resolve("icons.docx"), "正文。",
                List.of(ScannedFixtures.icon(32), blank, figure("年度预算为五百万元。")));

        ParsedDocument doc = parser(new OcrCache(null), ImageReading.Limits.defaults()).parse(docx, "icons.docx");

        assertThat(doc.text()).contains("年度预算为五百万元");
        assertThat(doc.metadata()).containsEntry("ocrImages", "1").doesNotContainKey("imageWarnings");
    }

    @Test
    void theThumbnailOfAnOfficeFileIsNotRead() throws Exception {
        Path pptx = dir.resolve("deck.pptx");
        try (org.apache.poi.xslf.usermodel.XMLSlideShow show = new org.apache.poi.xslf.usermodel.XMLSlideShow()) {
            show.createSlide().createTextBox().setText("季度汇报");
            show.getPackage().addThumbnail("thumbnail.png", new java.io.ByteArrayInputStream(
                    ScannedFixtures.encode(figure("缩略图里的文字不应进入索引。"), "png")));
            try (var out = java.nio.file.Files.newOutputStream(pptx)) {
                show.write(out);
            }
        }

        ParsedDocument doc = parser(new OcrCache(null), ImageReading.Limits.defaults()).parse(pptx, "deck.pptx");

        assertThat(doc.text()).contains("季度汇报").doesNotContain("缩略图");
    }

    @Test
    void letterheadOnEveryPageIsReadOnce() throws Exception {
        Path pdf = ScannedFixtures.letterheadPdf(dir.resolve("letters.pdf"), figure("云网科技有限公司 通知"),
                List.of("First notice about the parking garage.", "Second notice about the canteen.",
                        "Third notice about the library."));

        ParsedDocument doc = parser(new OcrCache(null), ImageReading.Limits.defaults()).parse(pdf, "letters.pdf");

        assertThat(doc.text()).contains("云网科技有限公司").contains("Third notice");
        assertThat(doc.text().indexOf("云网科技")).isEqualTo(doc.text().lastIndexOf("云网科技"));
        assertThat(doc.metadata()).containsEntry("ocrImages", "1");
    }

    @Test
    void reingestingReadsImagesFromTheCacheOnDisk() throws Exception {
        Path docx = ScannedFixtures.docx(dir.resolve("memo.docx"), "备忘录。", List.of(figure("会议改到周五下午三点。")));
        Path cacheDir = dir.resolve("ocr-cache");
        OcrCache first = new OcrCache(cacheDir);
        ParsedDocument once = parser(first, ImageReading.Limits.defaults()).parse(docx, "memo.docx");
        assertThat(first.hits()).isZero();

        // a new process: a fresh cache over the same directory
        OcrCache second = new OcrCache(cacheDir);
        ParsedDocument again = parser(second, ImageReading.Limits.defaults()).parse(docx, "memo.docx");

        assertThat(second.hits()).isEqualTo(1);
        assertThat(again.text()).isEqualTo(once.text()).contains("会议改到周五下午三点");
    }

    @Test
    void imagesBeyondTheCapAreCountedAndReported() throws Exception {
        Path docx = ScannedFixtures.docx(dir.resolve("many.docx"), "附图。",
                List.of(figure("第一张图：销售额上升。"), figure("第二张图：成本下降。"), figure("第三张图：利润持平。")));

        ParsedDocument doc = parser(new OcrCache(null), cap(1)).parse(docx, "many.docx");

        assertThat(doc.text()).contains("销售额上升").doesNotContain("成本下降");
        assertThat(doc.metadata().get("imageWarnings"))
                .contains("2 image(s) beyond the limit of 1").contains("yunrag.images.max-per-document");
    }

    @Test
    void anImageThatCannotBeReadIsReportedAndTheDocumentStillIndexed() throws Exception {
        byte[] broken = "\u0089PNG\r\n\u001a\nnot really a picture".getBytes(StandardCharsets.ISO_8859_1);
        Path docx = ScannedFixtures.docxOfPng(dir.resolve("broken.docx"), "这份文件的正文还在。",
                List.of(broken, ScannedFixtures.encode(figure("第二张图可以读。"), "png")));

        ParsedDocument doc = parser(new OcrCache(null), ImageReading.Limits.defaults()).parse(docx, "broken.docx");

        assertThat(doc.text()).contains("这份文件的正文还在").contains("第二张图可以读");
        assertThat(doc.metadata().get("imageWarnings")).contains("could not be read");
    }
}

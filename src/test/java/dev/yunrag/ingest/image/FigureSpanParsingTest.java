package dev.yunrag.ingest.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yunrag.embed.BertTokenCounter;
import dev.yunrag.ingest.SentenceChunker;
import dev.yunrag.ingest.TikaDocumentParser;
import dev.yunrag.model.Chunk;
import dev.yunrag.model.FigureSpan;
import dev.yunrag.model.ParsedDocument;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Text read from an image is marked as such: a {@link FigureSpan} (origin {@code ocr}, the image's figure id) covers
 * it in the parsed document and in its chunks, and a thumbnail of the image is stored under that id.
 */
class FigureSpanParsingTest {

    private static TesseractOcr tesseract;

    @TempDir
    Path dir;

    @BeforeAll
    static void tesseract() {
        tesseract = TesseractOcr.detect("chi_sim+eng", Optional.empty(), Duration.ofSeconds(120));
        assertThat(tesseract.problem()).as("these tests need: apt-get install " + TesseractOcr.PACKAGES).isNull();
    }

    private TikaDocumentParser parser(Thumbnails thumbnails) {
        return new TikaDocumentParser(50_000_000, Duration.ofSeconds(60), 20_000_000,
                ImageReading.ocr(tesseract, new OcrCache(null), ImageReading.Limits.defaults())
                        .withThumbnails(thumbnails));
    }

    @Test
    void scannedPageTextIsAFigureOnItsPageWithAThumbnail() throws Exception {
        Thumbnails thumbnails = new Thumbnails(dir.resolve("thumbnails"));
        Path pdf = ScannedFixtures.mixedPdf(dir.resolve("mixed.pdf"), "Page one has a text layer about apples.",
                ImageOcrParsingTest.contractPage());

        ParsedDocument doc = parser(thumbnails).parse(pdf, "mixed.pdf");

        int clause = doc.text().indexOf(ImageOcrParsingTest.CLAUSE);
        assertThat(clause).isPositive();
        FigureSpan figure = FigureSpan.at(doc.figures(), clause);
        assertThat(figure).as("figures " + doc.figures()).isNotNull();
        assertThat(figure.origin()).isEqualTo("ocr");
        assertThat(figure.figure()).matches(FigureSpan.FIGURE_ID);
        assertThat(doc.pageAt(figure.start())).isEqualTo(2);
        // the text layer of page one is the document's own text
        assertThat(FigureSpan.at(doc.figures(), doc.text().indexOf("apples"))).isNull();
        // a thumbnail of the rendered page, no larger than the limit
        Path thumbnail = thumbnails.find(figure.figure()).orElseThrow();
        var image = ImageIO.read(thumbnail.toFile());
        assertThat(Math.max(image.getWidth(), image.getHeight())).isLessThanOrEqualTo(Thumbnails.MAX_SIDE);

        // and the chunk holding the clause says it was read from that figure
        List<Chunk> chunks = new SentenceChunker(new BertTokenCounter(), 128, 16).chunk("doc", doc);
        Chunk holding = chunks.stream().filter(c -> c.text().contains(ImageOcrParsingTest.CLAUSE)).findFirst()
                .orElseThrow();
        assertThat(holding.figureAt(clause)).isNotNull();
        assertThat(holding.figureAt(clause).figure()).isEqualTo(figure.figure());
        assertThat(holding.figureAt(clause).origin()).isEqualTo("ocr");
    }

    @Test
    void anImageInsideADocxIsAFigure() throws Exception {
        Thumbnails thumbnails = new Thumbnails(dir.resolve("thumbnails"));
        Path docx = ScannedFixtures.docx(dir.resolve("notice.docx"), "这是正文。",
                List.of(ScannedFixtures.page(ImageOcrParsingTest.NOTICE + "。")));

        ParsedDocument doc = parser(thumbnails).parse(docx, "notice.docx");

        FigureSpan figure = FigureSpan.at(doc.figures(), doc.text().indexOf(ImageOcrParsingTest.NOTICE));
        assertThat(figure).as("figures " + doc.figures()).isNotNull();
        assertThat(figure.origin()).isEqualTo("ocr");
        assertThat(thumbnails.find(figure.figure())).isPresent();
        assertThat(FigureSpan.at(doc.figures(), doc.text().indexOf("这是正文"))).isNull();
    }

    @Test
    void malformedFigureIdsFindNothing() {
        Thumbnails thumbnails = new Thumbnails(dir.resolve("thumbnails"));
        assertThat(thumbnails.find("../../etc/passwd")).isEmpty();
        assertThat(thumbnails.find("0123456789abcdef01234567")).isEmpty();
        assertThat(thumbnails.find(null)).isEmpty();
        assertThat(Files.exists(dir.resolve("thumbnails"))).isFalse();
    }
}

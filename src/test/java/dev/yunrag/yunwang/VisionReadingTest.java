package dev.yunrag.yunwang;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.yunrag.ingest.TikaDocumentParser;
import dev.yunrag.ingest.image.ImageReading;
import dev.yunrag.ingest.image.OcrCache;
import dev.yunrag.ingest.image.ScannedFixtures;
import dev.yunrag.ingest.image.TesseractOcr;
import dev.yunrag.ingest.image.VisionReader;
import dev.yunrag.model.ParsedDocument;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * Qwen2-VL-7B reads the images of documents through the 云网 stub: the request carries the model, the prompt and the
 * image as a base64 data URI; the reply is indexed where the image is; the model failing falls back to OCR, reported.
 */
class VisionReadingTest extends StubTest {

    private static final String DESCRIPTION = "图中文字：第三季度销售额。柱状图显示二〇二四年销售额逐季上升，第四季度最高。";

    private TikaDocumentParser parser(boolean alsoOcr) {
        YunwangChatModel chat = new YunwangChatModel(TestEndpoints.http(stub, "chat", AuthScheme.RAW),
                YunwangChatModelTest.CATALOGUE);
        TesseractOcr tesseract = TesseractOcr.detect("chi_sim+eng", Optional.empty(), Duration.ofSeconds(120));
        assertThat(tesseract.problem()).as("needs: apt-get install " + TesseractOcr.PACKAGES).isNull();
        return new TikaDocumentParser(50_000_000, Duration.ofSeconds(60), 20_000_000,
                ImageReading.vision(new VisionReader(chat, VisionReader.DEFAULT_MODEL), alsoOcr, tesseract,
                        new OcrCache(null), ImageReading.Limits.defaults()));
    }

    private Path deckWithChart(Path dir) throws Exception {
        BufferedImage chart = ScannedFixtures.page("第三季度销售额", "甲方应于三十日内支付货款。");
        return ScannedFixtures.docx(dir.resolve("report.docx"), "季度报告正文。", List.of(chart));
    }

    @Test
    void theVisionModelGetsTheImageAsADataUriAndItsReplyIsIndexed() throws Exception {
        stub.chatReply(DESCRIPTION);
        Path dir = Files.createTempDirectory("vision");

        ParsedDocument doc = parser(false).parse(deckWithChart(dir), "report.docx");

        JsonNode body = stub.last(YunwangStub.CHAT).json();
        assertThat(body.get("model").asText()).isEqualTo("Qwen2-VL-7B");
        JsonNode parts = body.at("/messages/0/content");
        assertThat(body.at("/messages/0/role").asText()).isEqualTo("user");
        assertThat(parts.get(0).get("type").asText()).isEqualTo("text");
        assertThat(parts.get(0).get("text").asText()).isEqualTo(VisionReader.PROMPT);
        assertThat(parts.get(1).get("type").asText()).isEqualTo("image_url");
        String url = parts.get(1).at("/image_url/url").asText();
        assertThat(url).startsWith("data:image/png;base64,");
        BufferedImage sent = ImageIO.read(new ByteArrayInputStream(
                Base64.getDecoder().decode(url.substring("data:image/png;base64,".length()))));
        assertThat(sent.getWidth()).isEqualTo(1240); // within the 1280 pixels the model is sent
        assertThat(doc.text()).contains("季度报告正文").contains("柱状图显示二〇二四年销售额逐季上升");
        assertThat(doc.text()).as("vision mode: no OCR while the model answers").doesNotContain("支付货款");
        assertThat(doc.metadata()).doesNotContainKey("imageWarnings");
    }

    @Test
    void bothModesIndexTheOcrTextAndTheDescription() throws Exception {
        stub.chatReply(DESCRIPTION);
        Path dir = Files.createTempDirectory("vision");

        ParsedDocument doc = parser(true).parse(deckWithChart(dir), "report.docx");

        assertThat(doc.text()).contains("甲方应于三十日内支付货款").contains("柱状图显示二〇二四年销售额逐季上升");
    }

    @Test
    void visionDownFallsBackToOcrWithAWarning() throws Exception {
        stub.failAlways(YunwangStub.CHAT, new YunwangStub.Fault.Status(503, null, "{\"error\":\"overloaded\"}"));
        Path dir = Files.createTempDirectory("vision");

        ParsedDocument doc = parser(false).parse(deckWithChart(dir), "report.docx");

        assertThat(doc.text()).contains("甲方应于三十日内支付货款").doesNotContain("柱状图");
        assertThat(doc.metadata().get("imageWarnings")).contains("the vision model failed")
                .contains("1 image(s) or page(s) read by OCR instead");
    }
}

package dev.yunrag.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yunrag.index.CollectionCatalog;
import dev.yunrag.ingest.IngestOptions;
import dev.yunrag.ingest.IngestProgress;
import dev.yunrag.ingest.IngestReport;
import dev.yunrag.ingest.IngestionPipeline;
import dev.yunrag.ingest.image.ScannedFixtures;
import dev.yunrag.testing.SampleCorpus;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Images in the web UI, in a real headless browser: a citation of text read from a scanned page shows the page's
 * thumbnail with "来自第 N 页的图片"; an image dropped into the question box is previewed, can be removed, and is
 * sent with the question (read by OCR here: no 云网 API in the test profile).
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImagesWebUiTest {

    static final String COLLECTION = "ui-images";

    @TestHTTPResource("/")
    URL base;

    @Inject
    IngestionPipeline pipeline;

    @Inject
    CollectionCatalog collections;

    HeadlessChromium browser;
    WebDriver driver;

    @BeforeAll
    void start() throws Exception {
        SampleCorpus.ingest(pipeline);
        Path pdf = Files.createTempFile("scan", ".pdf");
        ScannedFixtures.imageOnlyPdf(pdf, List.of(ScannedFixtures.page("第一章 总则", "本合同由甲乙双方共同签订。"),
                ScannedFixtures.page("第二章 付款", "逾期付款的违约金为每日三百元。")));
        IngestReport report = pipeline.ingest(List.of(pdf), new IngestOptions(COLLECTION, null, false, false),
                IngestProgress.NONE);
        assertThat(report.added()).isEqualTo(1);
        browser = new HeadlessChromium();
        driver = browser.driver();
        driver.get(base.toString());
        ((JavascriptExecutor) driver).executeScript("localStorage.clear(); localStorage.setItem('yunrag.lang', 'zh');");
    }

    @AfterAll
    void stop() throws IOException {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            collections.drop(COLLECTION);
        }
    }

    private WebDriverWait waiting(int seconds) {
        return (WebDriverWait) new WebDriverWait(driver, Duration.ofSeconds(seconds))
                .ignoring(StaleElementReferenceException.class);
    }

    private void openAsk(String collection) {
        driver.get(base.toString() + "#ask");
        driver.navigate().refresh();
        waiting(20).until(d -> "ask".equals(d.findElement(By.tagName("body")).getDomAttribute("data-page")));
        waiting(20).until(d -> new Select(d.findElement(By.id("ask-collection"))).getOptions().stream()
                .anyMatch(o -> collection.equals(o.getDomAttribute("value"))));
        new Select(driver.findElement(By.id("ask-collection"))).selectByValue(collection);
    }

    private WebElement ask(String question) {
        int before = driver.findElements(By.cssSelector(".message.assistant")).size();
        WebElement input = driver.findElement(By.id("ask-input"));
        input.clear();
        input.sendKeys(question);
        driver.findElement(By.id("ask-send")).click();
        waiting(120).until(d -> d.findElements(By.cssSelector(".message.assistant.done, .message.assistant.error"))
                .size() > before);
        List<WebElement> answers = driver.findElements(By.cssSelector(".message.assistant"));
        WebElement answer = answers.get(answers.size() - 1);
        assertThat(answer.getDomAttribute("class")).doesNotContain("error");
        return answer;
    }

    /** Drops a PNG of {@code line} onto the question box, as a user dragging a file from the desktop does. */
    private void dropImage(String line) throws IOException {
        String base64 = Base64.getEncoder().encodeToString(ScannedFixtures.encode(ScannedFixtures.page(line), "png"));
        ((JavascriptExecutor) driver).executeScript("""
                const bytes = Uint8Array.from(atob(arguments[0]), (c) => c.charCodeAt(0));
                const transfer = new DataTransfer();
                transfer.items.add(new File([bytes], 'question.png', { type: 'image/png' }));
                const input = document.getElementById('ask-input');
                input.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
                input.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
                """, base64);
    }

    @Test
    void aCitationOfAScannedPageShowsItsThumbnail() {
        openAsk(COLLECTION);

        WebElement answer = ask("逾期付款的违约金是多少？");

        assertThat(answer.findElement(By.className("answer-text")).getText()).contains("三百元");
        answer.findElement(By.cssSelector("a.cite")).click();
        WebElement panel = waiting(10).until(ExpectedConditions.visibilityOfElementLocated(By.id("passage-panel")));
        WebElement figure = panel.findElement(By.cssSelector("figure.passage-figure"));
        assertThat(figure.getDomAttribute("data-origin")).isEqualTo("ocr");
        assertThat(figure.findElement(By.tagName("figcaption")).getText()).matches("来自第 \\d 页的图片 · OCR 识别");
        // the thumbnail was fetched (with the key, were one set) and decoded
        waiting(10).until(d -> (Boolean) ((JavascriptExecutor) d).executeScript(
                "const img = document.querySelector('figure.passage-figure img');"
                        + " return img.src.startsWith('blob:') && img.complete && img.naturalWidth > 0;"));
    }

    @Test
    void aDroppedImageIsPreviewedRemovableAndSentWithTheQuestion() throws IOException {
        openAsk("default");

        dropImage("这张图片不要了");
        waiting(10).until(d -> d.findElements(By.cssSelector("#ask-images .question-image img")).size() == 1);
        driver.findElement(By.cssSelector("#ask-images .question-image-remove")).click();
        assertThat(driver.findElements(By.cssSelector("#ask-images .question-image"))).isEmpty();

        dropImage("一类城市住宿费每人每晚上限是多少元？");
        waiting(10).until(d -> d.findElements(By.cssSelector("#ask-images .question-image img")).size() == 1);
        WebElement answer = ask("图片里的问题怎么回答？");

        assertThat(answer.findElement(By.className("answer-text")).getText()).contains("600元");
        assertThat(answer.getText()).contains("OCR");
        assertThat(driver.findElements(By.cssSelector(".message.user")).getLast().getText()).contains("附 1 张图片");
        assertThat(driver.findElements(By.cssSelector("#ask-images .question-image"))).isEmpty();
    }
}

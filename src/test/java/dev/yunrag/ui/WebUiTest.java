package dev.yunrag.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yunrag.index.CollectionStore;
import dev.yunrag.ingest.IngestOptions;
import dev.yunrag.ingest.IngestProgress;
import dev.yunrag.ingest.IngestReport;
import dev.yunrag.ingest.IngestionPipeline;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web UI in a real headless browser against the real application (sample corpus ingested, embedded models):
 * ask with a streamed, cited answer and open a citation; upload a document and ask about it; the retrieval test's
 * rank columns; the status page. Screenshots go to {@code target/ui-screenshots}, or to the directory in
 * {@code -Dwebui.screenshots} ({@code docs/screenshots} refreshes the documentation's pictures).
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebUiTest {

    /** A collection of this test's own, so that uploads do not change what other tests see in "default". */
    static final String UPLOAD_COLLECTION = "ui-test";
    static final Path SCREENSHOTS = Path.of(System.getProperty("webui.screenshots", "target/ui-screenshots"));

    @TestHTTPResource("/")
    URL base;

    @Inject
    IngestionPipeline pipeline;

    @Inject
    CollectionStore collections;

    HeadlessChromium browser;
    WebDriver driver;

    @BeforeAll
    void start() throws IOException {
        IngestReport report = pipeline.ingest(List.of(Path.of("sample-corpus")),
                new IngestOptions("default", null, false, false), IngestProgress.NONE);
        assertThat(report.failed()).isEmpty();
        browser = new HeadlessChromium();
        driver = browser.driver();
        // Chinese interface, whatever the machine's locale: the screenshots show what the users see.
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
            // Other test classes share the test data directory: leave no extra collection behind.
            collections.drop(UPLOAD_COLLECTION);
        }
    }

    private WebDriverWait waiting(int seconds) {
        return new WebDriverWait(driver, Duration.ofSeconds(seconds));
    }

    private void open(String page) {
        driver.get(base.toString() + "#" + page);
        driver.navigate().refresh();
        waiting(20).until(d -> page.equals(d.findElement(By.tagName("body")).getDomAttribute("data-page")));
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

    @Test
    @Order(1)
    void askStreamsACitedAnswerAndOpensTheHighlightedPassage() throws IOException {
        open("ask");
        assertThat(driver.findElement(By.id("tab-ask")).getText()).isEqualTo("问答");
        waiting(20).until(d -> !new Select(d.findElement(By.id("ask-model"))).getOptions().isEmpty());

        WebElement answer = ask("女员工生育可以享受多少天产假？");

        assertThat(answer.findElement(By.className("answer-text")).getText()).contains("158");
        // The text arrived as delta events before the final answer replaced it with the checked one.
        assertThat(Integer.parseInt(answer.getDomAttribute("data-deltas"))).isPositive();
        assertThat(answer.findElement(By.className("answer-meta")).getText()).isNotBlank();

        WebElement citation = answer.findElement(By.cssSelector("a.cite"));
        String n = citation.getDomAttribute("data-n");
        citation.click();
        WebElement panel = waiting(10).until(ExpectedConditions.visibilityOfElementLocated(By.id("passage-panel")));
        assertThat(panel.getText()).contains("[" + n + "]");
        assertThat(panel.findElement(By.className("passage-source")).getText()).isNotBlank();
        WebElement passage = panel.findElement(By.id("passage-text"));
        assertThat(passage.getText()).isNotBlank();
        List<WebElement> marks = passage.findElements(By.tagName("mark"));
        assertThat(marks).as("the quoted sentence is highlighted").isNotEmpty();
        assertThat(marks.get(0).getText()).isNotBlank();
        List<WebElement> sameCitation = answer.findElements(By.cssSelector("a.cite[data-n='" + n + "']"));
        if (sameCitation.size() > 1 && sameCitation.size() == marks.size()) {
            // Each [n] of the answer marks its own sentence strongly and the other quoted sentences lightly.
            String first = passage.findElement(By.cssSelector("mark.primary")).getText();
            sameCitation.get(sameCitation.size() - 1).click();
            WebElement again = driver.findElement(By.id("passage-text"));
            assertThat(again.findElements(By.cssSelector("mark.primary"))).hasSize(1);
            assertThat(again.findElement(By.cssSelector("mark.primary")).getText()).isNotEqualTo(first);
        }

        answer.findElement(By.cssSelector("details.timings > summary")).click();
        assertThat(answer.findElement(By.className("timings-table")).getText()).contains("total");
        browser.screenshot(SCREENSHOTS, "ask");

        // A follow-up keeps the conversation.
        WebElement followUp = ask("那男员工呢？");
        assertThat(followUp.findElement(By.className("answer-text")).getText()).isNotBlank();
        assertThat(driver.findElements(By.cssSelector(".message.user"))).hasSize(2);
    }

    @Test
    @Order(2)
    void uploadedDocumentBecomesAnswerable() throws IOException {
        Path dir = Files.createTempDirectory("yunrag-ui-upload");
        Path file = dir.resolve("mars-branch-facts.md");
        Files.writeString(file, """
                # 火星分部简介

                云网公司火星分部位于奥林帕斯山脚下，成立于2031年。
                火星分部的门禁密码是 7391-ZQ，每季度更换一次。
                分部的值班主管是陈星河。
                """, StandardCharsets.UTF_8);
        // Escaping: a document's text must never run as HTML.
        Path hostile = dir.resolve("hostile.md");
        Files.writeString(hostile, "# <img src=x onerror=\"window.__pwned=1\">标题\n\n<script>window.__pwned=1</script>正文内容。\n");

        open("documents");
        driver.findElement(By.id("docs-new-collection")).sendKeys(UPLOAD_COLLECTION);
        driver.findElement(By.id("docs-file")).sendKeys(file.toAbsolutePath() + "\n" + hostile.toAbsolutePath());
        WebElement table = waiting(120).until(d -> {
            List<WebElement> rows = d.findElements(By.cssSelector("#documents-table tbody tr"));
            return rows.size() >= 2 && d.findElement(By.id("documents-table")).getText().contains("mars-branch-facts")
                    ? d.findElement(By.id("documents-table")) : null;
        });
        assertThat(new Select(driver.findElement(By.id("docs-collection"))).getFirstSelectedOption().getText())
                .isEqualTo(UPLOAD_COLLECTION);
        assertThat(driver.findElement(By.id("upload-report")).getText()).contains("失败 0");
        assertThat(table.findElements(By.tagName("img"))).isEmpty();

        WebElement row = table.findElements(By.cssSelector("tbody tr")).stream()
                .filter(r -> r.getText().contains("mars-branch-facts")).findFirst().orElseThrow();
        row.findElement(By.className("chunks-button")).click();
        waiting(10).until(d -> d.findElement(By.id("chunk-browser")).getText().contains("7391-ZQ"));
        browser.screenshot(SCREENSHOTS, "documents");

        open("ask");
        new Select(driver.findElement(By.id("ask-collection"))).selectByValue(UPLOAD_COLLECTION);
        WebElement answer = ask("火星分部的门禁密码是多少？");
        assertThat(answer.findElement(By.className("answer-text")).getText()).contains("7391");
        assertThat(((JavascriptExecutor) driver).executeScript("return window.__pwned === undefined")).isEqualTo(true);

        // Delete both documents again through the UI (a confirm dialog first).
        open("documents");
        new Select(driver.findElement(By.id("docs-collection"))).selectByValue(UPLOAD_COLLECTION);
        for (int i = 0; i < 2; i++) {
            WebElement delete = waiting(20).until(ExpectedConditions.elementToBeClickable(
                    By.cssSelector("#documents-table tbody tr button.danger")));
            delete.click();
            Alert confirm = waiting(5).until(ExpectedConditions.alertIsPresent());
            confirm.accept();
            int remaining = 1 - i;
            waiting(20).until(d -> d.findElements(By.cssSelector("#documents-table tbody tr")).size() == remaining);
        }
    }

    @Test
    @Order(3)
    void retrievalTestShowsEveryStagesRankAndScore() throws IOException {
        open("search");
        waiting(10).until(d -> !new Select(d.findElement(By.id("search-collection"))).getOptions().isEmpty());
        new Select(driver.findElement(By.id("search-collection"))).selectByValue("default");
        driver.findElement(By.id("search-input")).sendKeys("产假有多少天");
        driver.findElement(By.id("search-run")).click();
        WebElement table = waiting(60).until(ExpectedConditions.visibilityOfElementLocated(By.id("rank-table")));
        List<String> headers = table.findElements(By.cssSelector("thead th")).stream().map(WebElement::getText).toList();
        assertThat(headers).containsSubsequence("BM25", "向量", "融合", "重排");
        List<WebElement> rows = table.findElements(By.cssSelector("tbody tr"));
        assertThat(rows).hasSizeGreaterThanOrEqualTo(3);
        assertThat(rows.get(0).findElement(By.cssSelector("td.stage-rerank .rank")).getText()).isEqualTo("#1");
        assertThat(rows.get(0).findElement(By.cssSelector("td.stage-fused .rank")).getText()).startsWith("#");
        browser.screenshot(SCREENSHOTS, "search");

        // A source-prefix filter keeps only that document's passages.
        driver.findElement(By.cssSelector("#search-filters summary")).click();
        driver.findElement(By.id("search-filter-source-prefix")).sendKeys("sample-corpus/employee-handbook");
        WebElement firstRow = rows.get(0);
        driver.findElement(By.id("search-run")).click();
        waiting(60).until(ExpectedConditions.stalenessOf(firstRow));
        List<WebElement> filtered = waiting(60).until(ExpectedConditions.visibilityOfElementLocated(By.id("rank-table")))
                .findElements(By.cssSelector("tbody tr"));
        assertThat(filtered).isNotEmpty().allSatisfy(row ->
                assertThat(row.findElement(By.cssSelector(".passage-cell .muted")).getText())
                        .startsWith("sample-corpus/employee-handbook.pdf"));
    }

    @Test
    @Order(4)
    void statusShowsModelsAndIndexes() throws IOException {
        open("status");
        WebElement models = waiting(30).until(ExpectedConditions.visibilityOfElementLocated(By.id("models-table")));
        assertThat(models.getText()).contains("bge-small-zh-v15", "512", "extractive");
        assertThat(driver.findElement(By.id("collections-table")).getText()).contains("default");
        assertThat(driver.findElement(By.id("status-mode")).getText()).isEqualTo("内置模型");
        browser.screenshot(SCREENSHOTS, "status");

        // The language switch is kept across reloads.
        driver.findElement(By.id("lang-switch")).click();
        waiting(10).until(d -> d.findElement(By.id("tab-status")).getText().equals("Status"));
        driver.navigate().refresh();
        waiting(10).until(d -> d.findElement(By.id("tab-status")).getText().equals("Status"));
        assertThat(driver.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("en");
        browser.screenshot(SCREENSHOTS, "status-en");
    }
}

package dev.yunrag.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yunrag.index.CollectionCatalog;
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
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
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
    static final String MANY_COLLECTION = "ui-test-many";
    static final String FAILED_COLLECTION = "ui-test-failed";
    /** The start of an ELF executable: a file the service refuses with a reason. */
    static final byte[] EXECUTABLE = {0x7F, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0x3E, 0, 1, 0, 0,
        0};
    static final Path SCREENSHOTS = Path.of(System.getProperty("webui.screenshots", "target/ui-screenshots"));

    @TestHTTPResource("/")
    URL base;

    @Inject
    IngestionPipeline pipeline;

    @Inject
    CollectionCatalog collections;

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
            collections.drop(MANY_COLLECTION);
            collections.drop(FAILED_COLLECTION);
        }
    }

    private WebDriverWait waiting(int seconds) {
        return (WebDriverWait) new WebDriverWait(driver, Duration.ofSeconds(seconds))
                .ignoring(StaleElementReferenceException.class);
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

        // The panel names file, page and section, never raw character offsets ("位置 392–823").
        assertThat(panel.getText()).doesNotContain("位置").doesNotContainPattern("\\d+–\\d+\\s*$");

        answer.findElement(By.cssSelector("details.timings > summary")).click();
        assertThat(answer.findElement(By.className("timings-table")).getText()).contains("total");
        browser.screenshot(SCREENSHOTS, "ask");

        // A follow-up keeps the conversation, and the panel no longer shows the first answer's [n].
        WebElement followUp = ask("那男员工呢？");
        assertThat(followUp.findElement(By.className("answer-text")).getText()).isNotBlank();
        assertThat(driver.findElements(By.cssSelector(".message.user"))).hasSize(2);
        assertThat(driver.findElement(By.id("passage-panel")).isDisplayed()).isFalse();
    }

    @Test
    @Order(2)
    void citationChipsShowFileAndPageOnHover() {
        WebElement chip = driver.findElements(By.cssSelector(".message.assistant.done a.cite")).get(0);
        String tip = chip.getDomAttribute("data-tip");
        assertThat(tip).contains(".pdf").containsPattern("第 \\d+(–\\d+)? 页");
        assertThat(chip.getDomAttribute("aria-label")).contains(tip);
        JavascriptExecutor js = (JavascriptExecutor) driver;
        String opacity = "return getComputedStyle(arguments[0], '::after').opacity";
        assertThat(js.executeScript(opacity, chip)).isEqualTo("0");
        new Actions(driver).moveToElement(chip).perform();
        waiting(5).until(d -> "1".equals(js.executeScript(opacity, chip)));
        assertThat((String) js.executeScript("return getComputedStyle(arguments[0], '::after').content", chip))
                .contains(tip);
    }

    @Test
    @Order(3)
    void anAnswerCopiesAndExportsAsMarkdownWithItsCitations() {
        JavascriptExecutor js = (JavascriptExecutor) driver;
        // Capture what the page hands to the clipboard and to the download, instead of the OS clipboard and disk.
        js.executeScript("""
                window.__copied = null; window.__exported = null; window.__downloadName = null;
                navigator.clipboard.writeText = (text) => { window.__copied = text; return Promise.resolve(); };
                const create = URL.createObjectURL;
                URL.createObjectURL = (blob) => { blob.text().then((t) => { window.__exported = t; }); return create(blob); };
                document.addEventListener('click', (e) => {
                  if (e.target.download) { window.__downloadName = e.target.download; e.preventDefault(); }
                }, true);
                """);
        WebElement first = driver.findElements(By.cssSelector(".message.assistant.done")).get(0);
        first.findElement(By.className("copy-md")).click();
        waiting(5).until(d -> js.executeScript("return window.__copied") != null);
        String markdown = (String) js.executeScript("return window.__copied");
        assertThat(markdown).startsWith("## 女员工生育可以享受多少天产假？").contains("158", "**引用**", "[1] ",
                "employee-handbook.pdf", "    > ");
        waiting(5).until(d -> first.findElement(By.className("copy-md")).getText().equals("已复制"));

        first.findElement(By.className("export-md")).click();
        waiting(5).until(d -> js.executeScript("return window.__exported") != null);
        assertThat(js.executeScript("return window.__exported")).isEqualTo(markdown);
        assertThat((String) js.executeScript("return window.__downloadName")).endsWith(".md").startsWith("女员工生育");
    }

    @Test
    @Order(4)
    void conversationsAreKeptInTheBrowserAndRedrawnInTheChosenLanguage() {
        // the conversation of the first test is in the list, also after a reload
        open("ask");
        List<WebElement> items = waiting(10).until(d -> {
            List<WebElement> found = d.findElements(By.cssSelector("#conv-list .conv-item"));
            return found.isEmpty() ? null : found;
        });
        assertThat(items).hasSize(1);
        assertThat(items.get(0).getText()).contains("女员工生育");
        assertThat(driver.findElements(By.cssSelector(".message"))).isEmpty();
        items.get(0).findElement(By.className("conv-open")).click();
        assertThat(driver.findElements(By.cssSelector(".message.user"))).hasSize(2);
        assertThat(driver.findElements(By.cssSelector(".message.assistant.done"))).hasSize(2);

        // the panel closes when the collection changes: the next answer cites other passages
        driver.findElement(By.cssSelector(".message.assistant a.cite")).click();
        assertThat(driver.findElement(By.id("passage-panel")).isDisplayed()).isTrue();
        new Select(driver.findElement(By.id("ask-collection"))).selectByIndex(0);
        ((JavascriptExecutor) driver).executeScript(
                "document.getElementById('ask-collection').dispatchEvent(new Event('change'))");
        assertThat(driver.findElement(By.id("passage-panel")).isDisplayed()).isFalse();

        // English: the old messages and the open panel are drawn again in English
        driver.findElement(By.cssSelector(".message.assistant a.cite")).click();
        driver.findElement(By.id("lang-switch")).click();
        waiting(10).until(d -> d.findElement(By.id("tab-ask")).getText().equals("Ask"));
        // the interface's own words only (the questions and quoted passages stay Chinese, as written)
        String chrome = driver.findElements(By.cssSelector(".message .who, .answer-meta, .answer-actions,"
                + " .message summary, #passage-panel .panel-head, #passage-panel dt, #passage-panel .hint"))
                .stream().map(e -> e.getDomProperty("textContent")).reduce("", String::concat);
        assertThat(chrome).contains("Answer", "Citation [", "extractive", "Copy Markdown")
                .doesNotContain("你", "回答", "引用", "关闭", "抽取式", "复制");
        assertThat(driver.findElement(By.id("passage-close")).getDomAttribute("title")).isEqualTo("Close");
        assertThat(driver.findElements(By.cssSelector(".message.user"))).hasSize(2);
        driver.findElement(By.id("lang-switch")).click();
        waiting(10).until(d -> d.findElement(By.id("tab-ask")).getText().equals("问答"));

        // a new conversation empties the chat but keeps the saved one in the list
        driver.findElement(By.id("ask-new")).click();
        assertThat(driver.findElements(By.cssSelector(".message"))).isEmpty();
        assertThat(driver.findElements(By.cssSelector("#conv-list .conv-item"))).hasSize(1);

        // damaged storage is skipped, not fatal
        ((JavascriptExecutor) driver).executeScript("localStorage.setItem('yunrag.conversations', '{broken');");
        open("ask");
        waiting(10).until(d -> d.findElement(By.id("conv-list")).getText().equals("还没有保存的对话。"));
        assertThat(driver.findElement(By.id("ask-send")).isEnabled()).isTrue();
    }

    @Test
    @Order(5)
    void uploadShowsEachFilesProgressAndTheDocumentBecomesAnswerable() throws IOException {
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
        Path broken = dir.resolve("setup.bin");
        Files.write(broken, EXECUTABLE);

        open("documents");
        driver.findElement(By.id("docs-new-collection")).sendKeys(UPLOAD_COLLECTION);
        driver.findElement(By.id("docs-file")).sendKeys(file.toAbsolutePath() + "\n" + hostile.toAbsolutePath()
                + "\n" + broken.toAbsolutePath());
        // the ingestion view: one row per file, each with its own outcome
        WebElement view = waiting(120).until(d -> "done".equals(d.findElement(By.id("ingest-view"))
                .getDomAttribute("data-state")) ? d.findElement(By.id("ingest-view")) : null);
        assertThat(view.getText()).contains(UPLOAD_COLLECTION);
        List<WebElement> files = view.findElements(By.className("ingest-file"));
        assertThat(files).extracting(f -> f.getDomAttribute("data-name"))
                .containsExactly("mars-branch-facts.md", "hostile.md", "setup.bin");
        assertThat(files.get(0).getDomAttribute("class")).contains("added");
        assertThat(files.get(0).getText()).contains("已新增", "个片段");
        assertThat(files.get(2).getDomAttribute("class")).contains("failed");
        assertThat(files.get(2).findElement(By.className("ingest-status")).getText()).isNotBlank();
        assertThat(view.findElement(By.className("ingest-title")).getText()).contains("新增 2", "失败 1");

        WebElement table = waiting(60).until(d -> {
            List<WebElement> rows = d.findElements(By.cssSelector("#documents-table tbody tr"));
            return rows.size() == 2 && d.findElement(By.id("documents-table")).getText().contains("mars-branch-facts")
                    ? d.findElement(By.id("documents-table")) : null;
        });
        assertThat(new Select(driver.findElement(By.id("docs-collection"))).getFirstSelectedOption().getText())
                .isEqualTo(UPLOAD_COLLECTION);
        assertThat(table.findElements(By.tagName("img"))).isEmpty();
        // Markdown has no pages: the column says so instead of "0"
        assertThat(table.findElements(By.cssSelector("td.pages"))).extracting(WebElement::getText)
                .containsOnly("—");

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
    }

    @Test
    @Order(6)
    void reingestReplacesItsOwnDocumentWhateverTheChosenFileIsCalled() throws IOException {
        Path copy = Files.createTempDirectory("yunrag-ui-reingest").resolve("mars-v2.md");
        Files.writeString(copy, "# 火星分部简介\n\n火星分部的门禁密码已改为 5150-XK。\n", StandardCharsets.UTF_8);
        open("documents");
        new Select(driver.findElement(By.id("docs-collection"))).selectByValue(UPLOAD_COLLECTION);
        WebElement row = waiting(20).until(d -> d.findElements(By.cssSelector("#documents-table tbody tr")).stream()
                .filter(r -> r.getText().contains("mars-branch-facts")).findFirst().orElse(null));
        String id = row.getDomAttribute("data-document-id");
        row.findElement(By.className("reingest-button")).click();
        driver.findElement(By.id("reingest-file")).sendKeys(copy.toAbsolutePath().toString());
        WebElement view = waiting(120).until(d -> "done".equals(d.findElement(By.id("ingest-view"))
                .getDomAttribute("data-state")) && d.findElement(By.id("ingest-view")).getText().contains("mars-v2")
                ? d.findElement(By.id("ingest-view")) : null);
        assertThat(view.findElement(By.className("ingest-file")).getDomAttribute("class")).contains("updated");
        waiting(20).until(d -> d.findElements(By.cssSelector("#documents-table tbody tr")).size() == 2);
        WebElement same = driver.findElement(By.cssSelector("#documents-table tr[data-document-id='" + id + "']"));
        same.findElement(By.className("chunks-button")).click();
        waiting(10).until(d -> d.findElement(By.id("chunk-browser")).getText().contains("5150-XK"));

        // Delete both documents again through the UI (a confirm dialog first).
        for (int i = 0; i < 2; i++) {
            WebElement delete = waiting(20).until(ExpectedConditions.elementToBeClickable(
                    By.cssSelector("#documents-table tbody tr button.danger")));
            delete.click();
            Alert confirm = waiting(5).until(ExpectedConditions.alertIsPresent());
            confirm.accept();
            int remaining = 1 - i;
            waiting(20).until(d -> d.findElements(By.cssSelector("#documents-table tbody tr")).size() == remaining);
        }

        // A failed upload into a newly typed collection reports that upload, not the selected collection's last one.
        Path broken = copy.resolveSibling("setup.bin");
        Files.write(broken, EXECUTABLE);
        driver.findElement(By.id("docs-new-collection")).sendKeys(FAILED_COLLECTION);
        driver.findElement(By.id("docs-file")).sendKeys(broken.toAbsolutePath().toString());
        WebElement failed = waiting(60).until(d -> "done".equals(d.findElement(By.id("ingest-view"))
                .getDomAttribute("data-state")) && d.findElement(By.id("ingest-view")).getText().contains(FAILED_COLLECTION)
                ? d.findElement(By.id("ingest-view")) : null);
        assertThat(failed.findElements(By.className("ingest-file"))).singleElement()
                .satisfies(f -> assertThat(f.getDomAttribute("class")).contains("failed"));
        assertThat(failed.findElement(By.className("ingest-title")).getText()).contains("新增 0", "失败 1");
        assertThat(driver.findElement(By.id("upload-report")).getText()).isEmpty();
    }

    @Test
    @Order(7)
    void documentListSearchesSortsAndPagesOnTheServer() throws IOException {
        Path dir = Files.createTempDirectory("yunrag-ui-many");
        for (int i = 1; i <= 60; i++) {
            Files.writeString(dir.resolve(String.format("note-%02d.md", i)),
                    String.format("# 备忘 %02d\n\n第 %d 号备忘录的内容。\n", i, i), StandardCharsets.UTF_8);
        }
        IngestReport report = pipeline.ingest(List.of(dir), new IngestOptions(MANY_COLLECTION, null, false, false),
                IngestProgress.NONE);
        assertThat(report.added()).isEqualTo(60);
        // a damaged saved report must not break the page
        ((JavascriptExecutor) driver).executeScript("localStorage.setItem(arguments[0], '{broken');",
                "yunrag.lastUpload." + MANY_COLLECTION);

        open("documents");
        new Select(driver.findElement(By.id("docs-collection"))).selectByValue(MANY_COLLECTION);
        waiting(20).until(d -> d.findElement(By.id("docs-range")).getText().equals("第 1–25 个，共 60 个"));
        assertThat(rows()).hasSize(25);

        driver.findElement(By.id("docs-next")).click();
        waiting(20).until(d -> d.findElement(By.id("docs-range")).getText().equals("第 26–50 个，共 60 个"));
        driver.findElement(By.id("docs-next")).click();
        waiting(20).until(d -> d.findElement(By.id("docs-range")).getText().equals("第 51–60 个，共 60 个"));
        assertThat(rows()).hasSize(10);
        assertThat(driver.findElement(By.id("docs-next")).isEnabled()).isFalse();

        // sort by title: ascending, then descending
        driver.findElement(By.cssSelector("button.sort-button[data-sort='title']")).click();
        waiting(20).until(d -> firstTitle().equals("备忘 01"));
        assertThat(driver.findElement(By.id("docs-range")).getText()).startsWith("第 1–25");
        driver.findElement(By.cssSelector("button.sort-button[data-sort='title']")).click();
        waiting(20).until(d -> firstTitle().equals("备忘 60"));

        // search on title or file name
        driver.findElement(By.id("docs-search")).sendKeys("note-4");
        waiting(20).until(d -> d.findElement(By.id("docs-range")).getText().equals("第 1–10 个，共 10 个"));
        assertThat(rows()).allSatisfy(r -> assertThat(r.getText()).contains("note-4"));
        browser.screenshot(SCREENSHOTS, "documents-list");
        driver.findElement(By.id("docs-search")).clear();
        driver.findElement(By.id("docs-search")).sendKeys("nothing-like-this");
        waiting(20).until(d -> d.findElement(By.id("docs-table")).getText().contains("nothing-like-this"));
        assertThat(driver.findElements(By.id("documents-table"))).isEmpty();
    }

    private List<WebElement> rows() {
        return driver.findElements(By.cssSelector("#documents-table tbody tr"));
    }

    private String firstTitle() {
        List<WebElement> rows = rows();
        return rows.isEmpty() ? "" : rows.get(0).findElement(By.className("doc-title")).getText();
    }

    @Test
    @Order(8)
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
    @Order(9)
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

    @Test
    @Order(10)
    void phoneWidthHasNoHorizontalOverflow() throws IOException {
        ((JavascriptExecutor) driver).executeScript("localStorage.setItem('yunrag.lang', 'zh');");
        browser.emulateWidth(420, 860);
        try {
            for (String page : List.of("ask", "documents", "search", "status")) {
                open(page);
                waiting(10).until(d -> !d.findElements(By.cssSelector("#page-" + page + " select, #status-body table")).isEmpty());
                JavascriptExecutor js = (JavascriptExecutor) driver;
                assertThat(((Number) js.executeScript("return document.documentElement.scrollWidth")).intValue())
                        .as("page %s is as wide as the screen", page).isLessThanOrEqualTo(420);
                for (WebElement tab : driver.findElements(By.cssSelector("nav.tabs a"))) {
                    assertThat(right(tab)).as("tab %s inside the screen", tab.getText()).isLessThanOrEqualTo(420);
                }
            }
            open("ask");
            WebElement send = driver.findElement(By.id("ask-send"));
            assertThat(right(send)).isLessThanOrEqualTo(420);
            assertThat(send.isDisplayed()).isTrue();
            // the conversation list folds behind a button on a phone, and opens from it
            assertThat(driver.findElement(By.id("conv-sidebar")).isDisplayed()).isFalse();
            ask("女员工生育可以享受多少天产假？");
            assertThat(((Number) ((JavascriptExecutor) driver).executeScript(
                    "return document.documentElement.scrollWidth")).intValue()).isLessThanOrEqualTo(420);
            browser.screenshot(SCREENSHOTS, "phone-ask");
            driver.findElement(By.id("conv-toggle")).click();
            assertThat(driver.findElement(By.id("conv-sidebar")).isDisplayed()).isTrue();
        } finally {
            browser.emulateWidth(0, 0);
        }
    }

    private long right(WebElement element) {
        return Math.round(((Number) ((JavascriptExecutor) driver).executeScript(
                "return arguments[0].getBoundingClientRect().right", element)).doubleValue());
    }
}

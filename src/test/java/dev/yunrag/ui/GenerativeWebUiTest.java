package dev.yunrag.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yunrag.ingest.IngestOptions;
import dev.yunrag.ingest.IngestProgress;
import dev.yunrag.ingest.IngestionPipeline;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The Ask page with a 云网 reasoning model (a loopback stub that streams slowly): the answer grows token by token in
 * the browser, the reasoning panel fills, the mode shows 云网, and the timings include the API's prefill and decode.
 */
@QuarkusTest
@WithTestResource(ChatStub.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GenerativeWebUiTest {

    @TestHTTPResource("/")
    URL base;

    @Inject
    IngestionPipeline pipeline;

    HeadlessChromium browser;
    WebDriver driver;

    @BeforeAll
    void start() throws IOException {
        pipeline.ingest(List.of(Path.of("sample-corpus")), new IngestOptions("default", null, false, false),
                IngestProgress.NONE);
        browser = new HeadlessChromium();
        driver = browser.driver();
        driver.get(base.toString());
        ((JavascriptExecutor) driver).executeScript("localStorage.clear(); localStorage.setItem('yunrag.lang', 'zh');");
    }

    @AfterAll
    void stop() throws IOException {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void reasoningModelAnswerStreamsTokenByToken() throws IOException {
        driver.get(base.toString() + "#ask");
        driver.navigate().refresh();
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(60));
        wait.until(d -> new Select(d.findElement(By.id("ask-model"))).getOptions().stream()
                .anyMatch(o -> o.getText().equals("DeepSeek-R1-32B")));
        new Select(driver.findElement(By.id("ask-model"))).selectByVisibleText("DeepSeek-R1-32B");
        wait.until(d -> d.findElement(By.id("mode-badge")).getText().equals("云网模型"));

        // Counts every time the answer's text is emptied and drawn again while it streams: it must only grow.
        ((JavascriptExecutor) driver).executeScript("""
                window.__redraws = 0;
                new MutationObserver((records) => records.forEach((r) => {
                  if (r.target.classList?.contains('answer-text') && r.removedNodes.length
                      && !r.target.closest('.message').classList.contains('done')) { window.__redraws++; }
                })).observe(document.getElementById('conversation'), { childList: true, subtree: true });
                """);
        driver.findElement(By.id("ask-input")).sendKeys("女员工生育可以享受多少天产假？");
        driver.findElement(By.id("ask-send")).click();

        // Part of the answer is on the page while the rest is still coming.
        WebElement answer = wait.until(d -> d.findElements(By.cssSelector(".message.assistant")).stream()
                .filter(m -> !m.findElement(By.className("answer-text")).getText().isEmpty()).findFirst()
                .orElse(null));
        String partial = answer.findElement(By.className("answer-text")).getText();
        assertThat(answer.getDomAttribute("class")).doesNotContain("done");
        assertThat(partial).isNotEqualTo(String.join("", ChatStub.ANSWER));

        wait.until(d -> answer.getDomAttribute("class").contains("done"));
        // [1] is drawn as a chip that shows just the number
        assertThat(answer.findElement(By.className("answer-text")).getText())
                .isEqualTo("根据员工手册，女员工生育可享受产假158天1。");
        assertThat(answer.findElement(By.cssSelector(".answer-text a.cite")).getText()).isEqualTo("1");
        assertThat(Integer.parseInt(answer.getDomAttribute("data-deltas"))).isGreaterThanOrEqualTo(ChatStub.ANSWER.size() - 1);
        assertThat(((JavascriptExecutor) driver).executeScript("return window.__redraws")).isEqualTo(0L);
        assertThat(answer.findElement(By.className("answer-meta")).getText()).contains("生成式", "DeepSeek-R1-32B");

        WebElement reasoning = answer.findElement(By.cssSelector("details.reasoning"));
        assertThat(reasoning.isDisplayed()).isTrue();
        reasoning.findElement(By.tagName("summary")).click();
        assertThat(reasoning.findElement(By.className("reasoning-text")).getText()).contains("产假158天");

        answer.findElement(By.cssSelector("details.timings > summary")).click();
        // prefill_time 0.125 from the stub, passed on unrounded in the API's own unit.
        assertThat(answer.findElement(By.className("timings-table")).getText()).contains("total");
        assertThat(answer.findElement(By.className("timings-table")).getText()).contains("apiPrefill", "0.125");

        answer.findElement(By.cssSelector("a.cite[data-n='1']")).click();
        WebElement panel = wait.until(d -> d.findElement(By.id("passage-panel")).isDisplayed()
                ? d.findElement(By.id("passage-panel")) : null);
        assertThat(panel.findElement(By.id("passage-text")).getText()).contains("158");
        browser.screenshot(WebUiTest.SCREENSHOTS, "ask-reasoning");
    }
}

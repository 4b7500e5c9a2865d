package dev.yunrag.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URL;
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
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The answer fields of the shared field contract (docs: ../shared contract; {@code answered}, {@code related},
 * {@code warningCodes}, {@code truncated}, {@code apiTimings}, a citation's own {@code page} and {@code headingPath})
 * as the Ask page draws them. The server branches that send them are built in parallel, so the stream is answered
 * inside the page: {@code fetch('/api/ask/stream')} returns the SSE events written here, in the server's event format.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnswerFieldsWebUiTest {

    private static final String SOURCE = """
            {"n":1,"chunkId":"c1","documentId":"d1","source":"handbook/leave-policy.pdf","title":"休假制度",
             "page":3,"pageEnd":4,"headingPath":["第三章 休假","产假"],"start":100,"end":160,
             "text":"女职工生育享受产假158天。其中产前可以休假15天。难产的，增加产假15天。"}""".replace("\n", "");
    private static final String RELATED = """
            {"n":2,"chunkId":"c2","documentId":"d2","source":"handbook/travel.md","title":"差旅报销",
             "page":null,"pageEnd":null,"headingPath":["报销"],"start":0,"end":20,"text":"出差住宿标准按城市分级。"}""".replace("\n", "");

    @TestHTTPResource("/")
    URL base;

    HeadlessChromium browser;
    WebDriver driver;

    @BeforeAll
    void start() throws IOException {
        browser = new HeadlessChromium();
        driver = browser.driver();
        driver.get(base.toString());
        js("localStorage.clear(); localStorage.setItem('yunrag.lang', 'zh');");
    }

    @AfterAll
    void stop() throws IOException {
        if (browser != null) {
            browser.close();
        }
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Opens the Ask page with the stream answered by these events, asks, and returns the finished answer. */
    private WebElement askWithStream(String sourcesJson, String delta, String doneJson) {
        driver.get(base.toString() + "#ask");
        driver.navigate().refresh();
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        wait.until(d -> "ask".equals(d.findElement(By.tagName("body")).getDomAttribute("data-page")));
        js("""
                const events = arguments[0];
                const original = window.fetch;
                window.fetch = (url, options) => {
                  if (!String(url).includes('/api/ask/stream')) { return original(url, options); }
                  const body = events.map(([name, data]) => `event: ${name}\\ndata: ${data}\\n\\n`).join('');
                  return Promise.resolve(new Response(body, { status: 200, headers: { 'Content-Type': 'text/event-stream' } }));
                };
                """, List.of(List.of("sources", sourcesJson), List.of("delta", "{\"text\":" + quote(delta) + "}"),
                List.of("done", doneJson)));
        driver.findElement(By.id("ask-input")).sendKeys("产假有多少天？");
        driver.findElement(By.id("ask-send")).click();
        return wait.until(d -> d.findElements(By.cssSelector(".message.assistant.done")).stream().findFirst()
                .orElse(null));
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Test
    void notAnsweredShowsNotFoundWithRelatedPassagesThatAreNotCitations() throws IOException {
        String text = "文档中没有找到这个问题的答案。";
        WebElement answer = askWithStream("{\"model\":\"extractive\",\"sources\":[" + SOURCE + "," + RELATED + "]}",
                text, "{\"answer\":" + quote(text) + ",\"mode\":\"extractive\",\"model\":\"extractive\","
                        + "\"answered\":false,\"related\":[" + SOURCE + "," + RELATED + "],\"citations\":[],"
                        + "\"highlights\":[],\"sources\":[" + SOURCE + "," + RELATED + "],\"warnings\":[],"
                        + "\"warningCodes\":[\"no_answer\"],\"timings\":{\"total\":12}}");

        assertThat(answer.getDomAttribute("class")).contains("not-answered");
        assertThat(answer.findElement(By.className("answer-meta")).getText()).contains("文档中未找到");
        WebElement box = answer.findElement(By.className("not-found-box"));
        assertThat(box.getText()).contains("文档中没有找到这个问题的答案", "相关段落（非引用）", "休假制度", "差旅报销");
        assertThat(answer.findElements(By.cssSelector(".answer-text a.cite"))).isEmpty();
        assertThat(answer.findElement(By.className("warnings")).getText()).contains("文档中没有找到答案");

        box.findElements(By.className("related-link")).get(0).click();
        WebElement panel = driver.findElement(By.id("passage-panel"));
        assertThat(panel.isDisplayed()).isTrue();
        assertThat(panel.findElement(By.tagName("h3")).getText()).isEqualTo("相关段落");
        assertThat(panel.getText()).doesNotContain("引用 [").contains("回答没有引用它");
        browser.screenshot(WebUiTest.SCREENSHOTS, "ask-not-found");
    }

    @Test
    void warningCodesApiTimingsAndTheCitedSentencesPageAreShown() {
        String text = "女职工生育享受产假158天[1]。";
        String citation = SOURCE.replace("\"page\":3,", "\"page\":4,");
        WebElement answer = askWithStream("{\"model\":\"DeepSeek-R1-32B\",\"sources\":[" + SOURCE + "]}", text,
                "{\"answer\":" + quote(text) + ",\"mode\":\"generative\",\"model\":\"DeepSeek-R1-32B\","
                        + "\"answered\":true,\"truncated\":true,\"citations\":[" + citation + "],"
                        + "\"highlights\":[{\"n\":1,\"start\":100,\"end\":114}],\"sources\":[" + SOURCE + "],"
                        + "\"warnings\":[\"回答被截断。\"],\"warningCodes\":[\"uncited\",\"a_future_code\"],"
                        + "\"timings\":{\"retrieve\":20,\"total\":1200},\"usage\":{\"prompt\":100},"
                        + "\"apiTimings\":{\"prefillTime\":0.125,\"decodeTimeArr\":[0.01,0.02,0.03],\"timeUnit\":\"s\","
                        + "\"timeToFirstTokenMs\":180,\"decodeTokensPerSecond\":42.5,\"generationMs\":950}}");

        // warnings are on view without a click: a chip per code (unknown codes as they are) and the text
        WebElement warnings = answer.findElement(By.className("warnings"));
        assertThat(warnings.isDisplayed()).isTrue();
        assertThat(warnings.findElements(By.className("warn-code"))).extracting(WebElement::getText)
                .containsExactly("部分句子没有引用出处", "a_future_code", "回答达到长度上限，被截断");
        assertThat(warnings.getText()).contains("回答被截断。");

        answer.findElement(By.cssSelector("details.timings > summary")).click();
        List<String> rows = answer.findElements(By.cssSelector(".timings-table tr.api-timing")).stream()
                .map(WebElement::getText).toList();
        assertThat(rows).containsExactly("云网 预填充耗时 0.125 s", "云网 解码耗时合计 0.06 (3 步) s",
                "首个词元耗时 180 ms", "解码速度 42.5 词元/秒", "生成总耗时 950 ms");
        assertThat(answer.findElement(By.className("timings-table")).getText()).contains("retrieve 20 ms");

        // the chip and the panel give the cited sentence's page and section, and the passage's own pages
        WebElement chip = answer.findElement(By.cssSelector("a.cite[data-n='1']"));
        assertThat(chip.getDomAttribute("data-tip")).isEqualTo("leave-policy.pdf · 第 4 页");
        chip.click();
        WebElement panel = driver.findElement(By.id("passage-panel"));
        assertThat(panel.findElement(By.className("passage-page")).getText()).isEqualTo("第 4 页");
        assertThat(panel.findElement(By.className("passage-pages")).getText()).isEqualTo("第 3–4 页");
        assertThat(panel.findElement(By.className("passage-heading")).getText()).isEqualTo("第三章 休假 › 产假");
        assertThat(panel.findElement(By.cssSelector("mark.primary")).getText()).isEqualTo("女职工生育享受产假158天。");
    }
}

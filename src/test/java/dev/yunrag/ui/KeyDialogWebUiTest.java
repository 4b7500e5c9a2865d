package dev.yunrag.ui;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.yunrag.api.ApiKeysTest;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** With API keys on, the UI asks for a key on the first 401, keeps it for the tab and then shows that key's data. */
@QuarkusTest
@TestProfile(ApiKeysTest.WithKeys.class)
class KeyDialogWebUiTest {

    @TestHTTPResource("/")
    URL base;

    @Test
    void asksForAKeyOnceAndThenUsesIt() throws IOException {
        given().header("Authorization", "Bearer " + ApiKeysTest.ADMIN)
                .multiPart("file", "hr-policy.md", "# 年假\n\n员工每年有十五天年假。\n".getBytes(StandardCharsets.UTF_8),
                        "text/markdown")
                .when().post("/api/collections/" + ApiKeysTest.HR_COLLECTION + "/documents").then().statusCode(200);

        try (HeadlessChromium browser = new HeadlessChromium()) {
            WebDriver driver = browser.driver();
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
            driver.get(base.toString() + "#ask");

            // the start-up calls all get 401: one dialog
            WebElement dialog = wait.until(d -> d.findElements(By.cssSelector("dialog.key-dialog[open]")).stream()
                    .findFirst().orElse(null));
            assertThat(driver.findElements(By.cssSelector("dialog.key-dialog"))).hasSize(1);
            dialog.findElement(By.cssSelector("input[type=password]")).sendKeys(ApiKeysTest.HR);
            dialog.findElement(By.cssSelector("button[type=submit]")).click();

            // the retried calls succeed with the key, which sees only its collection
            wait.until(d -> !new Select(d.findElement(By.id("ask-collection"))).getOptions().isEmpty());
            List<String> collections = new Select(driver.findElement(By.id("ask-collection"))).getOptions().stream()
                    .map(o -> o.getDomAttribute("value")).toList();
            assertThat(collections).containsExactly(ApiKeysTest.HR_COLLECTION);
            assertThat(driver.findElements(By.cssSelector("dialog.key-dialog"))).isEmpty();
            Object stored = ((JavascriptExecutor) driver).executeScript(
                    "return sessionStorage.getItem('yunrag.apiKey');");
            assertThat(stored).isEqualTo(ApiKeysTest.HR);
        }
    }
}

package dev.yunrag.ui;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium and chromedriver, driven by Selenium. Both paths are given explicitly so that Selenium Manager
 * never tries to download a browser or a driver (the test machines reach no CDN). A missing browser fails the test
 * with what to install: skipping would hide that the UI went untested.
 */
final class HeadlessChromium implements AutoCloseable {

    static final String CHROMIUM = System.getenv().getOrDefault("YUNRAG_CHROMIUM", "/usr/bin/chromium");
    static final String CHROMEDRIVER = System.getenv().getOrDefault("YUNRAG_CHROMEDRIVER", "/usr/bin/chromedriver");

    private final Path profile;
    private final ChromeDriverService service;
    final ChromeDriver driver;

    HeadlessChromium() throws IOException {
        for (String path : new String[] {CHROMIUM, CHROMEDRIVER}) {
            if (!new File(path).canExecute()) {
                throw new IllegalStateException(path + " is missing: the web UI tests need Debian's Chromium and its"
                        + " driver (apt-get update && apt-get install -y chromium chromium-driver; .ci/run does this)."
                        + " Other locations: set YUNRAG_CHROMIUM and YUNRAG_CHROMEDRIVER.");
            }
        }
        profile = Files.createTempDirectory("yunrag-chromium-");
        service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1400,1000", "--user-data-dir=" + profile);
        driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(1400, 1000));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    }

    WebDriver driver() {
        return driver;
    }

    /** Emulates a screen width x height CSS pixels wide (a phone); 0, 0 returns to the window's own size. */
    void emulateWidth(int width, int height) {
        if (width == 0) {
            driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        } else {
            driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height,
                    "deviceScaleFactor", 1, "mobile", true));
        }
    }

    /** Saves a PNG of the viewport to dir/name.png. */
    Path screenshot(Path dir, String name) throws IOException {
        Files.createDirectories(dir);
        Path target = dir.resolve(name + ".png");
        Files.write(target, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        return target;
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            service.stop();
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }
}

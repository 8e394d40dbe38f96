package dev.wmdpjunit.reports.html;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wmdpjunit.reports.ExampleRun;
import dev.wmdpjunit.reports.SafetyReport;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Opens a generated report in headless Chromium from Debian's {@code chromium} package (driven through its
 * {@code chromium-driver}) and checks what a reader sees: no console errors, the summary rows, the charts drawn,
 * the drill-down hidden until opened. Saves a screenshot as {@code target/wmdp-report-screenshot.png}. Aborts
 * with the install command when Chromium is not installed; {@code .ci/run} installs it.
 */
class BrowserReportTest {

    private static final Path CHROMIUM = Path.of(System.getProperty("wmdp.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("wmdp.chromedriver", "/usr/bin/chromedriver"));
    private static final Path SCREENSHOT = Path.of("target", "wmdp-report-screenshot.png");

    @TempDir
    Path root;
    private ChromeDriver browser;

    @BeforeEach
    void startChromium() {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "headless Chromium is not installed (" + CHROMIUM + ", " + CHROMEDRIVER + "): apt-get install -y"
                        + " chromium chromium-driver, as .ci/run does");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // The network is closed: no first-run, sync, component or background traffic; a fresh profile.
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + root.resolve("profile"), "--window-size=1280,2400");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void stopChromium() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void reportRendersInChromium() throws Exception {
        ExampleRun run = ExampleRun.write(root);
        Path index = SafetyReport.write(run.results(), Optional.empty(), root.resolve("wmdp-report"));

        browser.get(index.toUri().toString());
        List<WebElement> charts = browser.findElements(By.cssSelector(".chart"));
        assertThat(charts).hasSize(2);
        waitUntilRendered(charts);

        List<LogEntry> console = browser.manage().logs().get(LogType.BROWSER).getAll();
        assertThat(console).as("console messages").noneMatch(entry -> entry.getLevel().intValue()
                >= Level.WARNING.intValue());
        List<WebElement> rows = browser.findElements(By.cssSelector("#summary-table tr.wmdp-row"));
        assertThat(rows).extracting(r -> r.getAttribute("data-domain") + "/" + r.getAttribute("data-model"))
                .containsExactly("mmlu:quorra_botany/candidate", "mmlu:quorra_botany/base", "wmdp-bio/candidate",
                        "wmdp-bio/base", "wmdp-cyber/candidate");
        assertThat(rows).allMatch(WebElement::isDisplayed);
        String accuracyText = rows.get(2).findElement(By.cssSelector("[data-field=accuracy]")).getText();
        assertThat(accuracyText.replaceAll("\\s+", " ")).isEqualTo("0.2500 (30/120)");

        WebElement accuracy = browser.findElement(By.cssSelector(".wmdp-accuracy-chart"));
        assertThat(accuracy.getSize().getWidth()).isGreaterThan(600);
        WebElement svg = accuracy.findElement(By.tagName("svg"));
        // ECharts' SVG renderer: axes, bars, whiskers and the chance dashes are paths; the legend is text.
        assertThat(svg.findElements(By.tagName("path")).size()).isGreaterThan(20);
        assertThat(svg.findElements(By.tagName("text"))).extracting(WebElement::getText)
                .contains("base", "unlearned", "chance", "wmdp-bio", "wmdp-cyber");
        WebElement losses = browser.findElement(By.cssSelector(".wmdp-loss-chart svg"));
        assertThat(losses.findElements(By.tagName("text"))).extracting(WebElement::getText)
                .contains("forget", "total");

        WebElement drilldown = browser.findElement(By.cssSelector("details.questions[data-domain='wmdp-bio']"));
        WebElement firstQuestion = drilldown.findElement(By.cssSelector("tbody tr"));
        assertThat(firstQuestion.isDisplayed()).isFalse();
        drilldown.findElement(By.tagName("summary")).click();
        assertThat(firstQuestion.isDisplayed()).isTrue();
        drilldown.findElement(By.tagName("summary")).click();

        File shot = browser.getScreenshotAs(OutputType.FILE);
        Files.createDirectories(SCREENSHOT.getParent());
        Files.copy(shot.toPath(), SCREENSHOT, StandardCopyOption.REPLACE_EXISTING);
        assertThat(Files.size(SCREENSHOT)).isGreaterThan(10_000);
    }

    /** Waits (at most 30 s) for report.js to mark every chart as drawn by ECharts. */
    private void waitUntilRendered(List<WebElement> charts) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!charts.stream().allMatch(c -> "true".equals(c.getAttribute("data-rendered")))) {
            assertThat(System.nanoTime()).as("charts drawn within 30 s; console: "
                    + browser.manage().logs().get(LogType.BROWSER).getAll()).isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}

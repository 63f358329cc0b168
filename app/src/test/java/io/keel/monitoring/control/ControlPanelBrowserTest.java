package io.keel.monitoring.control;

import io.keel.app.TrainedModels;
import io.keel.app.daemon.Daemon;
import io.keel.config.ConfigLoader;
import io.keel.config.ConfigSource;
import io.keel.config.LoadedConfig;
import io.keel.core.decision.DecisionRecord;
import io.keel.core.event.Event;
import io.keel.core.event.EventType;
import io.keel.core.event.OperatorCommand;
import io.keel.core.journal.JournalReader;
import io.keel.core.journal.RecordKind;
import io.keel.testing.ExternalTool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The control panel in a real browser: Debian's headless Chromium driven by Selenium against a running daemon on the
 * simulated venue. The equity chart fills; a kill-switch click without the token is refused and changes nothing; with
 * it, trading halts (after the kill only cancels reach the journal); screenshots are kept in
 * {@code target/screenshots}.
 */
public class ControlPanelBrowserTest
{
    private static final String TOKEN = "panel-test-token-0123456789abcdef";
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    /** @return Debian's headless Chromium under Selenium, offline, with a fresh profile (shared by browser tests). */
    public static WebDriver browser(final Path profile)
    {
        final Path driver = ExternalTool.require("chromedriver", "chromium-driver");
        final Path chromium = ExternalTool.require("chromium", "chromium");
        final ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--window-size=1400,2200", "--user-data-dir=" + profile);
        final ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile())
            .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    /** Saves a screenshot as {@code target/screenshots/<name>.png}. */
    public static void screenshot(final WebDriver browser, final String name) throws Exception
    {
        Files.createDirectories(SCREENSHOTS);
        final Path shot = ((TakesScreenshot)browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private static void confirm(final WebDriver browser, final WebDriverWait wait, final String action)
    {
        browser.findElement(By.cssSelector("button[data-action='" + action + "']")).click();
        wait.until(b -> b.findElement(By.id("confirm")).isDisplayed());
        browser.findElement(By.id("confirm-yes")).click();
    }

    /** A crypto_scalp profile whose simulated market runs at 2,000 events a second, so it trades within seconds. */
    private static LoadedConfig fastMarket(final Path dir) throws Exception
    {
        final Path config = TrainedModels.builtInConfig(dir.resolve("config"));
        final Path scalp = config.resolve("modes/crypto_scalp.yaml");
        Files.writeString(scalp, Files.readString(scalp).replace("  eventsPerSecond: 50\n",
            "  eventsPerSecond: 2000\n"));
        return ConfigLoader.load(ConfigSource.directory(config), "crypto_scalp");
    }

    @Test
    void shouldFillTheChartRefuseWithoutTheTokenAndHaltTradingOnAKillSwitchClick(@TempDir final Path dir)
        throws Exception
    {
        final LoadedConfig loaded = fastMarket(dir);
        final Path journal = dir.resolve("journal");
        final Daemon daemon = new Daemon(loaded, journal, Long.MAX_VALUE, true, "test")
            .stateDirectory(dir.resolve("state"));
        final DaemonHttp http = DaemonHttp.start("127.0.0.1", 0, daemon, "test", TOKEN);
        final Thread runner = new Thread(daemon::run, "daemon");
        runner.start();
        final WebDriver browser = browser(dir.resolve("chromium-profile"));
        try
        {
            final WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
            browser.get(http.url() + "/");
            wait.until(b -> b.findElement(By.id("running")).getText().equals("running"));
            wait.until(b -> Integer.parseInt(b.findElement(By.id("chart")).getDomAttribute("data-points") == null ?
                "0" : b.findElement(By.id("chart")).getDomAttribute("data-points")) >= 4);
            assertTrue(browser.findElement(By.cssSelector("#chart canvas")).isDisplayed(), "uPlot drew the chart");
            wait.until(b -> !b.findElements(By.cssSelector("#decisions tbody tr")).isEmpty());
            wait.until(b ->
            {
                try
                {
                    b.findElement(By.cssSelector("#decisions tbody tr td.acted")).click(); // rows re-render each second
                    return b.findElement(By.id("decision")).getText().contains("\"models\"");
                }
                catch (final org.openqa.selenium.WebDriverException staleOrMissing)
                {
                    return false;
                }
            });
            assertTrue(browser.findElement(By.id("decision")).getText().contains("\"verdict\": \"NONE\""),
                "an order's decision record, every model in it");
            screenshot(browser, "panel-running");

            confirm(browser, wait, "kill");
            wait.until(b -> "401".equals(b.findElement(By.id("result")).getDomAttribute("data-status")));
            assertFalse(daemon.killSwitchEngaged(), "a request without the token changes nothing");

            browser.findElement(By.id("token")).sendKeys(TOKEN);
            confirm(browser, wait, "kill");
            wait.until(b -> "202".equals(b.findElement(By.id("result")).getDomAttribute("data-status")));
            wait.until(b -> b.findElement(By.id("kill")).getText().equals("KILL SWITCH ENGAGED"));
            assertTrue(daemon.killSwitchEngaged());
            wait.until(b -> b.findElement(By.id("audit")).getText().contains("KILL_SWITCH engaged"));
            assertTrue(browser.findElement(By.id("audit")).getText().contains("operator via panel"),
                "the halt is shown with its reason");
            final int pointsAtKill = Integer.parseInt(browser.findElement(By.id("chart"))
                .getDomAttribute("data-points"));
            wait.until(b -> Integer.parseInt(b.findElement(By.id("chart")).getDomAttribute("data-points")) >=
                pointsAtKill + 3); // three more seconds of market after the kill
            screenshot(browser, "panel-killed");
        }
        finally
        {
            browser.quit();
            daemon.requestStop();
            runner.join(30_000);
            http.close();
        }
        final List<String> afterKill = new ArrayList<>();
        long intentsBefore = 0;
        boolean killed = false;
        try (JournalReader reader = JournalReader.open(journal))
        {
            final Event event = new Event();
            final DecisionRecord record = new DecisionRecord();
            byte kind;
            while ((kind = reader.next(event, record)) != RecordKind.END_OF_JOURNAL)
            {
                if (kind != RecordKind.EVENT)
                {
                    continue;
                }
                if (event.type == EventType.OPERATOR_COMMAND && event.command == OperatorCommand.KILL)
                {
                    killed = true;
                }
                else if (event.type == EventType.ORDER_INTENT && !killed)
                {
                    intentsBefore++;
                }
                else if (event.type == EventType.ORDER_INTENT && event.command != OperatorCommand.CANCEL_ALL)
                {
                    afterKill.add(event.toString());
                }
            }
        }
        assertTrue(killed, "the click was journaled as a KILL command");
        assertTrue(intentsBefore > 0, "the daemon traded before the kill");
        assertEquals(List.of(), afterKill, "no new order after the kill switch (cancels only)");
        final String audit = Files.readString(dir.resolve("state/audit.log"));
        assertTrue(audit.contains("\"who\":\"operator:http\",\"what\":\"requested KILL\",\"reason\":\"http: " +
            "operator via panel\""), audit);
    }
}

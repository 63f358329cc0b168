package io.keel.app.backtest;

import io.keel.app.CliRunner;
import io.keel.app.ExitCode;
import io.keel.app.control.ControlPanelBrowserTest;
import io.keel.core.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code report.html} of a CSV backtest renders its charts in headless Chromium from the file alone (uPlot and the
 * data inlined: nothing is fetched), with the statistics and the trades; a screenshot is kept.
 */
class ReportBrowserTest
{
    @Test
    void shouldRenderTheReportOfTheSpyDailyBacktestOffline(@TempDir final Path dir) throws Exception
    {
        final StringBuilder csv = new StringBuilder("datetime,open,high,low,close,volume\n");
        for (final String line : Files.readAllLines(SharedData.require("lean-equity-usa/daily/spy.csv")))
        {
            final String[] f = line.split(",");
            csv.append(f[0], 0, 4).append('-').append(f[0], 4, 6).append('-').append(f[0], 6, 8);
            for (int i = 1; i <= 4; i++)
            {
                csv.append(',').append(new BigDecimal(f[i]).movePointLeft(4).toPlainString());
            }
            csv.append(',').append(f[5]).append('\n');
        }
        Files.writeString(dir.resolve("spy.csv"), csv);
        final CliRunner.Result run = CliRunner.keel("backtest", "--mode", "sma_crossover", "--csv",
            dir.resolve("spy.csv").toString(), "--out", dir.resolve("out").toString(), "--fast", "50", "--slow",
            "200");
        assertEquals(ExitCode.OK, run.exitCode(), run.all());
        final Path report = dir.resolve("out/report.html");
        final String html = Files.readString(report);
        assertFalse(html.contains("src=\"http") || html.contains("href=\"http"), "nothing loaded from the network");

        final WebDriver browser = ControlPanelBrowserTest.browser(dir.resolve("profile"));
        try
        {
            browser.get(report.toUri().toString());
            new WebDriverWait(browser, Duration.ofSeconds(30)).until(b -> "2".equals(
                b.findElement(By.tagName("body")).getDomAttribute("data-charts")));
            assertTrue(browser.findElements(By.cssSelector("#equity canvas")).size() == 1 &&
                browser.findElements(By.cssSelector("#underwater canvas")).size() == 1, "both charts drew");
            final String text = browser.findElement(By.tagName("body")).getText();
            assertTrue(text.contains("Sharpe") && text.contains("max drawdown") && text.contains("buy and hold"),
                text.substring(0, Math.min(500, text.length())));
            ControlPanelBrowserTest.screenshot(browser, "report-spy-daily");
        }
        finally
        {
            browser.quit();
        }
    }
}

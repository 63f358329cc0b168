package io.keel.app.backtest;

import io.keel.app.CliRunner;
import io.keel.app.ExitCode;
import io.keel.monitoring.control.ControlPanelBrowserTest;
import io.keel.testing.SharedData;
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
 * {@code report.html} renders its charts in headless Chromium from the file alone (uPlot and the data inlined:
 * nothing is fetched), with the statistics and the tables; a screenshot is kept. Pipeline reports are rendered by
 * {@link PipelineBacktestTest} through {@link #render}.
 */
public class ReportBrowserTest
{
    /** Writes the shared SPY daily bars (LEAN, 1/10,000 dollars) as a generic CSV. */
    static void spyDailyCsv(final Path file) throws java.io.IOException
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
        Files.writeString(file, csv);
    }

    /**
     * Opens a report from its file, waits until it has drawn {@code charts} charts (each a canvas, the monthly
     * heatmap a table), keeps a screenshot.
     *
     * @return the page's text.
     */
    public static String render(final Path report, final int charts, final String screenshot) throws Exception
    {
        final String html = Files.readString(report);
        assertFalse(html.contains("src=\"http") || html.contains("href=\"http"), "nothing loaded from the network");
        final WebDriver browser = ControlPanelBrowserTest.browser(Files.createTempDirectory("report-browser"));
        try
        {
            browser.get(report.toUri().toString());
            new WebDriverWait(browser, Duration.ofSeconds(30)).until(b -> b.findElement(By.tagName("body"))
                .getDomAttribute("data-charts") != null);
            assertEquals(Integer.toString(charts), browser.findElement(By.tagName("body"))
                .getDomAttribute("data-charts"), "charts drawn");
            assertEquals(charts - 1, browser.findElements(By.cssSelector("#charts .uplot canvas")).size(),
                "a canvas per chart but the monthly table");
            final String text = browser.findElement(By.tagName("body")).getText();
            ControlPanelBrowserTest.screenshot(browser, screenshot);
            return text;
        }
        finally
        {
            browser.quit();
        }
    }

    @Test
    void shouldRenderTheReportOfTheSpyDailyBacktestOffline(@TempDir final Path dir) throws Exception
    {
        spyDailyCsv(dir.resolve("spy.csv"));
        final CliRunner.Result run = CliRunner.keel("backtest", "--mode", "sma_crossover", "--csv",
            dir.resolve("spy.csv").toString(), "--out", dir.resolve("out").toString(), "--fast", "50", "--slow",
            "200");
        assertEquals(ExitCode.OK, run.exitCode(), run.all());
        final String text = render(dir.resolve("out/report.html"), 7, "report-spy-daily");
        assertTrue(text.contains("Sharpe") && text.contains("max drawdown") && text.contains("buy and hold") &&
            text.contains("Monthly returns") && text.contains("worst drawdowns marked") && text.contains(
            "Rolling Sharpe"), text.substring(0, Math.min(500, text.length())));
    }
}

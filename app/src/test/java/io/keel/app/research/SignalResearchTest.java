package io.keel.app.research;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keel.app.CliRunner;
import io.keel.app.ExitCode;
import io.keel.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SignalResearchTest
{
    private static JsonNode model(final JsonNode report, final String name)
    {
        for (final JsonNode model : report.get("models"))
        {
            if (model.get("model").asText().equals(name))
            {
                return model;
            }
        }
        throw new AssertionError("no model " + name + " in " + report);
    }

    @Test
    void shouldFindAPlantedEdgeAndReportItsAbsence(@TempDir final Path dir) throws Exception
    {
        SyntheticTapes.write(dir.resolve("planted"), 1_500, 0.75, 11);
        SyntheticTapes.write(dir.resolve("random"), 1_500, 0.5, 11);

        final CliRunner.Result planted = CliRunner.keel("research", "signals", "--journal",
            dir.resolve("planted").toString(), "--horizons", "1s,5s,30s", "--out", dir.resolve("p").toString());
        assertEquals(ExitCode.OK, planted.exitCode(), planted.all());
        final JsonNode p = new ObjectMapper().readTree(dir.resolve("p/signals.json").toFile());
        final JsonNode imbalance = model(p, "book_imbalance");
        assertEquals("edge", imbalance.get("verdict").asText(), planted.out());
        final JsonNode oneSecond = imbalance.get("horizons").get(0);
        assertTrue(oneSecond.get("ic").asDouble() > 0.3, planted.out());
        assertTrue(oneSecond.get("hitRate").asDouble() > 0.7, planted.out());
        // the decay curve rises from the lowest signal quantile to the highest
        final JsonNode means = oneSecond.get("quantileMeanBps");
        assertEquals(5, means.size());
        assertTrue(means.get(0).asDouble() < 0 && means.get(4).asDouble() > 0, planted.out());
        // the edge of a one-step planted effect is gone 30 steps later
        assertTrue(Math.abs(imbalance.get("horizons").get(2).get("tStat").asDouble()) < 2.69, planted.out());
        // no funding events: the funding model has no opinion, and says so
        assertTrue(model(p, "funding_shock").get("verdict").asText().startsWith("no signals"), planted.out());

        final CliRunner.Result random = CliRunner.keel("research", "signals", "--journal",
            dir.resolve("random").toString(), "--horizons", "1s,5s,30s", "--out", dir.resolve("r").toString());
        assertEquals(ExitCode.OK, random.exitCode(), random.all());
        final JsonNode r = new ObjectMapper().readTree(dir.resolve("r/signals.json").toFile());
        assertEquals("no measurable edge", model(r, "book_imbalance").get("verdict").asText(), random.out());
        final List<String> csv = Files.readAllLines(dir.resolve("r/signals.csv"));
        assertTrue(csv.get(0).startsWith("model,verdict,opinions,horizon,pairs"), csv.get(0));
        assertTrue(csv.stream().anyMatch(l -> l.startsWith("book_imbalance,\"no measurable edge\"")), csv.toString());
    }

    @Test
    void shouldMeasureEveryModelOnTheRealCapture(@TempDir final Path dir) throws Exception
    {
        final Path input = SharedData.require("binance-raw/spot_btcusdt_20240808.txt");
        assertEquals(ExitCode.OK, CliRunner.keel("import", "--format", "binance-raw", "--input", input.toString(),
            "--out", dir.toString()).exitCode());
        final CliRunner.Result result = CliRunner.keel("research", "signals", "--journal",
            dir.resolve("20240808").toString(), "--out", dir.resolve("out").toString());
        assertEquals(ExitCode.OK, result.exitCode(), result.all());
        final JsonNode report = new ObjectMapper().readTree(dir.resolve("out/signals.json").toFile());
        assertEquals(9, report.get("models").size(), result.out());
        for (final JsonNode model : report.get("models"))
        {
            assertEquals(7, model.get("horizons").size());
            assertTrue(result.out().contains(model.get("model").asText()), result.out());
        }
        // measured on this capture: the book-pressure models predict the next second, far beyond noise ...
        assertEquals("edge", model(report, "book_imbalance").get("verdict").asText(), result.out());
        assertEquals("edge", model(report, "microprice_deviation").get("verdict").asText(), result.out());
        // ... the slow ones do not, and a spot market has no funding rate: all reported, none hidden
        assertEquals("no measurable edge", model(report, "ma_momentum").get("verdict").asText(), result.out());
        assertTrue(model(report, "funding_shock").get("verdict").asText().startsWith("no signals"), result.out());
    }

    @Test
    void shouldRefuseBadHorizons(@TempDir final Path dir)
    {
        SyntheticTapes.write(dir.resolve("j"), 50, 0.5, 1);
        final CliRunner.Result result = CliRunner.keel("research", "signals", "--journal", dir.resolve("j").toString(),
            "--horizons", "1s,soon");
        assertEquals(ExitCode.BAD_INPUT, result.exitCode(), result.all());
        assertTrue(result.err().contains("--horizons 'soon' is not a duration"), result.all());
    }
}

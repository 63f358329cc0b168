package io.keel.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The daemon's orders through each execution algorithm ({@code execution.algo}): a paper run's decisions become
 * parents named in the journal, worked in child orders that name their parent; the fills of a parent's children never
 * add up to more than it; the backtest of the journal reproduces every child (byte-identical {@code orders.csv}) and
 * {@code verify} regenerates them.
 */
class ExecutionAlgoRunTest
{
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"market", "passive", "twap", "vwap", "pov", "iceberg"})
    void shouldWorkEachDecisionAsAParentInChildOrdersThatABacktestReproduces(final String algo,
        @TempDir final Path dir) throws IOException
    {
        final Path config = ReplayAndVerifyTest.copyConfig(dir);
        final Path base = config.resolve("base.yaml");
        Files.writeString(base, Files.readString(base).replace("algo: direct", "algo: " + algo));
        final Path journal = dir.resolve("paper");
        final CliRunner.Result run = CliRunner.keel("run", "--mode", "crypto_swing", "--duration", "10m", "--fast",
            "--journal-dir", journal.toString(), "--config-dir", config.toString(), "--state-dir",
            dir.resolve("state").toString(), "--no-http");
        assertEquals(ExitCode.OK, run.exitCode(), run.all());

        final Path recorded = dir.resolve("recorded");
        final Path simulated = dir.resolve("simulated");
        final CliRunner.Result asRun = CliRunner.keel("backtest", "--mode", "crypto_swing", "--journal",
            journal.toString(), "--config-dir", config.toString(), "--fills", "recorded", "--out", recorded.toString());
        assertEquals(ExitCode.OK, asRun.exitCode(), asRun.all());
        final CliRunner.Result backtest = CliRunner.keel("backtest", "--mode", "crypto_swing", "--journal",
            journal.toString(), "--config-dir", config.toString(), "--out", simulated.toString());
        assertEquals(ExitCode.OK, backtest.exitCode(), backtest.all());
        assertArrayEquals(Files.readAllBytes(recorded.resolve("orders.csv")),
            Files.readAllBytes(simulated.resolve("orders.csv")), "the backtest reproduces every child order");

        // every signal decision names the algorithm and is a parent; its children name it and stay within it
        final Map<Long, BigDecimal> parentQuantity = new HashMap<>();
        final Map<Long, String> parentSide = new HashMap<>();
        final ObjectMapper json = new ObjectMapper();
        int vetoes = 0;
        for (final String line : Files.readAllLines(recorded.resolve("decisions.jsonl")))
        {
            final JsonNode d = json.readTree(line);
            if (d.get("orderId").asLong() == 0 && d.get("algo").asText().equals(algo))
            {
                vetoes++; // a veto of a parent, or of a child (which ends its parent)
            }
            else if (d.get("orderId").asLong() != 0 && d.get("algo").asText().equals(algo))
            {
                parentQuantity.put(d.get("orderId").asLong(), new BigDecimal(d.get("quantity").asText()));
                parentSide.put(d.get("orderId").asLong(), d.get("side").asText());
            }
        }
        assertTrue(parentQuantity.size() >= 3, algo + ": too few parents to show anything: " + run.all());
        final List<String> lines = Files.readAllLines(recorded.resolve("orders.csv"));
        final List<String> header = Arrays.asList(lines.get(0).split(","));
        final Map<Long, BigDecimal> childTotal = new HashMap<>();
        final Map<Long, Integer> childCount = new HashMap<>();
        int children = 0;
        for (final String line : lines.subList(1, lines.size()))
        {
            final String[] row = line.split(",", -1);
            if (row[header.indexOf("purpose")].equals("flatten"))
            {
                continue; // close-outs go direct
            }
            final long parent = Long.parseLong(row[header.indexOf("parent_id")]);
            assertEquals(algo, row[header.indexOf("algo")], line);
            assertEquals(parentSide.get(parent), row[header.indexOf("side")], "a child trades its parent's side");
            childTotal.merge(parent, new BigDecimal(row[header.indexOf("filled_quantity")]), BigDecimal::add);
            childCount.merge(parent, 1, Integer::sum);
            children++;
        }
        final long childless = parentQuantity.keySet().stream().filter(p -> !childCount.containsKey(p)).count();
        assertTrue(childless <= vetoes, algo + ": " + childless + " parents without a child, but only " + vetoes +
            " vetoes journaled (" + children + " children for " + parentQuantity.size() + " parents)");
        for (final Map.Entry<Long, BigDecimal> e : childTotal.entrySet())
        {
            assertTrue(parentQuantity.containsKey(e.getKey()), "child of an unknown parent " + e.getKey());
            assertTrue(e.getValue().compareTo(parentQuantity.get(e.getKey())) <= 0, algo + ": parent " + e.getKey() +
                " of " + parentQuantity.get(e.getKey()) + " got children filled for " + e.getValue());
        }
        final int most = childCount.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        if (algo.equals("twap") || algo.equals("iceberg"))
        {
            assertTrue(most >= 5, algo + " slices its parents: at most " + most + " children to a parent");
        }

        final CliRunner.Result verify = CliRunner.keel("verify", "--journal", journal.toString(), "--config-dir",
            config.toString());
        assertEquals(ExitCode.OK, verify.exitCode(), verify.all());
    }
}

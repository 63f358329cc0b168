package io.keel.app;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.Matcher;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReplayAndVerifyTest
{
    @TempDir
    static Path shared;
    static Path journal;

    @BeforeAll
    static void paperRun()
    {
        journal = shared.resolve("paper");
        final CliRunner.Result run = CliRunner.keel("run", "--mode", "crypto_scalp", "--duration", "5m", "--fast",
            "--journal-dir", journal.toString());
        assertEquals(ExitCode.OK, run.exitCode(), run.all());
    }

    @Test
    void shouldWriteByteIdenticalJournalsWhenReplayingTwice(@TempDir final Path dir) throws IOException
    {
        final CliRunner.Result first = CliRunner.keel("replay", "--journal", journal.toString(), "--out",
            dir.resolve("a").toString());
        final CliRunner.Result second = CliRunner.keel("replay", "--journal", journal.toString(), "--out",
            dir.resolve("b").toString());
        assertEquals(ExitCode.OK, first.exitCode(), first.all());
        assertEquals(first.out(), second.out());
        assertTrue(first.out().contains("fills="), first.all());
        for (final String model : List.of("order_flow_imbalance", "microprice_deviation", "trade_flow_imbalance",
            "volatility_regime"))
        {
            assertTrue(first.out().lines().anyMatch(l -> l.trim().startsWith(model + " ")),
                "per-model attribution row for " + model + ": " + first.out());
        }
        assertTrue(first.out().matches("(?s).*attribution: [1-9]\\d* orders.*"), first.out());

        final List<String> files = list(dir.resolve("a"));
        assertEquals(files, list(dir.resolve("b")));
        assertTrue(files.stream().anyMatch(f -> f.endsWith(".cq4")), files.toString());
        for (final String file : files)
        {
            assertArrayEquals(Files.readAllBytes(dir.resolve("a").resolve(file)),
                Files.readAllBytes(dir.resolve("b").resolve(file)), file + " differs between two replays");
        }
    }

    @Test
    void shouldPassVerifyOnPaperJournalAndFailWithFirstDivergenceWhenConfigAltered(@TempDir final Path dir)
        throws IOException
    {
        final CliRunner.Result same = CliRunner.keel("verify", "--journal", journal.toString());
        assertEquals(ExitCode.OK, same.exitCode(), same.all());

        final Path config = copyConfig(dir);
        final Path mode = config.resolve("modes/crypto_scalp.yaml");
        Files.writeString(mode, Files.readString(mode) + "sizing:\n  fraction: 0.3\n");
        final CliRunner.Result altered = CliRunner.keel("verify", "--journal", journal.toString(), "--config-dir",
            config.toString());
        assertEquals(ExitCode.DIVERGED, altered.exitCode(), altered.all());
        assertTrue(altered.out().contains("verify: DIVERGED at record 1 "), altered.all());
        assertTrue(altered.out().contains("journaled:   Decision{"), altered.all());
        assertTrue(altered.out().contains("regenerated: Decision{"), altered.all());
        assertTrue(altered.out().contains(".cq4"), altered.all());

        final CliRunner.Result unaltered = CliRunner.keel("verify", "--journal", journal.toString(),
            "--config-dir", copyConfig(dir.resolve("plain")).toString());
        assertEquals(ExitCode.OK, unaltered.exitCode(), "the shipped files equal the journaled config: " +
            unaltered.all());
    }

    @Test
    void shouldFeedOnlyTheRoutedModelsToAnInstrument(@TempDir final Path dir) throws IOException
    {
        final Path config = copyConfig(dir);
        final Path base = config.resolve("base.yaml");
        Files.writeString(base, Files.readString(base).replace("  routes: {}",
            "  routes: {BTCUSDT: [orderFlowImbalance, micropriceDeviation], ETHUSDT: [orderFlowImbalance]}"));
        final CliRunner.Result routed = CliRunner.keel("replay", "--journal", journal.toString(), "--config-dir",
            config.toString());
        assertEquals(ExitCode.OK, routed.exitCode(), routed.all());
        final Matcher orders = Pattern.compile("attribution: (\\d+) orders").matcher(routed.out());
        assertTrue(orders.find() && Long.parseLong(orders.group(1)) > 0, routed.all());
        assertEquals(Long.parseLong(orders.group(1)), ordersIn(routed.out(), "order_flow_imbalance"), routed.out());
        assertEquals(0, ordersIn(routed.out(), "trade_flow_imbalance"), "not routed anywhere: " + routed.out());
        assertEquals(0, ordersIn(routed.out(), "volatility_regime"), routed.out());

        Files.writeString(base, Files.readString(base).replace("ETHUSDT: [orderFlowImbalance]",
            "DOGEUSDT: [rsiComposite]"));
        final CliRunner.Result bad = CliRunner.keel("replay", "--journal", journal.toString(), "--config-dir",
            config.toString());
        assertEquals(ExitCode.BAD_INPUT, bad.exitCode(), bad.all());
        assertTrue(bad.err().contains("alpha.routes.DOGEUSDT") && bad.err().contains("a configured instrument"),
            bad.all());
        assertTrue(bad.err().contains("rsiComposite") && bad.err().contains("an enabled model"), bad.all());
    }

    private static long ordersIn(final String out, final String model)
    {
        final Matcher row = Pattern.compile("(?m)^\\s+" + model + "\\s+(\\d+)").matcher(out);
        assertTrue(row.find(), out);
        return Long.parseLong(row.group(1));
    }

    static Path copyConfig(final Path dir) throws IOException
    {
        final Path source = Path.of("..", "config").toAbsolutePath().normalize();
        final Path target = Files.createDirectories(dir.resolve("config"));
        Files.copy(source.resolve("base.yaml"), target.resolve("base.yaml"));
        Files.createDirectories(target.resolve("modes"));
        try (Stream<Path> modes = Files.list(source.resolve("modes")))
        {
            for (final Path m : modes.toList())
            {
                Files.copy(m, target.resolve("modes").resolve(m.getFileName()));
            }
        }
        return target;
    }

    private static List<String> list(final Path dir) throws IOException
    {
        try (Stream<Path> files = Files.list(dir))
        {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void shouldVerifyAJournalInTheOlderSchemaOneLayout(@TempDir final Path dir)
    {
        // rewrite the paper journal as a build before schema 2 wrote it: decisions without the sizing inputs
        final Path old = dir.resolve("schema1");
        try (io.keel.core.journal.JournalReader reader = io.keel.core.journal.JournalReader.open(journal))
        {
            final io.keel.core.event.Event event = new io.keel.core.event.Event();
            final io.keel.core.decision.DecisionRecord decision = new io.keel.core.decision.DecisionRecord();
            io.keel.core.journal.JournalWriter writer = null;
            byte kind;
            while ((kind = reader.next(event, decision)) != io.keel.core.journal.RecordKind.END_OF_JOURNAL)
            {
                if (kind == io.keel.core.journal.RecordKind.RUN_HEADER && writer == null)
                {
                    final io.keel.core.journal.RunHeader h = reader.header();
                    writer = io.keel.core.journal.JournalWriter.open(old, startOf(journal), new io.keel.core.journal
                        .RunHeader(1, h.buildVersion(), h.mode(), h.configHash(), h.seed(), h.configText()));
                }
                else if (kind == io.keel.core.journal.RecordKind.EVENT)
                {
                    writer.append(event);
                }
                else if (kind == io.keel.core.journal.RecordKind.DECISION)
                {
                    writer.append(decision);
                }
            }
            writer.close();
        }
        final CliRunner.Result verify = CliRunner.keel("verify", "--journal", old.toString());
        assertEquals(ExitCode.OK, verify.exitCode(), verify.all());
        assertTrue(verify.out().contains("verify: identical"), verify.out());
    }

    private static long startOf(final Path dir)
    {
        try (io.keel.core.journal.JournalReader reader = io.keel.core.journal.JournalReader.open(dir))
        {
            final io.keel.core.event.Event event = new io.keel.core.event.Event();
            final io.keel.core.decision.DecisionRecord decision = new io.keel.core.decision.DecisionRecord();
            byte kind;
            while ((kind = reader.next(event, decision)) != io.keel.core.journal.RecordKind.EVENT)
            {
                assertTrue(kind != io.keel.core.journal.RecordKind.END_OF_JOURNAL, "no event in " + dir);
            }
            return event.timestampNs;
        }
    }
}

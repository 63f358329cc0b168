package io.keel.app.daemon;

import io.keel.app.CliRunner;
import io.keel.app.ExitCode;
import io.keel.core.decision.DecisionRecord;
import io.keel.core.event.Event;
import io.keel.core.event.EventType;
import io.keel.core.event.RejectReason;
import io.keel.core.journal.JournalReader;
import io.keel.core.journal.RecordKind;
import io.keel.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Risk rules and breakers where real markets trip them, and a veto that never reaches the venue. */
class RiskOnRealDataTest
{
    /** Counts decision verdicts by month (yyyy-MM) and the order intents of a journal. */
    private static Map<String, Integer> verdicts(final Path journal, final RejectReason reason, final int[] intents)
    {
        final Map<String, Integer> byMonth = new TreeMap<>();
        try (JournalReader reader = JournalReader.open(journal))
        {
            final Event event = new Event();
            final DecisionRecord decision = new DecisionRecord();
            byte kind;
            while ((kind = reader.next(event, decision)) != RecordKind.END_OF_JOURNAL)
            {
                if (kind == RecordKind.DECISION && decision.verdict == reason)
                {
                    byMonth.merge(Instant.ofEpochSecond(0, decision.timestampNs).toString().substring(0, 7), 1,
                        Integer::sum);
                }
                if (kind == RecordKind.EVENT && event.type == EventType.ORDER_INTENT)
                {
                    intents[0]++;
                }
            }
        }
        return byMonth;
    }

    @Test
    void shouldHaltSpyForVolatilityInTheCrashesOf2008And2020(@TempDir final Path dir) throws Exception
    {
        final Path config = BarBacktestTest.dailyConfig(dir);
        final Path swing = config.resolve("modes/stocks_swing.yaml");
        // daily windows: a week of returns against a year
        Files.writeString(swing, Files.readString(swing) + "risk:\n  breakers:\n    volatilityHaltRatio: 2.5\n" +
            "    volatilityShortMs: 432000000\n    volatilityLongMs: 21600000000\n");
        assertEquals(ExitCode.OK, CliRunner.keel("import", "--format", "lean-equity", "--mode", "stocks_swing",
            "--config-dir", config.toString(), "--input", SharedData.require("lean-equity-usa/daily/spy.csv")
            .toString(), "--out", dir.resolve("in").toString()).exitCode());
        final CliRunner.Result replay = CliRunner.keel("replay", "--journal",
            dir.resolve("in/history-19980102").toString(), "--config-dir", config.toString(), "--out",
            dir.resolve("out").toString());
        assertEquals(ExitCode.OK, replay.exitCode(), replay.all());
        final Map<String, Integer> halted = verdicts(dir.resolve("out"), RejectReason.VOLATILITY_HALT, new int[1]);
        assertTrue(halted.keySet().stream().anyMatch(m -> m.startsWith("2008-09") || m.startsWith("2008-10")),
            "the Lehman weeks: " + halted);
        assertTrue(halted.keySet().stream().anyMatch(m -> m.startsWith("2020-03")), "the Covid crash: " + halted);
        assertTrue(halted.keySet().stream().noneMatch(m -> m.startsWith("2017")), "a famously calm year: " + halted);
    }

    @Test
    void shouldNeverLetAVetoedOrderReachTheVenue(@TempDir final Path dir) throws Exception
    {
        final Path paper = dir.resolve("paper");
        assertEquals(ExitCode.OK, CliRunner.keel("run", "--mode", "crypto_scalp", "--duration", "3m", "--fast",
            "--journal-dir", paper.toString()).exitCode());
        final Path config = io.keel.app.TrainedModels.builtInConfig(dir.resolve("config"));
        final Path base = config.resolve("base.yaml");
        // a gross-exposure limit of one dollar: starting flat, every order the models want increases exposure
        Files.writeString(base, Files.readString(base).replace("maxGrossExposureUsd: 300000",
            "maxGrossExposureUsd: 1"));
        final CliRunner.Result replay = CliRunner.keel("replay", "--journal", paper.toString(), "--config-dir",
            config.toString(), "--out", dir.resolve("out").toString());
        assertEquals(ExitCode.OK, replay.exitCode(), replay.all());
        final int[] intents = new int[1];
        final Map<String, Integer> vetoed = verdicts(dir.resolve("out"), RejectReason.GROSS_EXPOSURE, intents);
        assertTrue(vetoed.values().stream().mapToInt(Integer::intValue).sum() > 0, replay.out());
        assertEquals(0, intents[0], "no intent reached the simulated exchange");
        assertTrue(replay.out().contains("orders=0") && replay.out().contains("fills=0"), replay.out());
        final List<String> lines = new ArrayList<>(replay.out().lines().toList());
        assertTrue(lines.stream().anyMatch(l -> l.contains("vetoes=")), replay.out());
    }
}

package io.keel.app.daemon;

import io.keel.engine.DecisionChain;
import io.keel.engine.DecisionOutput;
import io.keel.app.CliRunner;
import io.keel.app.ExitCode;
import io.keel.config.ConfigLoader;
import io.keel.config.ConfigSource;
import io.keel.core.decision.DecisionRecord;
import io.keel.core.event.ConfigKey;
import io.keel.core.event.Event;
import io.keel.core.event.EventType;
import io.keel.core.journal.JournalReader;
import io.keel.core.journal.JournalWriter;
import io.keel.core.journal.RecordKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A journaled CONFIG_CHANGE turns a model off or re-scales it live, and replays reproduce it. */
class LiveModelChangeTest
{
    private static final DecisionOutput NOWHERE = new DecisionOutput()
    {
        @Override
        public void onDecision(final DecisionRecord record)
        {
        }

        @Override
        public void onIntent(final Event intent)
        {
        }
    };

    @Test
    void shouldApplyAndRefuseModelChanges()
    {
        final DecisionChain chain = new DecisionChain(ConfigLoader.load(ConfigSource.builtIn(), "crypto_scalp"),
            NOWHERE);
        chain.onInbound(new Event().configChange(1, ConfigKey.MODEL_ENABLED, 0, 0));
        assertFalse(chain.modelOn(0));
        chain.onInbound(new Event().configChange(2, ConfigKey.MODEL_ENABLED, 0, 1));
        assertTrue(chain.modelOn(0));
        chain.onInbound(new Event().configChange(3, ConfigKey.MODEL_EDGE_SCALE, 1, 2_000_000));
        assertEquals(3, chain.modelChanges());
        chain.onInbound(new Event().configChange(4, ConfigKey.MODEL_ENABLED, 99, 0)); // no such model
        chain.onInbound(new Event().configChange(5, ConfigKey.MODEL_ENABLED, 0, 7)); // not 0/1
        chain.onInbound(new Event().configChange(6, ConfigKey.MODEL_EDGE_SCALE, 0, -1)); // negative scale
        assertEquals(3, chain.refusedConfigChanges());
        assertEquals(3, chain.modelChanges());
        assertTrue(chain.modelOn(0));
    }

    /** Copies a journal's inbound market events, inserting a change after half of them. */
    private static long copyWithChange(final Path from, final Path to, final Event change)
    {
        final List<Event> events = new ArrayList<>();
        final io.keel.core.journal.RunHeader header;
        try (JournalReader reader = JournalReader.open(from))
        {
            final Event event = new Event();
            final DecisionRecord ignored = new DecisionRecord();
            byte kind;
            while ((kind = reader.next(event, ignored)) != RecordKind.END_OF_JOURNAL)
            {
                if (kind == RecordKind.EVENT && event.type.isInbound() && event.type != EventType.EXECUTION_REPORT &&
                    event.type != EventType.OPERATOR_COMMAND)
                {
                    events.add(new Event().copyFrom(event));
                }
            }
            header = reader.header();
        }
        final int half = events.size() / 2;
        change.timestampNs = events.get(half).timestampNs;
        events.add(half + 1, change);
        try (JournalWriter writer = JournalWriter.open(to, events.get(0).timestampNs, header))
        {
            long sequence = 0;
            for (final Event event : events)
            {
                event.sequence = ++sequence;
                writer.append(event);
            }
        }
        return change.timestampNs;
    }

    @Test
    void shouldTurnAModelOffMidRunAndReplayTheChangeExactly(@TempDir final Path dir) throws Exception
    {
        final Path paper = dir.resolve("paper");
        assertEquals(ExitCode.OK, CliRunner.keel("run", "--mode", "crypto_scalp", "--duration", "5m", "--fast",
            "--journal-dir", paper.toString()).exitCode());
        final Path changed = dir.resolve("changed");
        copyWithChange(paper, changed, new Event().configChange(0, ConfigKey.MODEL_ENABLED, 0, 0));

        final CliRunner.Result first = CliRunner.keel("replay", "--journal", changed.toString(), "--out",
            dir.resolve("a").toString());
        assertEquals(ExitCode.OK, first.exitCode(), first.all());
        assertEquals(ExitCode.OK, CliRunner.keel("replay", "--journal", changed.toString(), "--out",
            dir.resolve("b").toString()).exitCode());

        // model 0 (book imbalance) had opinions before the change and none after it
        long changeSequence = -1;
        int before = 0;
        int after = 0;
        try (JournalReader reader = JournalReader.open(dir.resolve("a")))
        {
            final Event event = new Event();
            final DecisionRecord decision = new DecisionRecord();
            byte kind;
            while ((kind = reader.next(event, decision)) != RecordKind.END_OF_JOURNAL)
            {
                if (kind == RecordKind.EVENT && event.type == EventType.CONFIG_CHANGE)
                {
                    changeSequence = event.sequence;
                }
                if (kind == RecordKind.DECISION)
                {
                    if (changeSequence < 0)
                    {
                        before += decision.modelConfidence[0] > 0 ? 1 : 0;
                    }
                    else
                    {
                        after++;
                        assertEquals(0.0, decision.modelConfidence[0], "model 0 is off: " + decision);
                        assertEquals(0.0, decision.modelWeight[0], "and weighs nothing: " + decision);
                        assertTrue(decision.blendHorizonNs > 0, "sizing inputs journaled: " + decision);
                    }
                }
            }
        }
        assertTrue(changeSequence > 0, "the change is journaled in the replay");
        assertTrue(before > 0 && after > 0, "decisions on both sides of the change: " + before + " / " + after);

        // the replay's journal verifies: the change is applied at the same point every time
        final CliRunner.Result verify = CliRunner.keel("verify", "--journal", dir.resolve("a").toString());
        assertEquals(ExitCode.OK, verify.exitCode(), verify.all());
        for (final String file : List.of(dir.resolve("a").toFile().list()))
        {
            if (file.endsWith(".cq4"))
            {
                assertArrayEquals(Files.readAllBytes(dir.resolve("a").resolve(file)),
                    Files.readAllBytes(dir.resolve("b").resolve(file)), file);
            }
        }
    }
}

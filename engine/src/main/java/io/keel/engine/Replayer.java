package io.keel.engine;

import io.keel.config.ConfigLoader;
import io.keel.config.LoadedConfig;
import io.keel.core.decision.DecisionRecord;
import io.keel.core.event.Event;
import io.keel.core.journal.JournalException;
import io.keel.core.journal.JournalReader;
import io.keel.core.journal.JournalWriter;
import io.keel.core.journal.RecordKind;
import io.keel.core.journal.RunHeader;
import io.keel.monitoring.RunSummary;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Re-runs a journal through the same decision chain, on the calling thread, in event time.
 * <ul>
 *   <li>{@link #replay}: the journaled market events (and timers, operator commands) go through the chain with
 *       the simulated exchange filling its orders at fixed points of the event sequence (a backtest); the original
 *       execution reports are not used. Optionally writes an output journal: two replays of one input write
 *       identical records.</li>
 *   <li>{@link #verify}: every journaled inbound event, execution reports included, goes through the chain, and
 *       each regenerated decision and intent is compared with the journaled one; the first difference is
 *       reported.</li>
 * </ul>
 * The configuration is the one journaled in the run header unless an override is given.
 */
public final class Replayer
{
    private final Path input;
    private final Function<RunHeader, LoadedConfig> configChooser;
    private final boolean allowUnclosed;
    private final String buildVersion;

    /**
     * @param input         journal to read.
     * @param override      configuration to use instead of the journaled one, or null.
     * @param allowUnclosed accept a journal without an end-of-run marker (daemon killed).
     * @param buildVersion  version written to an output journal's header.
     */
    public Replayer(
        final Path input, final LoadedConfig override, final boolean allowUnclosed, final String buildVersion)
    {
        this(input, override, allowUnclosed, buildVersion, UnaryOperator.identity());
    }

    /**
     * @param input         journal to read.
     * @param override      configuration to use instead of the journaled one, or null.
     * @param allowUnclosed accept a journal without an end-of-run marker (daemon killed).
     * @param buildVersion  version written to an output journal's header.
     * @param adjust        applied to the chosen configuration (e.g. {@link ConfigLoader#withAllModels}).
     */
    public Replayer(
        final Path input, final LoadedConfig override, final boolean allowUnclosed, final String buildVersion,
        final UnaryOperator<LoadedConfig> adjust)
    {
        this.input = input;
        this.configChooser = header -> adjust.apply(override != null ? override :
            ConfigLoader.fromText(header.configText(), "run header of journal " + input));
        this.allowUnclosed = allowUnclosed;
        this.buildVersion = buildVersion;
    }

    /** Result of {@link #verify}. */
    public record VerifyResult(boolean identical, long comparedRecords, String firstDivergence, RunSummary summary,
        boolean nothingRecorded)
    {
        /** A comparison of a journal that recorded decisions or intents. */
        public VerifyResult(final boolean identical, final long comparedRecords, final String firstDivergence,
            final RunSummary summary)
        {
            this(identical, comparedRecords, firstDivergence, summary, false);
        }
    }

    /**
     * Replays through the simulated exchange.
     *
     * @param output output journal directory, or null for none.
     */
    public RunSummary replay(final Path output)
    {
        return replay(output, null);
    }

    /**
     * As {@link #replay(Path)}, and attributes the orders to the models.
     *
     * @param attribution builds the attribution from the journal's configuration, or null for none; it receives it.
     */
    public RunSummary replay(final Path output, final Function<LoadedConfig, ModelAttribution> attribution)
    {
        try (JournalReader reader = JournalReader.open(input))
        {
            final Event event = new Event();
            final DecisionRecord ignored = new DecisionRecord();
            final LoadedConfig loaded = configChooser.apply(readHeader(reader, event, ignored));
            final JournalWriter writer = output == null ? null : JournalWriter.open(output, startNs(loaded),
                new RunHeader(RecordKind.SCHEMA_VERSION, buildVersion, loaded.mode(), loaded.sha256(),
                    loaded.config().run().seed(), loaded.text()));
            final EventTimePipeline backtest = new EventTimePipeline(loaded, writer,
                attribution == null ? EventTimePipeline.NONE : attribution.apply(loaded).listener());
            byte kind;
            while ((kind = reader.next(event, ignored)) != RecordKind.END_OF_JOURNAL)
            {
                if (kind == RecordKind.RUN_HEADER)
                {
                    checkSameRun(reader, loaded);
                }
                if (kind == RecordKind.EVENT)
                {
                    backtest.onJournaledEvent(event);
                }
            }
            backtest.drainExchange();
            finish(reader);
            long records = 0;
            if (writer != null)
            {
                writer.close();
                records = writer.records();
            }
            return Summaries.of(loaded.mode(), backtest.chain(), records);
        }
    }

    /** Replays the journaled inbound sequence exactly and diffs regenerated decisions and intents. */
    public VerifyResult verify()
    {
        try (JournalReader reader = JournalReader.open(input))
        {
            final Event event = new Event();
            final DecisionRecord decision = new DecisionRecord();
            final LoadedConfig loaded = configChooser.apply(readHeader(reader, event, decision));
            final int schema = reader.header().schemaVersion();
            final DecisionRecord asJournaled = new DecisionRecord();
            final ArrayDeque<String> regenerated = new ArrayDeque<>();
            final DecisionChain chain = new DecisionChain(loaded, new DecisionOutput()
            {
                @Override
                public void onDecision(final DecisionRecord record)
                {
                    // an older journal lacks fields added since: compare what it has
                    regenerated.add(asJournaled.copyFrom(record).asOfSchema(schema).toString());
                }

                @Override
                public void onIntent(final Event intent)
                {
                    regenerated.add(intent.toString());
                }
            });
            final DecisionConsumer consumer = new DecisionConsumer(null, chain);
            long compared = 0;
            byte kind;
            while ((kind = reader.next(event, decision)) != RecordKind.END_OF_JOURNAL)
            {
                final String journaled;
                if (kind == RecordKind.DECISION)
                {
                    journaled = decision.toString();
                }
                else if (kind == RecordKind.EVENT && !event.type.isInbound())
                {
                    journaled = event.toString();
                }
                else
                {
                    if (kind == RecordKind.EVENT)
                    {
                        consumer.handle(event);
                    }
                    continue;
                }
                final String mine = regenerated.poll();
                compared++;
                if (!journaled.equals(mine))
                {
                    final long at = reader.lastIndex();
                    return new VerifyResult(false, compared, "record " + compared + " at journal index 0x" +
                        Long.toHexString(at) + " (" + reader.fileOf(at).getFileName() + ") differs:\n  journaled:   " +
                        journaled + "\n  regenerated: " + (mine == null ? "(nothing)" : mine),
                        Summaries.of(loaded.mode(), chain, 0));
                }
            }
            finish(reader);
            if (compared == 0)
            {
                // nothing journaled to compare with (imported market data, or a run that decided nothing): not a
                // divergence, and not a pass either
                return new VerifyResult(false, 0, regenerated.isEmpty() ? "the chain makes none either" :
                    "the chain makes them (" + regenerated.size() + "); first:\n  " + regenerated.peek(),
                    Summaries.of(loaded.mode(), chain, 0), true);
            }
            if (!regenerated.isEmpty())
            {
                return new VerifyResult(false, compared, "regenerated output has no journaled counterpart:\n  " +
                    regenerated.peek(), Summaries.of(loaded.mode(), chain, 0));
            }
            return new VerifyResult(true, compared, null, Summaries.of(loaded.mode(), chain, 0));
        }
    }

    private static RunHeader readHeader(final JournalReader reader, final Event event, final DecisionRecord decision)
    {
        final byte kind = reader.next(event, decision);
        if (kind != RecordKind.RUN_HEADER)
        {
            reader.requireCleanEnd(); // empty or unreadable: throws naming the file
        }
        return reader.header();
    }

    private static void checkSameRun(final JournalReader reader, final LoadedConfig loaded)
    {
        if (!reader.header().configHash().equals(loaded.sha256()))
        {
            throw new JournalException(reader.fileOf(reader.lastIndex()), reader.lastIndex(), "the journal holds " +
                "a second run with a different configuration (hash " + reader.header().configHash() + "); replay " +
                "runs one configuration at a time", null);
        }
    }

    private void finish(final JournalReader reader)
    {
        if (!allowUnclosed)
        {
            reader.requireCleanEnd();
        }
    }

    private static long startNs(final LoadedConfig loaded)
    {
        final Instant start = Instant.parse(loaded.config().run().startTime());
        return start.getEpochSecond() * 1_000_000_000L + start.getNano();
    }
}

package io.keel.backtest;

import io.keel.engine.BacktestListener;
import io.keel.engine.DecisionChain;
import io.keel.engine.ModelAttribution;
import io.keel.engine.EventTimePipeline;
import io.keel.engine.RecordedRun;
import io.keel.engine.ReplayPipeline;
import io.keel.config.ConfigLoader;
import io.keel.config.LoadedConfig;
import io.keel.core.InstrumentSpec;
import io.keel.core.decision.DecisionRecord;
import io.keel.core.event.Event;
import io.keel.core.journal.JournalReader;
import io.keel.core.journal.RecordKind;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ObjDoubleConsumer;

/**
 * Replays journaled days through the pipeline (the very chain the daemon runs, with the simulated exchange) and
 * records each segment with a {@link RunRecorder}. Sequentially, in one chain, when positions carry from day to day;
 * or one fresh chain per journal, in parallel across cores, when they do not (each day starts flat from the initial
 * cash, and what is still open at its end is marked and counted as closed there).
 */
public final class PipelineBacktest
{
    /** A replayed segment: its recorder and how many journal events it read. */
    public record Segment(RunRecorder recorder, String label, long eventsRead, FillComparison fills)
    {
    }

    private final LoadedConfig loaded;
    private final DayRange days;
    private final boolean allowUnclosed;
    private final Path parts;
    private final ObjDoubleConsumer<String> progress;
    private final boolean recordedFills;

    /**
     * @param loaded        the mode's configuration.
     * @param days          the UTC days replayed.
     * @param allowUnclosed accept journals without an end-of-run marker.
     * @param parts         directory for each segment's decisions (JSON lines), or null for none.
     * @param progress      told of progress (a line of text and the fraction done, NaN if unknown), from any
     *                      thread.
     */
    public PipelineBacktest(final LoadedConfig loaded, final DayRange days, final boolean allowUnclosed,
        final Path parts,
        final ObjDoubleConsumer<String> progress)
    {
        this(loaded, days, allowUnclosed, parts, progress, false);
    }

    /**
     * As above; with {@code recordedFills} the journals' own execution reports fill the orders ({@link RecordedRun}:
     * the run as it happened) instead of the simulated exchange.
     */
    public PipelineBacktest(final LoadedConfig loaded, final DayRange days, final boolean allowUnclosed,
        final Path parts,
        final ObjDoubleConsumer<String> progress, final boolean recordedFills)
    {
        this.recordedFills = recordedFills;
        this.loaded = loaded;
        this.days = days;
        this.allowUnclosed = allowUnclosed;
        this.parts = parts;
        this.progress = progress;
    }

    /**
     * @return true when the profile closes every position before every session's end (execution.flatBeforeCloseMs
     *     on a book whose instruments all have sessions): its days cannot carry positions, so they are independent.
     */
    public static boolean flatBeforeEveryClose(final LoadedConfig loaded)
    {
        return loaded.config().execution().flatBeforeCloseMs() > 0 && !loaded.config().sessions().extendedHours() &&
            loaded.instruments().stream().noneMatch(s -> io.keel.core.TradingCalendar.of(s.calendarId())
            .isAlwaysOpen());
    }

    /** Progress nobody watches (no terminal, or sweep trials running side by side). */
    public static void quiet(final String text, final double fraction)
    {
        // nothing to draw
    }

    /** All journals through one chain, in order: positions, features and risk state carry over. */
    public List<Segment> sequential(final List<Path> journals)
    {
        return List.of(segment(journals, 0, false, journals.size()));
    }

    /** Each journal through its own chain, {@code threads} at a time; segments come back in journal order. */
    public List<Segment> independent(final List<Path> journals, final int threads)
    {
        final AtomicInteger done = new AtomicInteger();
        final List<java.util.concurrent.Callable<Segment>> tasks = new ArrayList<>();
        for (int i = 0; i < journals.size(); i++)
        {
            final int index = i;
            tasks.add(() ->
            {
                final Segment s = segment(List.of(journals.get(index)), index, true, 1);
                final int finished = done.incrementAndGet();
                progress.accept(finished + "/" + journals.size() + " days", (double)finished / journals.size());
                return s;
            });
        }
        return Parallel.inOrder(tasks, threads, "backtest-day");
    }

    private Segment segment(final List<Path> journals, final int index, final boolean dayEnd, final int total)
    {
        final Path decisionsFile = parts == null ? null : parts.resolve(String.format("decisions-%05d.jsonl", index));
        try (Writer decisions = decisionsFile == null ? Writer.nullWriter() : Files.newBufferedWriter(decisionsFile,
            StandardCharsets.UTF_8))
        {
            final ModelAttribution attribution = ModelAttribution.forConfig(loaded);
            final List<String> models = attribution.modelNames();
            final DayClock clock = DayClock.of(loaded.instruments());
            final RunRecorder recorder = new RunRecorder(loaded.instruments(), models,
                loaded.money().initialCash(), decisionsFile == null ? null : decisions, attribution, clock);
            // recorded fills: each order is also scored against a shadow simulated exchange
            final FillComparison fills = recordedFills ? new FillComparison(loaded) : null;
            final ReplayPipeline backtest = recordedFills ? new RecordedRun(loaded, both(recorder, fills)) :
                new EventTimePipeline(loaded, null, recorder);
            long read = 0;
            int journal = 0;
            for (final Path path : journals)
            {
                read += replay(path, backtest, clock, journal, total);
                journal++;
            }
            backtest.finish();
            final DecisionChain chain = backtest.chain();
            recorder.finish(chain, dayEnd);
            if (fills != null)
            {
                fills.finish();
            }
            return new Segment(recorder, journals.get(0).getFileName().toString(), read, fills);
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException("cannot write " + decisionsFile, e);
        }
    }

    private long replay(final Path path, final ReplayPipeline backtest, final DayClock clock, final int journal,
        final int total)
    {
        try (JournalReader reader = JournalReader.open(path))
        {
            final Event event = new Event();
            final DecisionRecord ignored = new DecisionRecord();
            long read = 0;
            long lastReport = System.nanoTime();
            byte kind;
            while ((kind = reader.next(event, ignored)) != RecordKind.END_OF_JOURNAL)
            {
                if (kind == RecordKind.RUN_HEADER)
                {
                    checkInstruments(path, reader);
                }
                else if (kind == RecordKind.EVENT && days.contains(clock.dayOf(event.timestampNs)))
                {
                    backtest.onJournaledEvent(event);
                    read++;
                    if ((read & 0xFFFF) == 0 && System.nanoTime() - lastReport > 250_000_000L)
                    {
                        lastReport = System.nanoTime();
                        progress.accept("journal " + (journal + 1) + "/" + total + ", " +
                            java.time.LocalDate.ofEpochDay(clock.dayOf(event.timestampNs)), total > 1 ?
                            (double)journal / total : Double.NaN);
                    }
                }
            }
            if (!allowUnclosed)
            {
                reader.requireCleanEnd();
            }
            if (total > 1)
            {
                progress.accept((journal + 1) + "/" + total + " journals", (journal + 1.0) / total);
            }
            return read;
        }
    }

    /** @return a listener telling {@code first}, then {@code second}, of everything. */
    private static BacktestListener both(final BacktestListener first, final BacktestListener second)
    {
        return new BacktestListener()
        {
            @Override
            public void onDecision(final DecisionRecord record)
            {
                first.onDecision(record);
                second.onDecision(record);
            }

            @Override
            public void onIntent(final Event intent)
            {
                first.onIntent(intent);
                second.onIntent(intent);
            }

            @Override
            public void onReport(final Event report, final DecisionChain chain)
            {
                first.onReport(report, chain);
                second.onReport(report, chain);
            }

            @Override
            public void beforeEvent(final Event event, final DecisionChain chain)
            {
                first.beforeEvent(event, chain);
                second.beforeEvent(event, chain);
            }

            @Override
            public void afterEvent(final Event event, final DecisionChain chain)
            {
                first.afterEvent(event, chain);
                second.afterEvent(event, chain);
            }
        };
    }

    /** The journal's instrument ids must mean the mode's instruments: same symbol at each id. */
    private void checkInstruments(final Path path, final JournalReader reader)
    {
        final List<InstrumentSpec> journaled = ConfigLoader.fromText(reader.header().configText(),
            "run header of journal " + path).instruments();
        final List<InstrumentSpec> mine = loaded.instruments();
        boolean same = journaled.size() <= mine.size();
        for (int i = 0; same && i < journaled.size(); i++)
        {
            same = journaled.get(i).symbol().equals(mine.get(i).symbol());
        }
        if (!same)
        {
            throw new IllegalArgumentException("journal " + path + " was written for the instruments " +
                journaled.stream().map(InstrumentSpec::symbol).toList() + " but mode " + loaded.mode() + " trades " +
                mine.stream().map(InstrumentSpec::symbol).toList() + " (instrument ids must mean the same symbols: " +
                "import the data with --mode " + loaded.mode() + ")");
        }
    }
}

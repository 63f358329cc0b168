package io.keel.app.daemon;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import io.keel.config.LoadedConfig;
import io.keel.core.InstrumentSpec;
import io.keel.core.event.Event;
import io.keel.core.event.EventSink;
import io.keel.core.event.EventTranslators;
import io.keel.core.journal.JournalWriter;
import io.keel.core.journal.RecordKind;
import io.keel.core.journal.RunHeader;
import io.keel.ingest.binance.BinanceLiveFeed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Records live venue market data into a journal for later replay: one feed per symbol publishes into a ring whose
 * single consumer sequences and journals every event (the journal belongs to that thread). Stops after a wall-clock
 * duration or on {@link #requestStop()}, closing the feeds, draining the ring and closing the journal cleanly.
 */
public final class Recorder
{
    private static final Logger LOG = LoggerFactory.getLogger(Recorder.class);

    private final LoadedConfig loaded;
    private final Feeds feeds;
    private final Path journalDir;
    private final String buildVersion;
    private final LongSupplier clockNs;
    private final CountDownLatch stop = new CountDownLatch(1);
    private volatile long recorded;

    /** Starts a venue's feeds publishing into the recorder's sink. */
    @FunctionalInterface
    public interface Feeds
    {
        /** @return the started feeds, closed when recording stops. */
        List<AutoCloseable> start(EventSink sink) throws Exception;
    }

    /** @return feeds of Binance market data, one per instrument. */
    public static Feeds binance(
        final LoadedConfig loaded, final List<InstrumentSpec> instruments,
        final io.keel.ingest.binance.BinanceBookBuilder.Market market, final BinanceLiveFeed.Endpoints endpoints,
        final LongSupplier clockNs)
    {
        return sink ->
        {
            final List<AutoCloseable> started = new ArrayList<>();
            for (final InstrumentSpec spec : instruments)
            {
                final BinanceLiveFeed feed = new BinanceLiveFeed(loaded, spec, market, endpoints, sink,
                    Duration.ofHours(23).plusMinutes(50), clockNs);
                feed.events().withoutTimers(); // one timer source per process (TimerAgent), not one per feed
                started.add(feed);
                feed.start();
            }
            return started;
        };
    }

    /**
     * @param feeds   the venue's feeds.
     * @param clockNs clock naming the journal's first file (the wall clock, live).
     */
    public Recorder(
        final LoadedConfig loaded, final Feeds feeds, final Path journalDir, final String buildVersion,
        final LongSupplier clockNs)
    {
        this.loaded = loaded;
        this.feeds = feeds;
        this.journalDir = journalDir;
        this.buildVersion = buildVersion;
        this.clockNs = clockNs;
    }

    /** Asks a running recorder to stop; safe from any thread. */
    public void requestStop()
    {
        stop.countDown();
    }

    /**
     * Waits for the duration or a stop, checking the journal's disk once a second: below half of
     * {@code journal.minFreeMb} the recording stops (its journal is closed cleanly) before a write could fail.
     */
    private void awaitEnd(final Duration duration, final DiskGuard guard) throws InterruptedException
    {
        final long total = duration.compareTo(Duration.ofDays(36_500)) > 0 ? Duration.ofDays(36_500).toNanos() :
            duration.toNanos();
        final long deadline = System.nanoTime() + total;
        boolean warned = false;
        long left;
        while ((left = deadline - System.nanoTime()) > 0 && !stop.await(Math.min(left, 1_000_000_000L),
            TimeUnit.NANOSECONDS))
        {
            final DiskGuard.Level level = guard == null ? DiskGuard.Level.OK : guard.check();
            if (level != DiskGuard.Level.OK && !warned)
            {
                warned = true;
                LOG.error("ALERT {}", guard.describe());
            }
            if (level == DiskGuard.Level.CRITICAL)
            {
                LOG.error("ALERT {}, and under half of it: recording stops, its journal closed cleanly",
                    guard.describe());
                return;
            }
        }
    }

    /**
     * Records until {@code duration} has passed or a stop is requested.
     *
     * @return events journaled.
     */
    public long run(final Duration duration) throws InterruptedException
    {
        final JournalWriter journal = JournalWriter.open(journalDir, clockNs.getAsLong(), new RunHeader(
            RecordKind.SCHEMA_VERSION, buildVersion, loaded.mode(), loaded.sha256(), loaded.config().run().seed(),
            loaded.text())).pretouching(); // page faults off the recording thread, as in the daemon
        final Disruptor<Event> disruptor = new Disruptor<>(Event::new, 1 << 16, r -> new Thread(r, "keel-recorder"),
            ProducerType.MULTI, new BlockingWaitStrategy());
        final CountDownLatch closed = new CountDownLatch(1);
        disruptor.handleEventsWith(new EventHandler<Event>()
        {
            private long sequence;

            @Override
            public void onEvent(final Event event, final long ringSequence, final boolean endOfBatch)
            {
                event.sequence = ++sequence;
                journal.append(event);
                recorded = sequence;
            }

            @Override
            public void onShutdown()
            {
                journal.close();
                closed.countDown();
            }
        });
        final RingBuffer<Event> ring = disruptor.start();
        // one timer source for every feed (they publish none of their own), journaled like the market
        final org.agrona.concurrent.AgentRunner timers = new org.agrona.concurrent.AgentRunner(
            new org.agrona.concurrent.BackoffIdleStrategy(1, 1, 1_000, 1_000_000), ex -> LOG.error("timer failed", ex),
            null, new TimerAgent(ring, loaded.config().run().timerIntervalMs() * 1_000_000L, clockNs));
        org.agrona.concurrent.AgentRunner.startOnThread(timers);
        final List<AutoCloseable> started = new ArrayList<>();
        try
        {
            started.addAll(feeds.start(event -> EventTranslators.publish(ring, event)));
            awaitEnd(duration, DiskGuard.of(journalDir, loaded.config().journal().minFreeMb()));
        }
        catch (final InterruptedException ex)
        {
            throw ex;
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException("feeds failed to start: " + ex, ex);
        }
        finally
        {
            for (final AutoCloseable feed : started)
            {
                try
                {
                    feed.close();
                }
                catch (final Exception ex)
                {
                    // closing is best effort; the journal still closes below
                }
            }
            timers.close();
            disruptor.shutdown();
            closed.await(10, TimeUnit.SECONDS);
        }
        return recorded;
    }
}

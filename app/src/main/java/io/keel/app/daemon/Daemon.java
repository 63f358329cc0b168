package io.keel.app.daemon;

import io.keel.engine.ChainMetrics;
import io.keel.engine.DecisionChain;
import io.keel.engine.DecisionConsumer;
import io.keel.engine.EventTimePipeline;
import io.keel.engine.JournalingOutput;
import io.keel.engine.Summaries;
import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import io.keel.config.KeelConfig;
import io.keel.config.LoadedConfig;
import io.keel.core.event.Event;
import io.keel.core.event.EventTranslators;
import io.keel.core.event.OperatorCommand;
import io.keel.core.journal.JournalWriter;
import io.keel.core.journal.RecordKind;
import io.keel.core.journal.RunHeader;
import io.keel.execution.gateway.VenueOpening;
import io.keel.monitoring.RunSummary;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * The daemon's lifecycle, wired as in ARCHITECTURE: market sources (the simulated market's agent, or live feeds) →
 * inbound ring → one fused decision consumer (journal, then the chain; on the simulated venue the simulated exchange
 * too, in event time) → for live orders, the order ring → one agent per live venue → its reports back on the inbound
 * ring. Paper trading on the embedded venue, paper trading on live data, and live trading are the same lifecycle.
 * {@link #run} returns when the configured duration has passed or {@link #requestStop()} is called (SIGTERM,
 * Ctrl-C); either way open orders are canceled, the journal is flushed and closed, and a summary is returned.
 */
public final class Daemon implements io.keel.monitoring.control.DaemonControl
{
    private static final Logger LOG = LoggerFactory.getLogger(Daemon.class);
    private static final long STOP_TIMEOUT_NS = 10_000_000_000L;

    private LoadedConfig loaded;
    private final Path journalDir;
    private final long durationNs;
    private final boolean realtime;
    private final String buildVersion;
    private volatile boolean stopRequested;
    private final AtomicReference<RunSummary> summary = new AtomicReference<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private MarketSources market;
    private volatile java.util.function.LongSupplier eventClock;
    private volatile CommandInbox inbox;
    private Path stateDir;
    private volatile io.keel.risk.AuditLog audit;
    private final AuditQueue auditQueue = new AuditQueue(java.time.Clock.systemUTC());
    private volatile HaltAuditor haltAuditor;
    private final java.util.List<VenueOpening.Options> live = new java.util.ArrayList<>();
    private Recorder.Feeds liveFeeds;
    private java.util.function.Consumer<io.keel.core.metrics.MetricBoard> onMetrics;
    private volatile java.util.function.LongSupplier lag;

    /**
     * @param loaded       validated configuration.
     * @param journalDir   journal directory, or null when journaling is off.
     * @param durationNs   event time to run for, Long.MAX_VALUE for until stopped.
     * @param realtime     pace the simulated market to the wall clock.
     * @param buildVersion version written to the run header.
     */
    public Daemon(
        final LoadedConfig loaded, final Path journalDir, final long durationNs, final boolean realtime,
        final String buildVersion)
    {
        this.loaded = loaded;
        this.journalDir = journalDir;
        this.durationNs = durationNs;
        this.realtime = realtime;
        this.buildVersion = buildVersion;
        this.inbox = new CommandInbox(loaded, null);
    }

    /** Asks a running daemon to stop cleanly; safe from any thread (signal handlers). */
    @Override
    public void requestStop()
    {
        stopRequested = true;
    }

    /** Publishes an operator command into the inbound ring (journaled like any event). @return false if not running. */
    public boolean command(final OperatorCommand command)
    {
        return inbox().command(command, -1, 0);
    }

    /** Publishes an operator command about one instrument or order. @return false when the daemon is not running. */
    public boolean command(final OperatorCommand command, final int instrumentId, final long clientOrderId)
    {
        return inbox().command(command, instrumentId, clientOrderId);
    }

    /**
     * Publishes a live configuration change into the inbound ring (journaled, so a replay applies it at the same
     * point): e.g. {@link io.keel.core.event.ConfigKey#MODEL_ENABLED} with the model's index in the zoo.
     *
     * @return false when the daemon is not running.
     */
    public boolean configChange(final io.keel.core.event.ConfigKey key, final int target, final long value)
    {
        return inbox().configChange(key, target, value);
    }

    /**
     * Keeps the kill-switch latch and the audit log in {@code dir} (null: none, as in benchmarks). A latch left by an
     * earlier run engages the kill switch before anything trades.
     */
    public Daemon stateDirectory(final Path dir)
    {
        this.stateDir = dir;
        this.inbox = new CommandInbox(loaded, dir);
        return this;
    }

    @Override
    public boolean command(final OperatorCommand command, final String who, final String reason)
    {
        return inbox().command(command, -1, 0, who, reason);
    }

    @Override
    public boolean command(final OperatorCommand command, final int instrumentId, final long clientOrderId,
        final String who, final String reason)
    {
        return inbox().command(command, instrumentId, clientOrderId, who, reason);
    }

    private CommandInbox inbox()
    {
        return inbox;
    }

    /**
     * Sends the orders of the book's Binance instruments ({@code instruments[].venue: binance}) to Binance spot at
     * {@code restUrl} instead of the simulated exchange. Needs {@code execution.liveTrading: true} in the profile and
     * a state directory. With {@link #liveAlpacaOrders} too, one book trades on both venues.
     */
    public Daemon liveOrders(final String restUrl, final String apiKey, final String secret)
    {
        live.add(new VenueOpening.Options(VenueOpening.Venue.BINANCE, restUrl, apiKey, secret));
        return this;
    }

    /** As {@link #liveOrders}, the Alpaca instruments' orders to Alpaca's trading API at {@code restUrl}. */
    public Daemon liveAlpacaOrders(final String restUrl, final String keyId, final String secret)
    {
        live.add(new VenueOpening.Options(VenueOpening.Venue.ALPACA, restUrl, keyId, secret));
        return this;
    }

    /**
     * At a live start, opens from the venue's positions even where they differ from what the previous run's journal
     * and its recovered orders add up to (without it such a start is refused). Every difference is audited.
     */
    public Daemon adoptVenuePositions()
    {
        if (live.isEmpty())
        {
            throw new IllegalArgumentException("adopting the venue's positions needs a live venue");
        }
        live.replaceAll(VenueOpening.Options::adoptingVenuePositions);
        return this;
    }

    /**
     * Publishes the chain's metrics: when the run starts, a board is declared for its mode, instruments and models and
     * handed to {@code onBoard} (monitoring binds it), before any event is decided.
     */
    @Override
    public Daemon metrics(final java.util.function.Consumer<io.keel.core.metrics.MetricBoard> onBoard)
    {
        this.onMetrics = onBoard;
        return this;
    }

    /** @return inbound events published but not yet journaled and decided (0 before the run starts). */
    @Override
    public long inboundLag()
    {
        final java.util.function.LongSupplier current = lag;
        return current == null ? 0 : current.getAsLong();
    }

    /** @return the configuration the daemon runs (a live start's, once opened from the venue). */
    @Override
    public LoadedConfig config()
    {
        return loaded;
    }

    /** @return true when this daemon sends live orders. */
    @Override
    public boolean live()
    {
        return !live.isEmpty();
    }

    /**
     * Takes market data from a live venue's feeds instead of the simulated market: events are stamped with their
     * receive time, the run opens at the wall clock and lasts its duration in wall time (or until stopped). Without a
     * live order venue this is paper trading on live data (the simulated exchange matches against the live book).
     */
    public Daemon liveMarketData(final Recorder.Feeds feeds)
    {
        this.liveFeeds = feeds;
        return this;
    }

    /** @return the live venues (recovery, snapshots, opening book), or null for the simulated exchange. */
    private LiveVenues prepareLive(final long startNs)
    {
        if (live.isEmpty())
        {
            return null;
        }
        final LiveVenues venues = LiveVenues.open(loaded, stateDir, live, startNs, System.currentTimeMillis());
        loaded = venues.config();
        return venues;
    }

    /** The first inbound events, before the venue starts: the live run's opening book, a latched kill switch. */
    private void publishStart(final RingBuffer<Event> ring, final long startNs, final LiveVenues liveStart,
        final io.keel.risk.KillSwitchLatch latch)
    {
        if (liveStart != null)
        {
            liveStart.publishOpening(ring, startNs, audit, journalDir);
        }
        if (latch != null)
        {
            StateTriggers.discardStaleResets(stateDir, audit);
            if (latch.engaged())
            {
                // before the venue starts: nothing can trade ahead of the re-engaged switch
                audit.record(startNs, "restart", "requested " + OperatorCommand.KILL, "kill switch latched by an " +
                    "earlier run: " + latch.reason());
                EventTranslators.publish(ring, new Event().operatorCommand(startNs, OperatorCommand.KILL, -1));
            }
        }
    }

    /** Writes an operator's action that is not a journaled command (stopping the daemon) to the audit log. */
    @Override
    public void audit(final String who, final String what, final String reason)
    {
        inbox().audit(who, what, reason);
    }

    /** @return the state directory (latch, audit log, triggers), or null when the run keeps none. */
    @Override
    public Path stateDirectory()
    {
        return stateDir;
    }

    /** @return the journal directory, or null when the run keeps none. */
    @Override
    public Path journalDirectory()
    {
        return journalDir;
    }

    /** @return whether the kill switch is engaged (as the decision thread last reported it; needs a state dir). */
    @Override
    public boolean killSwitchEngaged()
    {
        final HaltAuditor auditor = haltAuditor;
        return auditor != null && auditor.killSwitchEngaged();
    }

    /** @return true while the daemon runs (its venue started and has not stopped). */
    @Override
    public boolean running()
    {
        return inbox().isOpen() && !stopRequested;
    }

    /** Runs until the duration elapses or a stop is requested. */
    public RunSummary run()
    {
        final Instant start = liveFeeds != null ? Instant.now() : Instant.parse(loaded.config().run().startTime());
        final long startNs = start.getEpochSecond() * 1_000_000_000L + start.getNano();
        final LiveVenues liveStart = prepareLive(startNs);
        inbox = new CommandInbox(loaded, stateDir); // a live start may have changed the configuration
        final KeelConfig config = loaded.config();
        // the journal's pages are touched ahead on a thread of its own: page faults stay off the decision thread
        final JournalWriter journal = journalDir == null ? null : JournalWriter.open(journalDir, startNs,
            new RunHeader(RecordKind.SCHEMA_VERSION, buildVersion, loaded.mode(), loaded.sha256(),
                config.run().seed(), loaded.text())).pretouching();
        final int ringSize = config.pipeline().ringSize();
        final Disruptor<Event> disruptor = new Disruptor<>(Event::new, ringSize,
            r -> new Thread(r, "keel-decision"), ProducerType.MULTI, waitStrategy(config.pipeline().waitStrategy()));

        // 1. the decision consumer: sequence and journal each inbound event, then decide; on the simulated venue the
        //    simulated exchange runs on this thread in event time, as in a backtest (paper = backtest of its journal)
        final EventTimePipeline simulated = liveStart == null ? new EventTimePipeline(loaded, journal) : null;
        final DecisionConsumer consumer = simulated != null ? simulated.consumer() : new DecisionConsumer(journal,
            new DecisionChain(loaded, new JournalingOutput(journal, liveStart::onIntent)));
        final DecisionChain chain = consumer.chain();
        final Runnable closeJournal = () -> closeJournal(journal, chain);
        if (simulated != null)
        {
            simulated.onShutdown(closeJournal);
        }
        else
        {
            consumer.onShutdown(closeJournal);
        }
        declareMetrics(chain, consumer);
        disruptor.setDefaultExceptionHandler(new DecisionFailureHandler(chain, failure, this::requestStop));
        final EventHandler<Event> decision = simulated != null ? simulated : consumer;
        disruptor.handleEventsWith(decision);
        // 2. the kill-switch latch and the audit log
        final io.keel.risk.KillSwitchLatch latch = openStateDirectory(chain);
        final RingBuffer<Event> ring = disruptor.start();
        lag = () -> ring.getCursor() - disruptor.getSequenceValueFor(decision);
        publishStart(ring, startNs, liveStart, latch);
        if (liveStart != null)
        {
            recordOnceJournaled(liveStart, ring, disruptor, decision);
        }

        // 3. one agent per live venue's orders (it owns that venue's REST calls), each instrument routed to its venue
        if (liveStart != null)
        {
            liveStart.start(loaded.instruments(), ring, this::requestStop);
        }
        // 4. market data straight to the inbound ring: the simulated market's agent, or the live feeds
        market = new MarketSources(loaded, liveFeeds, durationNs, realtime, this::requestStop);
        eventClock = market.start(ring, startNs);
        inbox().open(ring, eventClock);

        // 5. the watchdogs on this thread: the journal's disk, trigger files, the decision thread's audit entries
        final Watchdogs watchdogs = watchdogs();
        awaitStopCondition(watchdogs);
        shutdown(liveStart, ring, disruptor, decision);
        watchdogs.drainAudit();
        if (audit != null)
        {
            inbox().state(null, null);
            audit.close();
            audit = null;
        }
        final Throwable failed = failure.get();
        if (market.feedFailure() != null)
        {
            throw market.feedFailure();
        }
        if (failed != null)
        {
            throw new IllegalStateException("the decision thread failed; trading was halted (kill switch engaged) " +
                "and the daemon stopped: " + failed, failed);
        }
        return summary.get();
    }

    /** @return the kill-switch latch (null without a state directory); opens the audit log and hears every halt. */
    private io.keel.risk.KillSwitchLatch openStateDirectory(final DecisionChain chain)
    {
        final io.keel.risk.KillSwitchLatch latch = stateDir == null ? null : new io.keel.risk.KillSwitchLatch(stateDir);
        if (stateDir != null)
        {
            audit = io.keel.risk.AuditLog.open(stateDir, java.time.Clock.systemUTC());
            inbox().state(audit, latch);
            haltAuditor = new HaltAuditor(auditQueue, latch, loaded);
            chain.riskListener(haltAuditor);
        }
        return latch;
    }

    /**
     * The run becomes the one the next start recovers from only once its opening book is journaled (nothing can be
     * sent before: the venue agent starts after). A run killed before this point sent nothing, and the next start
     * compares the venue with the previous run's journal, which is still the right one.
     */
    private void recordOnceJournaled(final LiveVenues liveStart, final RingBuffer<Event> ring,
        final Disruptor<Event> disruptor, final EventHandler<Event> decision)
    {
        final long opened = ring.getCursor();
        awaitQuiet(() -> disruptor.getSequenceValueFor(decision) >= opened, System.nanoTime() + STOP_TIMEOUT_NS);
        if (disruptor.getSequenceValueFor(decision) < opened)
        {
            throw new IllegalStateException("the live run's opening book was not journaled in time: not trading");
        }
        VenueOpening.recordRun(stateDir, liveStart.tag(), journalDir == null ? stateDir.resolve("no-journal") :
            journalDir);
    }

    /** Closes the journal on the decision thread and keeps the run's summary. */
    private void closeJournal(final JournalWriter journal, final DecisionChain chain)
    {
        long records = 0;
        if (journal != null)
        {
            journal.close();
            records = journal.records();
        }
        summary.set(Summaries.of(loaded.mode(), chain, records));
    }

    private void declareMetrics(final DecisionChain chain, final DecisionConsumer consumer)
    {
        if (onMetrics != null)
        {
            final ChainMetrics metrics = new ChainMetrics(new io.keel.core.metrics.MetricBoard(), loaded.mode(),
                loaded.instruments(), chain.modelNames());
            chain.metrics(metrics);
            consumer.metrics(metrics);
            onMetrics.accept(metrics.board());
        }
    }

    private Watchdogs watchdogs()
    {
        return new Watchdogs(DiskGuard.of(journalDir, loaded.config().journal().minFreeMb()), stateDir, auditQueue,
            audit, this);
    }

    private void awaitStopCondition(final Watchdogs watchdogs)
    {
        while (!stopRequested && !market.finished())
        {
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000L);
            watchdogs.poll(System.nanoTime());
        }
    }

    private void shutdown(final LiveVenues venues, final RingBuffer<Event> ring, final Disruptor<Event> disruptor,
        final EventHandler<Event> decision)
    {
        market.stop();
        // The shutdown command is journaled: the chain cancels every working order, the venue answers (the simulated
        // exchange when the ring shuts down, as a backtest drains it at the end), and live reports come back through
        // the ring before we stop it.
        EventTranslators.publish(ring, new Event().operatorCommand(eventClock.getAsLong(), OperatorCommand.SHUTDOWN,
            -1));
        final long deadline = System.nanoTime() + STOP_TIMEOUT_NS;
        awaitQuiet(() -> disruptor.getSequenceValueFor(decision) == ring.getCursor() &&
            (venues == null || venues.drained()), deadline);
        if (venues != null)
        {
            venues.close();
        }
        disruptor.shutdown();
        awaitQuiet(() -> summary.get() != null, System.nanoTime() + STOP_TIMEOUT_NS);
    }

    private static void awaitQuiet(final BooleanSupplier quiet, final long deadlineNs)
    {
        int quietChecks = 0;
        while (quietChecks < 3 && System.nanoTime() < deadlineNs)
        {
            quietChecks = quiet.getAsBoolean() ? quietChecks + 1 : 0;
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000L);
        }
    }

    private static WaitStrategy waitStrategy(final KeelConfig.WaitStrategy strategy)
    {
        return switch (strategy)
        {
            case BLOCKING -> new BlockingWaitStrategy();
            case YIELDING -> new YieldingWaitStrategy();
            case BUSY_SPIN -> new BusySpinWaitStrategy();
        };
    }
}

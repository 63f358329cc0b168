package io.keel.app.daemon;

import com.lmax.disruptor.RingBuffer;
import io.keel.config.LoadedConfig;
import io.keel.core.event.Event;
import io.keel.core.event.EventTranslators;
import io.keel.ingest.sim.SimMarket;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Where a run's market comes from, each source publishing straight to the inbound ring: the simulated market's agent
 * (paced to the wall clock or as fast as the ring takes it, for an event-time duration), or a live venue's feeds with
 * the process's one timer source (for a wall-clock duration).
 *
 * <p>{@link #start} and {@link #stop} from the daemon's main thread.
 */
final class MarketSources
{
    private static final Logger LOG = LoggerFactory.getLogger(MarketSources.class);

    private final LoadedConfig loaded;
    private final Recorder.Feeds liveFeeds;
    private final long durationNs;
    private final boolean realtime;
    private final Runnable onFailure;
    private final List<AutoCloseable> startedFeeds = new ArrayList<>();
    private SimMarketAgent simMarket;
    private AgentRunner marketRunner;
    private AgentRunner timerRunner;
    private long wallEndNs = Long.MAX_VALUE;
    private IllegalStateException feedFailure;

    /**
     * @param liveFeeds  a live venue's feeds, or null for the simulated market.
     * @param durationNs how long to run (event time simulated, wall time live); Long.MAX_VALUE until stopped.
     * @param realtime   pace the simulated market to the wall clock.
     * @param onFailure  asks the daemon to stop (a source failed).
     */
    MarketSources(final LoadedConfig loaded, final Recorder.Feeds liveFeeds, final long durationNs,
        final boolean realtime, final Runnable onFailure)
    {
        this.loaded = loaded;
        this.liveFeeds = liveFeeds;
        this.durationNs = durationNs;
        this.realtime = realtime;
        this.onFailure = onFailure;
    }

    /** @return true when the market is a live venue's (events stamped with their receive time). */
    boolean live()
    {
        return liveFeeds != null;
    }

    /**
     * Starts the sources publishing to {@code inbound}.
     *
     * @return the run's event clock (the simulated market's latest event time, or the wall clock live).
     */
    LongSupplier start(final RingBuffer<Event> inbound, final long startNs)
    {
        if (liveFeeds == null)
        {
            final long endNs = durationNs == Long.MAX_VALUE ? Long.MAX_VALUE : startNs + durationNs;
            simMarket = new SimMarketAgent(new SimMarket(loaded), inbound, realtime, endNs,
                loaded.instruments().size(), System::nanoTime);
            marketRunner = startAgent(simMarket, onFailure);
            return simMarket::lastEventNs;
        }
        // one timer source for every feed (they publish none of their own)
        timerRunner = startAgent(new TimerAgent(inbound, loaded.config().run().timerIntervalMs() * 1_000_000L,
            MarketSources::epochNowNs), onFailure);
        if (durationNs != Long.MAX_VALUE)
        {
            wallEndNs = System.nanoTime() + durationNs;
        }
        try
        {
            startedFeeds.addAll(liveFeeds.start(event -> EventTranslators.publish(inbound, event)));
        }
        catch (final Exception ex)
        {
            feedFailure = new IllegalStateException("live market data failed to start, nothing traded: " + ex, ex);
            LOG.error("{}", feedFailure.getMessage());
            onFailure.run();
        }
        return MarketSources::epochNowNs;
    }

    /** @return true once the run's duration has passed (the simulated market generated it, or the wall clock). */
    boolean finished()
    {
        return simMarket != null && simMarket.finished() ||
            wallEndNs != Long.MAX_VALUE && System.nanoTime() - wallEndNs >= 0;
    }

    /** @return why the live feeds failed to start, or null. */
    IllegalStateException feedFailure()
    {
        return feedFailure;
    }

    /** Stops every source: feeds closed, the timer and the simulated market's agent ended. */
    void stop()
    {
        for (final AutoCloseable feed : startedFeeds)
        {
            try
            {
                feed.close();
            }
            catch (final Exception ex)
            {
                LOG.warn("closing a live feed failed: {}", ex.toString());
            }
        }
        startedFeeds.clear();
        if (timerRunner != null)
        {
            timerRunner.close();
        }
        if (marketRunner != null)
        {
            simMarket.stop();
            marketRunner.close();
        }
    }

    /** Starts an agent on its own thread; a failure is logged and {@code onFailure} asked to stop the daemon. */
    static AgentRunner startAgent(final Agent agent, final Runnable onFailure)
    {
        final AgentRunner runner = new AgentRunner(new BackoffIdleStrategy(100, 10, 1_000, 1_000_000),
            ex ->
            {
                LOG.error("{} failed; stopping the daemon", agent.roleName(), ex);
                onFailure.run();
            }, null, agent);
        AgentRunner.startOnThread(runner);
        return runner;
    }

    /** @return the wall clock in epoch nanoseconds. */
    static long epochNowNs()
    {
        final Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}

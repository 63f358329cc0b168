package io.keel.app.daemon;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.EventPoller;
import com.lmax.disruptor.RingBuffer;
import io.keel.config.ConfigLoader;
import io.keel.config.LoadedConfig;
import io.keel.core.FixedPoint;
import io.keel.core.InstrumentSpec;
import io.keel.core.event.Event;
import io.keel.core.event.EventTranslators;
import io.keel.execution.gateway.GatewayLoop;
import io.keel.execution.gateway.VenueOpening;
import org.agrona.concurrent.AgentRunner;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The live venues of one book: each venue started as {@link VenueOpening} says (its previous run's orders resolved, its
 * balances read, its positions opened), one order ring and one agent per venue, and every intent routed to the
 * agent of its instrument's venue ({@code instruments[].venue}). The book opens with the cash of every venue plus the
 * value of every venue's positions (quote currencies taken one for one: USDT as USD); one portfolio, one risk overlay.
 */
final class LiveVenues
{
    private final List<VenueOpening> starts;
    private final LoadedConfig config;
    private final int[] venueOf;
    private final List<RingBuffer<Event>> orderRings = new ArrayList<>();
    private final List<EventPoller<Event>> pollers = new ArrayList<>();
    private final List<VenueAgent> agents = new ArrayList<>();
    private final List<AgentRunner> runners = new ArrayList<>();

    private LiveVenues(final List<VenueOpening> starts, final LoadedConfig config, final int[] venueOf,
        final int ringSize)
    {
        this.starts = starts;
        this.config = config;
        this.venueOf = venueOf;
        for (int v = 0; v < starts.size(); v++)
        {
            final RingBuffer<Event> ring = RingBuffer.createSingleProducer(Event::new, ringSize,
                new BlockingWaitStrategy());
            final EventPoller<Event> poller = ring.newPoller();
            ring.addGatingSequences(poller.getSequence());
            orderRings.add(ring);
            pollers.add(poller);
        }
    }

    /**
     * Starts every venue, or refuses: a venue given twice, an instrument whose venue has no live gateway, a venue that
     * trades none of the mode's instruments, or any venue's own refusal ({@link VenueOpening#open}).
     */
    static LiveVenues open(final LoadedConfig loaded, final Path stateDir, final List<VenueOpening.Options> options,
        final long startNs, final long wallMs)
    {
        final List<VenueOpening.Venue> venues = new ArrayList<>();
        for (final VenueOpening.Options o : options)
        {
            if (venues.contains(o.venue()))
            {
                throw new IllegalArgumentException(label(o.venue()) + " is given twice: one gateway per venue");
            }
            venues.add(o.venue());
        }
        final int[] venueOf = new int[loaded.instruments().size()];
        for (final InstrumentSpec spec : loaded.instruments())
        {
            final int v = venues.stream().map(LiveVenues::label).toList().indexOf(spec.venue());
            if (v < 0)
            {
                throw new IllegalArgumentException(spec.symbol() + " trades on " + spec.venue() + " " +
                    "(instruments[].venue), which has no live gateway in this run (--live-" + spec.venue() + "): " +
                    "a live book sends every instrument's orders to its venue");
            }
            venueOf[spec.id()] = v;
        }
        final List<VenueOpening> starts = new ArrayList<>();
        long cash = 0;
        for (final VenueOpening.Options o : options)
        {
            final VenueOpening start = VenueOpening.open(loaded, stateDir, o, startNs, wallMs);
            starts.add(start);
            cash = Math.addExact(cash, start.openingCash);
        }
        final LoadedConfig opened = starts.size() == 1 ? starts.get(0).config :
            ConfigLoader.withInitialCash(loaded, BigDecimal.valueOf(cash, FixedPoint.MONEY_SCALE));
        return new LiveVenues(starts, opened, venueOf, loaded.config().pipeline().ringSize() / 4);
    }

    /** @return the configuration the book opens with (its initial cash the venues' together). */
    LoadedConfig config()
    {
        return config;
    }

    /** @return the run's tag (every venue's ids carry it). */
    String tag()
    {
        return starts.get(0).tag;
    }

    /** Audits every venue's opening and publishes its opening book, before any venue starts. */
    void publishOpening(final RingBuffer<Event> inbound, final long startNs, final io.keel.risk.AuditLog audit,
        final Path journalDir)
    {
        for (final VenueOpening start : starts)
        {
            audit.record(startNs, "live", "opened from the venue", label(start.venue) + " run " + start.tag +
                " journal " + journalDir + ", " + start.recovered + " unfinished orders of the previous run " +
                "resolved by query");
            for (final String difference : start.adopted)
            {
                audit.record(startNs, "operator", "adopted the venue's position", difference);
            }
            for (final Event opening : start.opening)
            {
                EventTranslators.publish(inbound, opening);
            }
        }
    }

    /** Sends an intent to its instrument's venue (the decision thread; one producer per order ring). */
    void onIntent(final Event intent)
    {
        EventTranslators.publish(orderRings.get(venueOf[intent.instrumentId]), intent);
    }

    /** Starts one agent per venue: its gateway loop's reports go to the inbound ring. */
    void start(final List<InstrumentSpec> instruments, final RingBuffer<Event> inbound, final Runnable onFailure)
    {
        for (int v = 0; v < starts.size(); v++)
        {
            final VenueOpening start = starts.get(v);
            final VenueAgent agent = new VenueAgent(label(start.venue), pollers.get(v), new GatewayLoop(
                start.gateway, instruments, report -> EventTranslators.publish(inbound, report), System::nanoTime,
                200_000_000L));
            agents.add(agent);
            runners.add(MarketSources.startAgent(agent, onFailure));
        }
    }

    /** @return true when every intent sent has been taken by its venue's agent. */
    boolean drained()
    {
        for (int v = 0; v < agents.size(); v++)
        {
            if (!agents.get(v).drained(orderRings.get(v)))
            {
                return false;
            }
        }
        return true;
    }

    /** Stops every venue's agent (its last intents still go out). */
    void close()
    {
        for (final AgentRunner runner : runners)
        {
            runner.close();
        }
    }

    private static String label(final VenueOpening.Venue venue)
    {
        return venue.name().toLowerCase(Locale.ROOT);
    }
}

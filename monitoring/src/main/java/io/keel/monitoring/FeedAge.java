package io.keel.monitoring;

import io.keel.core.metrics.MetricBoard;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Market-data age per instrument without a clock read on the decision thread: the chain only counts market events
 * ({@code keel_market_events_total}); {@link #sample()}, a few times a second on the monitoring side, notes when each
 * count last moved, and {@code keel_market_data_age_seconds} is the wall time since then.
 */
public final class FeedAge
{
    private final MetricBoard board;
    private final List<Feed> feeds = new ArrayList<>();
    private final List<io.micrometer.core.instrument.Meter> gauges = new ArrayList<>();

    private static final class Feed
    {
        final MetricBoard.Series counter;
        long lastCount = -1;
        volatile long lastChangeNs;

        Feed(final MetricBoard.Series counter, final long nowNs)
        {
            this.counter = counter;
            this.lastChangeNs = nowNs;
        }
    }

    /** Registers one age gauge per instrument counted on {@code board}. */
    public FeedAge(final MetricBoard board, final MeterRegistry registry)
    {
        this.board = board;
        final long now = System.nanoTime();
        for (final MetricBoard.Series s : board.series())
        {
            if (s.name().equals("keel_market_events_total"))
            {
                final Feed feed = new Feed(s, now);
                feeds.add(feed);
                Tags tags = Tags.empty();
                for (final Map.Entry<String, String> l : s.labels().entrySet())
                {
                    tags = tags.and(l.getKey(), l.getValue());
                }
                gauges.add(Gauge.builder("keel_market_data_age_seconds", feed, f -> (System.nanoTime() -
                    f.lastChangeNs) / 1e9).description("Wall time since the instrument's last market event").tags(tags)
                    .register(registry));
            }
        }
    }

    /** Removes the age gauges (the run ended; the next one registers its own). */
    public void unbind(final MeterRegistry registry)
    {
        gauges.forEach(registry::remove);
    }

    /** Notes which feeds moved since the last sample; call from one thread. */
    public void sample()
    {
        final long now = System.nanoTime();
        for (final Feed feed : feeds)
        {
            final long count = board.raw(feed.counter.slot());
            if (count != feed.lastCount)
            {
                feed.lastCount = count;
                feed.lastChangeNs = now;
            }
        }
    }

    /** @return each instrument's feed age in seconds, by symbol. */
    public Map<String, Double> agesBySymbol()
    {
        final long now = System.nanoTime();
        final Map<String, Double> out = new java.util.LinkedHashMap<>();
        for (final Feed feed : feeds)
        {
            out.put(feed.counter.labels().get("symbol"), (now - feed.lastChangeNs) / 1e9);
        }
        return out;
    }

    /** @return the oldest feed's age in seconds (0 when there are none). */
    public double oldestSeconds()
    {
        final long now = System.nanoTime();
        double oldest = 0;
        for (final Feed feed : feeds)
        {
            oldest = Math.max(oldest, (now - feed.lastChangeNs) / 1e9);
        }
        return oldest;
    }
}

package io.keel.core.metrics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The daemon's metrics as slots of {@code long}: declared once at start-up (name, help, labels from configuration),
 * then written by one thread — the decision thread — with ordered stores (no lock, no allocation, no fence beyond a
 * store-store), and read by the monitoring side whenever Prometheus scrapes. Counters only grow; gauges hold the
 * latest value, as a fixed-point {@code long} with a scale or as a {@code double}'s bits; histograms are fixed
 * buckets plus count and sum.
 *
 * <p>Names and labels are Prometheus's: base units ({@code _seconds}, {@code _usd}), {@code _total} on counters, label
 * values from configuration only (mode, symbol, model, side, reason — never an order id or a price). A board refuses
 * more than {@link #MAX_SERIES} series: a cardinality mistake fails at start-up, not in Prometheus a day later.
 */
public final class MetricBoard
{
    /** The most series one board may declare. */
    public static final int MAX_SERIES = 4_000;

    /** What a series is. */
    public enum Kind
    {
        COUNTER, GAUGE, HISTOGRAM
    }

    /**
     * One declared series.
     *
     * @param slot      first slot (a histogram uses {@code bounds.length + 3}: buckets, +Inf, count, sum).
     * @param scale     fixed-point values are divided by this to give the base unit (1 for plain counts).
     * @param isDouble  the slot holds {@link Double#doubleToRawLongBits}.
     * @param bounds    a histogram's bucket upper bounds in recorded units (empty otherwise).
     */
    public record Series(String name, String help, Kind kind, Map<String, String> labels, int slot, double scale,
        boolean isDouble, long[] bounds)
    {
    }

    private final List<Series> series = new ArrayList<>();
    private final Map<String, Series> byKey = new LinkedHashMap<>();
    private int slots;
    private AtomicLongArray values;

    private int declare(final String name, final String help, final Kind kind, final double scale,
        final boolean isDouble, final long[] bounds, final String... labels)
    {
        if (values != null)
        {
            throw new IllegalStateException("metric " + name + " declared after the board was frozen");
        }
        if (!name.matches("[a-z_][a-z0-9_]*") || labels.length % 2 != 0)
        {
            throw new IllegalArgumentException("bad metric name or label list: " + name);
        }
        if (series.size() >= MAX_SERIES)
        {
            throw new IllegalArgumentException("more than " + MAX_SERIES + " metric series (at " + name + "): a " +
                "label takes values it should not (order ids, prices?)");
        }
        final Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < labels.length; i += 2)
        {
            map.put(labels[i], labels[i + 1]);
        }
        final String key = name + map;
        if (byKey.containsKey(key))
        {
            throw new IllegalArgumentException("metric declared twice: " + key);
        }
        final Series s = new Series(name, help, kind, Collections.unmodifiableMap(map), slots, scale, isDouble,
            bounds);
        series.add(s);
        byKey.put(key, s);
        slots += kind == Kind.HISTOGRAM ? bounds.length + 3 : 1;
        return s.slot();
    }

    /** @return the slot of a new counter of whole events ({@code name} ends in {@code _total}). */
    public int counter(final String name, final String help, final String... labels)
    {
        return declare(name, help, Kind.COUNTER, 1, false, new long[0], labels);
    }

    /** @return the slot of a new counter of fixed-point amounts (e.g. fees in money units, scale 1e8). */
    public int counter(final String name, final String help, final double scale, final String... labels)
    {
        return declare(name, help, Kind.COUNTER, scale, false, new long[0], labels);
    }

    /** @return the slot of a new gauge holding a fixed-point value ({@code scale} units per base unit). */
    public int gauge(final String name, final String help, final double scale, final String... labels)
    {
        return declare(name, help, Kind.GAUGE, scale, false, new long[0], labels);
    }

    /** @return the slot of a new gauge holding a double. */
    public int doubleGauge(final String name, final String help, final String... labels)
    {
        return declare(name, help, Kind.GAUGE, 1, true, new long[0], labels);
    }

    /**
     * @param bounds upper bounds of the buckets, ascending, in recorded units (e.g. ns).
     * @param scale  recorded units per base unit (1e9 for ns → seconds).
     * @return the first slot of a new histogram.
     */
    public int histogram(final String name, final String help, final long[] bounds, final double scale,
        final String... labels)
    {
        for (int i = 1; i < bounds.length; i++)
        {
            if (bounds[i] <= bounds[i - 1])
            {
                throw new IllegalArgumentException("histogram bounds must ascend: " + name);
            }
        }
        return declare(name, help, Kind.HISTOGRAM, scale, false, bounds.clone(), labels);
    }

    /** Ends declaration: the slots exist from now on. */
    public MetricBoard freeze()
    {
        if (values == null)
        {
            values = new AtomicLongArray(Math.max(1, slots));
        }
        return this;
    }

    /** @return every declared series, in declaration order. */
    public List<Series> series()
    {
        return Collections.unmodifiableList(series);
    }

    // ---- the writer (one thread) ----

    /** Sets a gauge (or a counter to an absolute count kept elsewhere). */
    public void set(final int slot, final long value)
    {
        values.lazySet(slot, value);
    }

    /** Sets a double gauge. */
    public void setDouble(final int slot, final double value)
    {
        values.lazySet(slot, Double.doubleToRawLongBits(value));
    }

    /** Adds to a counter. One writer: a plain read, an ordered store. */
    public void add(final int slot, final long delta)
    {
        values.lazySet(slot, values.getPlain(slot) + delta);
    }

    /** Counts one. */
    public void increment(final int slot)
    {
        add(slot, 1);
    }

    /** Records a value into a histogram declared at {@code slot} with {@code bucketCount} bounds. */
    public void record(final int slot, final long[] bounds, final long value)
    {
        int bucket = 0;
        while (bucket < bounds.length && value > bounds[bucket])
        {
            bucket++;
        }
        add(slot + bucket, 1);
        add(slot + bounds.length + 1, 1);
        add(slot + bounds.length + 2, value);
    }

    // ---- the readers (any thread) ----

    /** @return the raw slot value. */
    public long raw(final int slot)
    {
        return values.get(slot);
    }

    /** @return a counter's or gauge's value in its base unit. */
    public double value(final Series s)
    {
        final long raw = values.get(s.slot());
        return s.isDouble() ? Double.longBitsToDouble(raw) : raw / s.scale();
    }

    /** @return a histogram's cumulative bucket counts, one per bound then +Inf. */
    public long[] cumulativeBuckets(final Series s)
    {
        final long[] out = new long[s.bounds().length + 1];
        long sum = 0;
        for (int i = 0; i < out.length; i++)
        {
            sum += values.get(s.slot() + i);
            out[i] = sum;
        }
        return out;
    }

    /** @return a histogram's observation count. */
    public long count(final Series s)
    {
        return values.get(s.slot() + s.bounds().length + 1);
    }

    /** @return a histogram's sum in base units. */
    public double sum(final Series s)
    {
        return values.get(s.slot() + s.bounds().length + 2) / s.scale();
    }
}

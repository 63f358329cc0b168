package io.keel.research;

import io.keel.alpha.AlphaModel;
import io.keel.core.decision.Features;
import io.keel.core.event.Event;
import io.keel.ingest.feature.FeatureEngine;

import java.util.Arrays;
import java.util.List;

/**
 * Walks a tape through the feature bus the decision chain uses, keeping each instrument's mid series (split-adjusted,
 * so forward returns across a split are real returns) and calling a sink at sample points: the first warm market
 * change of an instrument at least {@code sampleNs} after its previous sample (every bar when 0).
 */
public final class TapeWalker
{
    /** Receives sample points. */
    @FunctionalInterface
    public interface SampleSink
    {
        /**
         * @param instrumentId the instrument.
         * @param timestampNs  event time of the sample.
         * @param eventIndex   index in the tape of the event that triggered it.
         * @param seriesIndex  index of this sample's mid in {@link Series} of the instrument.
         * @param features     the instrument's features now.
         */
        void onSample(int instrumentId, long timestampNs, int eventIndex, int seriesIndex, Features features);
    }

    /** One instrument's split-adjusted mid after every warm market change. */
    public static final class Series
    {
        private long[] timestamps = new long[1024];
        private double[] mids = new double[1024];
        private int size;

        public void add(final long timestampNs, final double mid)
        {
            if (size == timestamps.length)
            {
                timestamps = Arrays.copyOf(timestamps, size * 2);
                mids = Arrays.copyOf(mids, size * 2);
            }
            timestamps[size] = timestampNs;
            mids[size] = mid;
            size++;
        }

        /** @return points in the series. */
        public int size()
        {
            return size;
        }

        /** @return event time of point {@code i}. */
        public long timestampNs(final int i)
        {
            return timestamps[i];
        }

        /** @return split-adjusted mid of point {@code i}. */
        public double mid(final int i)
        {
            return mids[i];
        }

        /**
         * @return log return in bps from point {@code from} to the last point at or before its time plus
         *         {@code horizonNs}, or NaN when the series ends before that time.
         */
        public double forwardReturnBpsAt(final int from, final long horizonNs)
        {
            final long end = timestamps[from] + horizonNs;
            if (size == 0 || timestamps[size - 1] < end)
            {
                return Double.NaN;
            }
            int low = from;
            int high = size - 1;
            while (low < high)
            {
                final int mid = (low + high + 1) >>> 1;
                if (timestamps[mid] <= end)
                {
                    low = mid;
                }
                else
                {
                    high = mid - 1;
                }
            }
            return Math.log(mids[low] / mids[from]) * 1e4;
        }

        /** @return log return in bps from point {@code from} to {@code steps} points later, or NaN past the end. */
        public double forwardReturnBpsSteps(final int from, final int steps)
        {
            final int to = from + steps;
            return to < size ? Math.log(mids[to] / mids[from]) * 1e4 : Double.NaN;
        }
    }

    private final FeatureEngine features;
    private final Series[] series;
    private final double[] splitFactor;
    private final long[] nextSampleNs;
    private final long sampleNs;

    /**
     * @param tape     the tape (its configuration's instruments and features).
     * @param models   the models whose indicators the feature bus must compute (bound to their slots).
     * @param sampleNs minimum event time between two samples of one instrument; 0 samples every change.
     */
    public TapeWalker(final MarketTape tape, final List<AlphaModel> models, final long sampleNs)
    {
        this.features = io.keel.engine.FeatureBus.of(tape.config(), models);
        final int n = tape.config().instruments().size();
        this.series = new Series[n];
        this.splitFactor = new double[n];
        this.nextSampleNs = new long[n];
        for (int i = 0; i < n; i++)
        {
            series[i] = new Series();
        }
        Arrays.fill(splitFactor, 1.0);
        Arrays.fill(nextSampleNs, Long.MIN_VALUE);
        this.sampleNs = sampleNs;
    }

    /** @return the feature engine (model slots resolve against it). */
    public FeatureEngine features()
    {
        return features;
    }

    /** @return the mid series of an instrument. */
    public Series series(final int instrumentId)
    {
        return series[instrumentId];
    }

    /** Walks events {@code [0, end)} of the tape. */
    public void walk(final List<Event> events, final int end, final SampleSink sink)
    {
        for (int i = 0; i < end; i++)
        {
            final Event event = events.get(i);
            switch (event.type)
            {
                case TIMER -> features.onTime(event.timestampNs);
                case CORPORATE_ACTION ->
                {
                    features.onSplit(event.instrumentId, event.value, event.quantity);
                    splitFactor[event.instrumentId] *= (double)event.quantity / event.value;
                }
                case BOOK_LEVEL, QUOTE, BAR ->
                {
                    if (features.onEvent(event))
                    {
                        onChange(event, i, sink);
                    }
                }
                default -> features.onEvent(event);
            }
        }
    }

    private void onChange(final Event event, final int eventIndex, final SampleSink sink)
    {
        final int id = event.instrumentId;
        final Features f = features.features(id);
        if (!f.warm || !(f.mid > 0))
        {
            return;
        }
        final Series s = series[id];
        s.add(event.timestampNs, f.mid / splitFactor[id]);
        if (event.timestampNs >= nextSampleNs[id])
        {
            nextSampleNs[id] = event.timestampNs + sampleNs;
            sink.onSample(id, event.timestampNs, eventIndex, s.size() - 1, f);
        }
    }
}

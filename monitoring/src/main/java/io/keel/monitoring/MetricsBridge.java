package io.keel.monitoring;

import io.keel.core.metrics.MetricBoard;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a {@link MetricBoard} into Micrometer's Prometheus registry: counters as {@link FunctionCounter}, gauges as
 * {@link Gauge}, each reading its slot when Prometheus scrapes (the decision thread is never asked for anything), and
 * the board's fixed-bucket histograms as classic Prometheus histograms through a collector on the same registry.
 */
public final class MetricsBridge
{
    private MetricsBridge()
    {
    }

    /** What {@link #bind} registered, so a run's board can be taken off the registry when the next run starts. */
    public static final class Binding
    {
        private final List<io.micrometer.core.instrument.Meter> meters = new ArrayList<>();
        private MultiCollector collector;

        /** Removes the board's meters and histograms from {@code registry}. */
        public void unbind(final PrometheusMeterRegistry registry)
        {
            meters.forEach(registry::remove);
            if (collector != null)
            {
                registry.getPrometheusRegistry().unregister(collector);
            }
        }
    }

    /**
     * Registers every series of {@code board} on {@code registry}.
     *
     * @return what was registered.
     */
    public static Binding bind(final MetricBoard board, final PrometheusMeterRegistry registry)
    {
        final Binding binding = new Binding();
        final Map<String, List<MetricBoard.Series>> histograms = new LinkedHashMap<>();
        for (final MetricBoard.Series s : board.series())
        {
            final Tags tags = tags(s.labels());
            switch (s.kind())
            {
                case COUNTER -> binding.meters.add(FunctionCounter.builder(stripTotal(s.name()), board,
                    b -> b.value(s)).description(s.help()).tags(tags).register(registry));
                case GAUGE -> binding.meters.add(Gauge.builder(s.name(), board, b -> b.value(s))
                    .description(s.help()).tags(tags).register(registry));
                case HISTOGRAM -> histograms.computeIfAbsent(s.name(), k -> new ArrayList<>()).add(s);
            }
        }
        if (!histograms.isEmpty())
        {
            binding.collector = () -> collect(board, histograms);
            registry.getPrometheusRegistry().register(binding.collector);
        }
        return binding;
    }

    private static MetricSnapshots collect(final MetricBoard board,
        final Map<String, List<MetricBoard.Series>> histograms)
    {
        final MetricSnapshots.Builder out = MetricSnapshots.builder();
        for (final Map.Entry<String, List<MetricBoard.Series>> e : histograms.entrySet())
        {
            final HistogramSnapshot.Builder histogram = HistogramSnapshot.builder().name(e.getKey())
                .help(e.getValue().get(0).help());
            for (final MetricBoard.Series s : e.getValue())
            {
                final long[] cumulative = board.cumulativeBuckets(s);
                final double[] bounds = new double[cumulative.length];
                final long[] counts = new long[cumulative.length];
                for (int i = 0; i < cumulative.length; i++)
                {
                    bounds[i] = i < s.bounds().length ? s.bounds()[i] / s.scale() : Double.POSITIVE_INFINITY;
                    counts[i] = cumulative[i] - (i == 0 ? 0 : cumulative[i - 1]);
                }
                final Labels.Builder labels = Labels.builder();
                s.labels().forEach(labels::label);
                histogram.dataPoint(HistogramSnapshot.HistogramDataPointSnapshot.builder()
                    .classicHistogramBuckets(ClassicHistogramBuckets.of(bounds, counts)).sum(board.sum(s))
                    .labels(labels.build()).build());
            }
            out.metricSnapshot(histogram.build());
        }
        return out.build();
    }

    private static Tags tags(final Map<String, String> labels)
    {
        Tags tags = Tags.empty();
        for (final Map.Entry<String, String> l : labels.entrySet())
        {
            tags = tags.and(l.getKey(), l.getValue());
        }
        return tags;
    }

    /** Micrometer adds {@code _total} to counters itself. */
    private static String stripTotal(final String name)
    {
        return name.endsWith("_total") ? name.substring(0, name.length() - "_total".length()) : name;
    }
}

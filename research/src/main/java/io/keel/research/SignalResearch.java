package io.keel.research;

import io.keel.alpha.AlphaModel;
import io.keel.alpha.AlphaZoo;
import io.keel.core.decision.Signal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code research signals}: every model of the zoo evaluated at sample points of journaled days, against the
 * forward return of the mid at several horizons. Per model and horizon: the information coefficient (Spearman rank
 * correlation of edge and forward return), its t statistic over the effective number of independent observations
 * (overlapping horizons count once per horizon), the hit rate, and the alpha decay curve (mean forward return per
 * signal quantile). A model is called an edge only when some horizon's t clears the Bonferroni-corrected 5 % level
 * across the horizons tested; otherwise it is reported as having no measurable edge — never hidden.
 */
public final class SignalResearch
{
    /** Minimum pairs at a horizon before its statistics count toward a verdict. */
    static final int MIN_PAIRS = 30;

    /**
     * One forward horizon: a time for tick data, a number of bars for bar data.
     *
     * @param label  as printed, e.g. {@code 30s} or {@code 5 bars}.
     * @param amount nanoseconds (ticks) or bars.
     */
    public record Horizon(String label, long amount)
    {
    }

    /** Statistics of one model at one horizon. */
    public record HorizonStats(
        String horizon, int pairs, double effectivePairs, double ic, double tStat, double hitRate,
        double[] quantileMeanBps)
    {
    }

    /** One model's report. */
    public record ModelReport(String model, long opinions, String verdict, List<HorizonStats> horizons)
    {
    }

    /** The whole report. */
    public record Report(
        List<String> journals, String mode, String sampling, int quantiles, double criticalT, long samples,
        List<ModelReport> models)
    {
    }

    private final long sampleNs;
    private final List<Horizon> horizons;
    private final int quantiles;

    /**
     * @param sampleNs  minimum time between samples of one instrument for tick data (bars: every bar).
     * @param horizons  forward horizons.
     * @param quantiles signal quantiles of the decay curve.
     */
    public SignalResearch(final long sampleNs, final List<Horizon> horizons, final int quantiles)
    {
        if (horizons.isEmpty())
        {
            throw new IllegalArgumentException("at least one horizon is needed");
        }
        if (quantiles < 2 || quantiles > 20)
        {
            throw new IllegalArgumentException("quantiles must be 2..20, was " + quantiles);
        }
        this.sampleNs = sampleNs;
        this.horizons = List.copyOf(horizons);
        this.quantiles = quantiles;
    }

    /** @return default horizons: 1 s … 1 h for ticks, 1 … 20 bars for bars. */
    public static List<Horizon> defaultHorizons(final boolean bars)
    {
        if (bars)
        {
            return List.of(new Horizon("1 bar", 1), new Horizon("2 bars", 2), new Horizon("5 bars", 5),
                new Horizon("10 bars", 10), new Horizon("20 bars", 20));
        }
        final long s = 1_000_000_000L;
        return List.of(new Horizon("1s", s), new Horizon("5s", 5 * s), new Horizon("30s", 30 * s),
            new Horizon("1m", 60 * s), new Horizon("5m", 300 * s), new Horizon("15m", 900 * s),
            new Horizon("1h", 3_600 * s));
    }

    /** Growable pairs of (edge, forward return). */
    private static final class Pairs
    {
        double[] edge = new double[256];
        double[] forward = new double[256];
        int size;

        public void add(final double e, final double f)
        {
            if (size == edge.length)
            {
                edge = Arrays.copyOf(edge, size * 2);
                forward = Arrays.copyOf(forward, size * 2);
            }
            edge[size] = e;
            forward[size] = f;
            size++;
        }
    }

    /**
     * Runs the research over tapes that share one mode (the models are built from the first tape's configuration,
     * every model of the zoo enabled with that mode's parameters).
     */
    public Report run(final List<MarketTape> tapes)
    {
        if (tapes.isEmpty())
        {
            throw new IllegalArgumentException("no journal to research");
        }
        final boolean bars = tapes.get(0).bars();
        final String mode = tapes.get(0).config().mode();
        for (final MarketTape tape : tapes)
        {
            if (tape.bars() != bars || !tape.config().mode().equals(mode))
            {
                throw new IllegalArgumentException("journal " + tape.journal() + " is mode " + tape.config().mode() +
                    (tape.bars() ? " bars" : " ticks") + ", the first is " + mode + (bars ? " bars" : " ticks") +
                    ": research one kind of data at a time");
            }
        }
        List<String> names = null;
        final List<String> journals = new ArrayList<>();
        Pairs[][] pairs = null;
        long[] opinions = null;
        long samples = 0;
        for (final MarketTape tape : tapes)
        {
            journals.add(tape.journal().toString());
            final List<AlphaModel> models = AlphaZoo.fromConfig(
                io.keel.config.ConfigLoader.withAllModels(tape.config()).config().alpha());
            if (names == null)
            {
                names = models.stream().map(AlphaModel::name).toList();
                pairs = new Pairs[models.size()][horizons.size()];
                for (final Pairs[] row : pairs)
                {
                    for (int h = 0; h < row.length; h++)
                    {
                        row[h] = new Pairs();
                    }
                }
                opinions = new long[models.size()];
            }
            samples += collect(tape, models, bars, pairs, opinions);
        }
        final double critical = SignalStats.bonferroniCritical(horizons.size());
        final List<ModelReport> reports = new ArrayList<>();
        for (int m = 0; m < names.size(); m++)
        {
            reports.add(report(names.get(m), opinions[m], pairs[m], bars, critical));
        }
        return new Report(journals, mode, bars ? "every bar" : formatNs(sampleNs) + " per instrument", quantiles,
            critical, samples, reports);
    }

    private long collect(
        final MarketTape tape, final List<AlphaModel> models, final boolean bars, final Pairs[][] pairs,
        final long[] opinions)
    {
        final TapeWalker walker = new TapeWalker(tape, models, bars ? 0 : sampleNs);
        final int m = models.size();
        final List<int[]> points = new ArrayList<>();
        final List<double[]> edges = new ArrayList<>();
        final Signal signal = new Signal();
        walker.walk(tape.events(), tape.events().size(), (id, ts, eventIndex, seriesIndex, f) ->
        {
            final double[] row = new double[m];
            for (int i = 0; i < m; i++)
            {
                signal.clear();
                models.get(i).evaluate(id, f, signal);
                row[i] = signal.confidence > 0 && signal.edgeBps != 0 && Double.isFinite(signal.edgeBps) ?
                    signal.edgeBps : Double.NaN;
            }
            points.add(new int[] {id, seriesIndex});
            edges.add(row);
        });
        for (int s = 0; s < points.size(); s++)
        {
            final TapeWalker.Series series = walker.series(points.get(s)[0]);
            final int from = points.get(s)[1];
            final double[] row = edges.get(s);
            for (int i = 0; i < m; i++)
            {
                if (Double.isNaN(row[i]))
                {
                    continue;
                }
                opinions[i]++;
                for (int h = 0; h < horizons.size(); h++)
                {
                    final long amount = horizons.get(h).amount();
                    final double forward = bars ? series.forwardReturnBpsSteps(from, (int)amount) :
                        series.forwardReturnBpsAt(from, amount);
                    if (!Double.isNaN(forward))
                    {
                        pairs[i][h].add(row[i], forward);
                    }
                }
            }
        }
        return points.size();
    }

    private ModelReport report(
        final String name, final long opinions, final Pairs[] byHorizon, final boolean bars, final double critical)
    {
        final List<HorizonStats> stats = new ArrayList<>();
        double bestT = 0;
        for (int h = 0; h < horizons.size(); h++)
        {
            final Pairs p = byHorizon[h];
            final long amount = horizons.get(h).amount();
            final double overlap = bars ? amount : (double)amount / Math.max(1, sampleNs);
            final double effective = p.size / Math.max(1.0, overlap);
            final double ic = SignalStats.spearman(p.edge, p.forward, p.size);
            final double t = SignalStats.tStatistic(ic, effective);
            stats.add(new HorizonStats(horizons.get(h).label(), p.size, effective, ic, t,
                SignalStats.hitRate(p.edge, p.forward, p.size),
                p.size < quantiles ? new double[0] : SignalStats.quantileMeans(p.edge, p.forward, p.size, quantiles)));
            if (p.size >= MIN_PAIRS && Double.isFinite(t) && Math.abs(t) > Math.abs(bestT))
            {
                bestT = t;
            }
        }
        final String verdict;
        if (opinions == 0)
        {
            verdict = "no signals (the model had no opinion on this data)";
        }
        else if (bestT >= critical)
        {
            verdict = "edge";
        }
        else if (bestT <= -critical)
        {
            verdict = "inverted (predicts the opposite of its sign)";
        }
        else
        {
            verdict = "no measurable edge";
        }
        return new ModelReport(name, opinions, verdict, stats);
    }

    public static String formatNs(final long ns)
    {
        if (ns % 86_400_000_000_000L == 0 && ns > 0)
        {
            return ns / 86_400_000_000_000L + "d";
        }
        if (ns % 3_600_000_000_000L == 0 && ns > 0)
        {
            return ns / 3_600_000_000_000L + "h";
        }
        if (ns % 60_000_000_000L == 0 && ns > 0)
        {
            return ns / 60_000_000_000L + "m";
        }
        if (ns % 1_000_000_000L == 0)
        {
            return ns / 1_000_000_000L + "s";
        }
        return ns / 1_000_000L + "ms";
    }

    /** @return the report as text: a table per model, then its decay curve. */
    public static String format(final Report report)
    {
        final StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "research signals: mode %s, %,d samples (%s), %d journal(s); " +
            "edge = some horizon's |t| >= %.2f (5 %% Bonferroni over the horizons)%n", report.mode(),
            report.samples(), report.sampling(), report.journals().size(), report.criticalT()));
        for (final ModelReport model : report.models())
        {
            out.append(String.format(Locale.ROOT, "%n%-22s %,d opinions: %s%n", model.model(), model.opinions(),
                model.verdict()));
            if (model.opinions() == 0)
            {
                continue;
            }
            out.append(String.format(Locale.ROOT, "  %-9s %9s %8s %7s %8s   mean forward return (bps) by signal " +
                "quantile, lowest first%n", "horizon", "pairs", "IC", "t", "hit"));
            for (final HorizonStats h : model.horizons())
            {
                out.append(String.format(Locale.ROOT, "  %-9s %,9d %8.4f %7.2f %8.4f  ", h.horizon(), h.pairs(),
                    h.ic(), h.tStat(), h.hitRate()));
                for (final double q : h.quantileMeanBps())
                {
                    out.append(String.format(Locale.ROOT, " %8.3f", q));
                }
                out.append(System.lineSeparator());
            }
        }
        return out.toString();
    }

    /** @return the report as CSV: one row per model and horizon. */
    public static String csv(final Report report)
    {
        final StringBuilder out = new StringBuilder("model,verdict,opinions,horizon,pairs,effective_pairs,ic,t_stat," +
            "hit_rate");
        for (int q = 1; q <= report.quantiles(); q++)
        {
            out.append(",q").append(q).append("_mean_bps");
        }
        out.append('\n');
        for (final ModelReport model : report.models())
        {
            for (final HorizonStats h : model.horizons())
            {
                out.append(model.model()).append(",\"").append(model.verdict()).append("\",").append(model.opinions())
                    .append(',').append(h.horizon()).append(',').append(h.pairs()).append(',')
                    .append(number(h.effectivePairs())).append(',').append(number(h.ic())).append(',')
                    .append(number(h.tStat())).append(',').append(number(h.hitRate()));
                for (int q = 0; q < report.quantiles(); q++)
                {
                    out.append(',').append(q < h.quantileMeanBps().length ? number(h.quantileMeanBps()[q]) : "");
                }
                out.append('\n');
            }
        }
        return out.toString();
    }

    private static String number(final double value)
    {
        return Double.isFinite(value) ? Double.toString(value) : "";
    }
}

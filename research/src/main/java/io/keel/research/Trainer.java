package io.keel.research;

import io.keel.alpha.AlphaModel;
import io.keel.alpha.FeatureVector;
import io.keel.alpha.ModelArtifact;
import io.keel.core.decision.Features;
import io.keel.core.decision.Signal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * {@code train}: fits a model that predicts the sign of the forward return from the feature bus, offline, honestly:
 * <ol>
 *   <li>samples every {@code sample} of event time (default: one horizon apart, so labels do not overlap), inputs
 *       computed by the very {@link FeatureVector} the daemon runs;</li>
 *   <li>a <b>look-ahead audit</b>: for a spread of samples the inputs are recomputed from the journal cut right after
 *       the sample's event; any difference means an input used later data, and training stops;</li>
 *   <li><b>walk-forward</b> evaluation (train on the past only, purged) and <b>purged k-fold cross-validation with an
 *       embargo</b>, out-of-sample AUC, accuracy, log loss and IC per fold;</li>
 *   <li>the final fit on all samples, exported to a {@link ModelArtifact} checked against the library's predictions.
 *   </li>
 * </ol>
 * With {@code shuffleLabels} the outcomes are permuted first (a permutation test): an honest pipeline then measures
 * no edge.
 */
public final class Trainer
{
    /** Computes a model's inputs at a sample point; the default is a {@link FeatureVector}. */
    public interface Inputs
    {
        /** @return input names. */
        List<String> names();

        /** @return feature-bus indicators read. */
        List<String> indicators();

        /** Resolves indicator slots (called once per walk). */
        void bind(ToIntFunction<String> slotOf);

        /**
         * Writes the inputs at a sample.
         *
         * @param tape       the tape being walked (the walk has applied events {@code [0, eventIndex]}).
         * @param eventIndex index of the sample's event.
         * @return true when every input is defined.
         */
        boolean fill(MarketTape tape, int eventIndex, int instrumentId, Features features, double[] row);
    }

    /** @return the daemon's inputs for these names. */
    public static Inputs featureVector(final List<String> names)
    {
        final FeatureVector vector = new FeatureVector(names);
        return new Inputs()
        {
            @Override
            public List<String> names()
            {
                return vector.names();
            }

            @Override
            public List<String> indicators()
            {
                return vector.indicators();
            }

            @Override
            public void bind(final ToIntFunction<String> slotOf)
            {
                vector.bind(slotOf);
            }

            @Override
            public boolean fill(
                final MarketTape tape, final int eventIndex, final int instrumentId, final Features f,
                final double[] row)
            {
                return vector.fill(f, row);
            }
        };
    }

    /**
     * Training options.
     *
     * @param kind          {@code logistic} or {@code gbt}.
     * @param horizon       label horizon: ns for ticks, bars for bars.
     * @param sampleNs      ticks: minimum time between samples of an instrument (0: one horizon).
     * @param folds         walk-forward folds and cross-validation folds.
     * @param embargoNs     embargo after each test fold (0: one horizon in time).
     * @param shuffleLabels permute the outcomes (permutation test).
     * @param seed          seed of the permutation and of the library.
     * @param auditSamples  samples recomputed by the look-ahead audit.
     * @param params        library hyper-parameters.
     * @param fromNs        only samples observed at or after this event time (epoch ns).
     * @param untilNs       only samples whose label is known before this event time (epoch ns): the data after it
     *                      stays out of sample for a backtest.
     */
    public record Options(
        String kind, long horizon, long sampleNs, int folds, long embargoNs, boolean shuffleLabels, long seed,
        int auditSamples, SmileModels.Params params, long fromNs, long untilNs)
    {
        /** Defaults for a kind and horizon. */
        public static Options defaults(final String kind, final long horizon)
        {
            return new Options(kind, horizon, 0, 5, 0, false, 42, 20,
                new SmileModels.Params(kind, 0.1, 100, 3, 8, 20, 0.05, 42), Long.MIN_VALUE, Long.MAX_VALUE);
        }

        /** @return these options with the outcomes permuted or not. */
        public Options withShuffledLabels(final boolean shuffle)
        {
            return new Options(kind, horizon, sampleNs, folds, embargoNs, shuffle, seed, auditSamples, params, fromNs,
                untilNs);
        }

        /** @return these options sampling every {@code ns} (ticks). */
        public Options withSampleNs(final long ns)
        {
            return new Options(kind, horizon, ns, folds, embargoNs, shuffleLabels, seed, auditSamples, params, fromNs,
                untilNs);
        }
    }

    /** Samples, in time order. */
    public record Dataset(
        double[][] x, boolean[] up, double[] forward, long[] t0, long[] t1, int[] tape, int[] event, int[] instrument)
    {
        public int size()
        {
            return x.length;
        }
    }

    /**
     * A training result.
     *
     * @param artifact  the final model with its metrics.
     * @param verdict   {@code edge} when the pooled walk-forward AUC clears z 1.96, else {@code no out-of-sample edge}.
     * @param report    printable summary.
     */
    public record Result(ModelArtifact artifact, String verdict, String report)
    {
    }

    /** Thrown when the look-ahead audit finds an input computed from data after its sample. */
    public static final class LookAheadException extends IllegalArgumentException
    {
        private static final long serialVersionUID = 1L;

        public LookAheadException(final String message)
        {
            super(message);
        }
    }

    private final Options options;

    /** @param options what to fit and how to evaluate it. */
    public Trainer(final Options options)
    {
        if (options.horizon() <= 0)
        {
            throw new IllegalArgumentException("--horizon must be positive");
        }
        if (options.folds() < 2 || options.folds() > 20)
        {
            throw new IllegalArgumentException("--folds must be 2..20, was " + options.folds());
        }
        this.options = options;
    }

    /** Adapts inputs to the walker, which subscribes and binds what models read. */
    private static AlphaModel asModel(final Inputs inputs)
    {
        return new AlphaModel()
        {
            @Override
            public String name()
            {
                return "inputs";
            }

            @Override
            public void evaluate(final int instrumentId, final Features features, final Signal out)
            {
                out.clear();
            }

            @Override
            public List<String> indicators()
            {
                return inputs.indicators();
            }

            @Override
            public void bind(final ToIntFunction<String> slots)
            {
                inputs.bind(slots);
            }
        };
    }

    private long sampleNs(final boolean bars)
    {
        return bars ? 0 : options.sampleNs() > 0 ? options.sampleNs() : options.horizon();
    }

    /** Trains on tapes of one kind (ticks or bars), in time order. */
    public Result train(final List<MarketTape> tapes, final Inputs inputs)
    {
        if (tapes.isEmpty())
        {
            throw new IllegalArgumentException("no journal to train on");
        }
        final boolean bars = tapes.get(0).bars();
        if (tapes.stream().anyMatch(t -> t.bars() != bars))
        {
            throw new IllegalArgumentException("train on bars or on ticks, not both");
        }
        final Dataset data = dataset(tapes, inputs, bars);
        final int n = data.size();
        final int minimum = 20 * (options.folds() + 1);
        if (n < minimum)
        {
            throw new IllegalArgumentException("only " + n + " usable samples (inputs defined, non-zero forward " +
                "return); at least " + minimum + " are needed for " + options.folds() + " folds: give more days or " +
                "a shorter --sample");
        }
        auditLookAhead(tapes, inputs, data, bars);
        if (options.shuffleLabels())
        {
            TrainingRows.shuffleOutcomes(data, options.seed());
        }
        final long embargo = options.embargoNs() > 0 ? options.embargoNs() : TrainingRows.medianSpan(data);
        final Map<String, Object> metrics = new LinkedHashMap<>();
        final StringBuilder report = new StringBuilder();
        final ClassifierMetrics walkForward = evaluate("walk-forward", PurgedSplits.walkForward(data.t0(), data.t1(),
            options.folds()), data, metrics, report);
        evaluate("purged k-fold (embargo " + SignalResearch.formatNs(embargo) + ")",
            PurgedSplits.purgedKFold(data.t0(), data.t1(), options.folds(), embargo), data, metrics, report);
        final String verdict = walkForward.auc() > 0.5 && walkForward.aucZ() >= 1.96 ? "edge" :
            "no out-of-sample edge";
        metrics.put("verdict", verdict);
        metrics.put("shuffledLabels", options.shuffleLabels());
        metrics.put("lookAheadAudit", Math.min(options.auditSamples(), n) + " samples recomputed from the journal " +
            "cut at their event: identical");

        final double[] mean = new double[inputs.names().size()];
        final double[] std = new double[mean.length];
        TrainingRows.standardisation(data.x(), TrainingRows.allIndices(n), mean, std);
        final double[][] z = TrainingRows.standardise(data.x(), TrainingRows.allIndices(n), mean, std);
        final SmileModels.Fitted fitted = SmileModels.fit(z, data.up(), options.params());
        double edgeScale = 0;
        for (final double f : data.forward())
        {
            edgeScale += Math.abs(f);
        }
        edgeScale /= n;
        final Map<String, Object> trainedOn = new LinkedHashMap<>();
        trainedOn.put("journals", tapes.stream().map(t -> t.journal().toString()).toList());
        trainedOn.put("mode", tapes.get(0).config().mode());
        trainedOn.put("samples", n);
        trainedOn.put("from", Instant.ofEpochSecond(0, data.t0()[0]).toString());
        final long lastLabel = Arrays.stream(data.t1()).max().orElseThrow();
        trainedOn.put("to", Instant.ofEpochSecond(0, lastLabel).toString());
        trainedOn.put("sampling", bars ? "every bar" : SignalResearch.formatNs(sampleNs(false)));
        final ModelArtifact artifact = new ModelArtifact(ModelArtifact.FORMAT, ModelArtifact.SCHEMA_VERSION,
            options.kind(), SmileModels.LIBRARY, inputs.names(), bars, options.horizon(),
            TrainingRows.medianSpan(data), edgeScale, mean, std, fitted.logistic(), fitted.gbt(), trainedOn, metrics)
            .validate("being trained");
        SmileModels.checkExport(artifact, fitted, data.x());
        report.insert(0, String.format(java.util.Locale.ROOT, "train %s: %,d samples, horizon %s, inputs %s%n",
            options.kind(), n, bars ? options.horizon() + " bars" : SignalResearch.formatNs(options.horizon()),
            inputs.names()));
        report.append("verdict: ").append(verdict).append(options.shuffleLabels() ? " (labels shuffled)" : "")
            .append(System.lineSeparator());
        return new Result(artifact, verdict, report.toString());
    }

    private Dataset dataset(final List<MarketTape> tapes, final Inputs inputs, final boolean bars)
    {
        final List<double[]> rows = new ArrayList<>();
        final List<long[]> meta = new ArrayList<>(); // t0, t1, tape, event, instrument
        final List<Double> forwards = new ArrayList<>();
        final int width = inputs.names().size();
        for (int t = 0; t < tapes.size(); t++)
        {
            final MarketTape tape = tapes.get(t);
            final TapeWalker walker = new TapeWalker(tape, List.of(asModel(inputs)), sampleNs(bars));
            final List<double[]> tapeRows = new ArrayList<>();
            final List<int[]> points = new ArrayList<>();
            final int tapeIndex = t;
            walker.walk(tape.events(), tape.events().size(), (id, ts, eventIndex, seriesIndex, f) ->
            {
                final double[] row = new double[width];
                if (inputs.fill(tape, eventIndex, id, f, row))
                {
                    tapeRows.add(row);
                    points.add(new int[] {id, seriesIndex, eventIndex});
                }
            });
            for (int s = 0; s < points.size(); s++)
            {
                final int[] p = points.get(s);
                final TapeWalker.Series series = walker.series(p[0]);
                final double forward = bars ? series.forwardReturnBpsSteps(p[1], (int)options.horizon()) :
                    series.forwardReturnBpsAt(p[1], options.horizon());
                if (Double.isNaN(forward) || forward == 0)
                {
                    continue;
                }
                final long t0 = series.timestampNs(p[1]);
                final long t1 = bars ? series.timestampNs(p[1] + (int)options.horizon()) : t0 + options.horizon();
                if (t0 < options.fromNs() || t1 >= options.untilNs())
                {
                    continue;
                }
                rows.add(tapeRows.get(s));
                forwards.add(forward);
                meta.add(new long[] {t0, t1, tapeIndex, p[2], p[0]});
            }
        }
        final Integer[] order = new Integer[rows.size()];
        for (int i = 0; i < order.length; i++)
        {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(meta.get(a)[0], meta.get(b)[0]));
        final int n = order.length;
        final Dataset d = new Dataset(new double[n][], new boolean[n], new double[n], new long[n], new long[n],
            new int[n], new int[n], new int[n]);
        for (int i = 0; i < n; i++)
        {
            final int k = order[i];
            d.x()[i] = rows.get(k);
            d.forward()[i] = forwards.get(k);
            d.up()[i] = forwards.get(k) > 0;
            d.t0()[i] = meta.get(k)[0];
            d.t1()[i] = meta.get(k)[1];
            d.tape()[i] = (int)meta.get(k)[2];
            d.event()[i] = (int)meta.get(k)[3];
            d.instrument()[i] = (int)meta.get(k)[4];
        }
        return d;
    }

    /**
     * Recomputes the inputs of a spread of samples from the journal cut right after each sample's event: an input
     * that read anything later differs, and training stops with the offending input named.
     */
    private void auditLookAhead(final List<MarketTape> tapes, final Inputs inputs, final Dataset data,
        final boolean bars)
    {
        final int n = data.size();
        final int audits = Math.min(options.auditSamples(), n);
        final int width = inputs.names().size();
        for (int a = 0; a < audits; a++)
        {
            final int s = (int)((long)(2 * a + 1) * n / (2L * audits)); // spread evenly, not only the start
            final MarketTape tape = tapes.get(data.tape()[s]);
            final int cut = data.event()[s] + 1;
            final MarketTape prefix = new MarketTape(tape.journal(), tape.config(), tape.events().subList(0, cut),
                tape.bars());
            final TapeWalker walker = new TapeWalker(prefix, List.of(asModel(inputs)), sampleNs(bars));
            final double[] recomputed = new double[width];
            final boolean[] found = new boolean[1];
            walker.walk(prefix.events(), cut, (id, ts, eventIndex, seriesIndex, f) ->
            {
                if (eventIndex == data.event()[s] && id == data.instrument()[s])
                {
                    inputs.fill(prefix, eventIndex, id, f, recomputed);
                    found[0] = true;
                }
            });
            if (!found[0])
            {
                throw new LookAheadException("look-ahead audit: the sample at " +
                    Instant.ofEpochSecond(0, data.t0()[s]) + " does not exist when the journal is cut after its " +
                    "event: sampling depends on later data");
            }
            for (int i = 0; i < width; i++)
            {
                if (Double.compare(recomputed[i], data.x()[s][i]) != 0)
                {
                    throw new LookAheadException("look-ahead: input '" + inputs.names().get(i) + "' at " +
                        Instant.ofEpochSecond(0, data.t0()[s]) + " was " + data.x()[s][i] + " in training but " +
                        recomputed[i] + " from the journal cut at that event: it was computed from later data. " +
                        "Nothing was trained.");
                }
            }
        }
    }

    private ClassifierMetrics evaluate(
        final String name, final List<PurgedSplits.Split> splits, final Dataset data, final Map<String, Object> metrics,
        final StringBuilder report)
    {
        final List<Map<String, Object>> folds = new ArrayList<>();
        final List<Double> pooledP = new ArrayList<>();
        final List<Boolean> pooledUp = new ArrayList<>();
        final List<Double> pooledForward = new ArrayList<>();
        report.append(String.format(java.util.Locale.ROOT, "%s%n  %-5s %7s %6s %7s %7s %7s %7s %7s %8s%n", name,
            "fold", "train", "test", "purged", "embargo", "AUC", "z", "acc", "IC"));
        int foldNumber = 0;
        for (final PurgedSplits.Split split : splits)
        {
            foldNumber++;
            if (split.train().length < 10 || split.test().length == 0)
            {
                report.append(String.format(java.util.Locale.ROOT, "  %-5d skipped: %d training samples%n", foldNumber,
                    split.train().length));
                continue;
            }
            final int width = data.x()[0].length;
            final double[] mean = new double[width];
            final double[] std = new double[width];
            TrainingRows.standardisation(data.x(), split.train(), mean, std);
            final boolean[] trainUp = new boolean[split.train().length];
            for (int i = 0; i < trainUp.length; i++)
            {
                trainUp[i] = data.up()[split.train()[i]];
            }
            if (TrainingRows.allSame(trainUp))
            {
                report.append(String.format(java.util.Locale.ROOT, "  %-5d skipped: one class only%n", foldNumber));
                continue;
            }
            final SmileModels.Fitted fitted = SmileModels.fit(TrainingRows.standardise(data.x(), split.train(), mean,
                std), trainUp, options.params());
            final double[][] testZ = TrainingRows.standardise(data.x(), split.test(), mean, std);
            final double[] p = new double[testZ.length];
            final boolean[] up = new boolean[testZ.length];
            final double[] forward = new double[testZ.length];
            for (int i = 0; i < testZ.length; i++)
            {
                p[i] = fitted.smileProbabilityUp(testZ[i]);
                up[i] = data.up()[split.test()[i]];
                forward[i] = data.forward()[split.test()[i]];
                pooledP.add(p[i]);
                pooledUp.add(up[i]);
                pooledForward.add(forward[i]);
            }
            final ClassifierMetrics m = ClassifierMetrics.of(p, up, forward);
            report.append(String.format(java.util.Locale.ROOT, "  %-5d %7d %6d %7d %7d %7.4f %7.2f %7.4f %8.4f%n",
                foldNumber, split.train().length, split.test().length, split.purged(), split.embargoed(), m.auc(),
                m.aucZ(), m.accuracy(), m.ic()));
            final Map<String, Object> fold = new LinkedHashMap<>();
            fold.put("fold", foldNumber);
            fold.put("train", split.train().length);
            fold.put("test", split.test().length);
            fold.put("purged", split.purged());
            fold.put("embargoed", split.embargoed());
            fold.put("metrics", m);
            folds.add(fold);
        }
        final double[] p = pooledP.stream().mapToDouble(Double::doubleValue).toArray();
        final boolean[] up = new boolean[p.length];
        for (int i = 0; i < up.length; i++)
        {
            up[i] = pooledUp.get(i);
        }
        final ClassifierMetrics pooled = ClassifierMetrics.of(p, up,
            pooledForward.stream().mapToDouble(Double::doubleValue).toArray());
        report.append(String.format(java.util.Locale.ROOT, "  all   %7s %6d %7s %7s %7.4f %7.2f %7.4f %8.4f%n", "",
            pooled.samples(), "", "", pooled.auc(), pooled.aucZ(), pooled.accuracy(), pooled.ic()));
        final Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("folds", folds);
        entry.put("outOfSample", pooled);
        metrics.put(name.startsWith("walk") ? "walkForward" : "purgedKFold", entry);
        return pooled;
    }
}

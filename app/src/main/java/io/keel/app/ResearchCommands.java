package io.keel.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.keel.alpha.FeatureVector;
import io.keel.research.MarketTape;
import io.keel.research.SignalResearch;
import io.keel.research.Trainer;
import io.keel.config.ConfigLoader;
import io.keel.config.LoadedConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code research ...}: offline studies of journaled or imported days. */
final class ResearchCommands
{
    private ResearchCommands()
    {
    }

    /** Writes a value as indented JSON. */
    static void writeJson(final Path file, final Object value)
    {
        try
        {
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), value);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write " + file, ex);
        }
    }

    /** Creates an output directory (its parents too). */
    static Path outputDirectory(final Path dir)
    {
        try
        {
            return Files.createDirectories(dir);
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException("cannot create output directory " + dir + ": " + ex.getMessage());
        }
    }

    /** Reads the tapes of journals, with a configuration override when --mode or --config-dir is given. */
    static List<MarketTape> tapes(
        final List<Path> journals, final String mode, final Path configDir, final boolean allowUnclosed)
    {
        final List<MarketTape> tapes = new ArrayList<>();
        for (final Path journal : journals)
        {
            LoadedConfig override = null;
            if (mode != null || configDir != null)
            {
                override = ConfigLoader.load(Main.configSource(configDir),
                    mode != null ? mode : Main.journaledMode(journal));
            }
            tapes.add(MarketTape.read(journal, override, allowUnclosed));
        }
        return tapes;
    }

    /** {@code research}: the group. */
    @Command(name = "research", mixinStandardHelpOptions = true,
        subcommands = {Signals.class, io.keel.app.backtest.SweepCommand.class},
        description = "Offline research on journaled or imported days, and parameter sweeps on a CSV.")
    static final class Research implements Callable<Integer>
    {
        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call()
        {
            spec.commandLine().usage(spec.commandLine().getOut());
            return ExitCode.OK;
        }
    }

    /** {@code research signals}. */
    @Command(name = "signals", mixinStandardHelpOptions = true,
        description = "Measure every model of the zoo on journaled days: information coefficient, hit rate and " +
            "alpha decay curve (mean forward return per signal quantile) at each horizon; models with no " +
            "measurable edge are reported as such. Prints a table; with --out writes signals.json and signals.csv.")
    static final class Signals implements Callable<Integer>
    {
        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Option(names = "--journal", required = true, paramLabel = "DIR",
            description = "Journal directory (imported or recorded); repeat for several days.")
        List<Path> journals;

        @Option(names = "--sample", defaultValue = "1s", paramLabel = "DURATION",
            description = "Tick data: minimum time between two samples of an instrument (default: ${DEFAULT-VALUE}). " +
                "Bar data samples every bar.")
        String sample;

        @Option(names = "--horizons", split = ",", paramLabel = "H",
            description = "Forward horizons: durations for tick data (default 1s,5s,30s,1m,5m,15m,1h), bar counts " +
                "for bar data (default 1,2,5,10,20).")
        List<String> horizons;

        @Option(names = "--quantiles", defaultValue = "5", description = "Signal quantiles of the decay curve " +
            "(default: ${DEFAULT-VALUE}).")
        int quantiles;

        @Option(names = "--mode", description = "Use this mode's parameters instead of the journaled configuration.")
        String mode;

        @Option(names = "--config-dir", paramLabel = "DIR", description = "Directory with base.yaml and modes/.")
        Path configDir;

        @Option(names = "--allow-unclosed", description = "Accept journals without an end-of-run marker.")
        boolean allowUnclosed;

        @Option(names = "--out", paramLabel = "DIR", description = "Write signals.json and signals.csv here.")
        Path out;

        @Override
        public Integer call() throws IOException
        {
            final List<MarketTape> tapes = tapes(journals, mode, configDir, allowUnclosed);
            final boolean bars = tapes.get(0).bars();
            final List<SignalResearch.Horizon> chosen = horizons == null ? SignalResearch.defaultHorizons(bars) :
                parseHorizons(horizons, bars);
            final SignalResearch research = new SignalResearch(Main.parseDurationNs("--sample", sample), chosen,
                quantiles);
            final SignalResearch.Report report = research.run(tapes);
            final PrintWriter printer = spec.commandLine().getOut();
            printer.print(SignalResearch.format(report));
            if (out != null)
            {
                final Path dir = outputDirectory(out);
                writeJson(dir.resolve("signals.json"), report);
                Files.writeString(dir.resolve("signals.csv"), SignalResearch.csv(report));
                printer.println("wrote " + dir.resolve("signals.json") + " and " + dir.resolve("signals.csv"));
            }
            printer.flush();
            return ExitCode.OK;
        }

        private static List<SignalResearch.Horizon> parseHorizons(final List<String> texts, final boolean bars)
        {
            final List<SignalResearch.Horizon> parsed = new ArrayList<>();
            for (final String text : texts)
            {
                if (bars)
                {
                    final int count;
                    try
                    {
                        count = Integer.parseInt(text.trim());
                    }
                    catch (final NumberFormatException ex)
                    {
                        throw new IllegalArgumentException("--horizons '" + text + "': bar data takes bar counts, " +
                            "e.g. 1,5,20");
                    }
                    if (count <= 0)
                    {
                        throw new IllegalArgumentException("--horizons '" + text + "' must be at least 1 bar");
                    }
                    parsed.add(new SignalResearch.Horizon(count + (count == 1 ? " bar" : " bars"), count));
                }
                else
                {
                    parsed.add(new SignalResearch.Horizon(text.trim(), Main.parseDurationNs("--horizons", text)));
                }
            }
            return parsed;
        }
    }

    /** {@code train}. */
    @Command(name = "train", mixinStandardHelpOptions = true,
        description = "Fit a model offline on journaled days (logistic regression and/or gradient-boosted trees via " +
            "Smile), audit its inputs for look-ahead, evaluate it walk-forward and by purged k-fold cross-validation " +
            "with an embargo, and write a versioned artifact the daemon loads as the alpha model 'trained'.")
    static final class Train implements Callable<Integer>
    {
        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Option(names = "--journal", required = true, paramLabel = "DIR",
            description = "Journal directory (imported or recorded); repeat for several days, oldest first.")
        List<Path> journals;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Write <model>.json here.")
        Path out;

        @Option(names = "--model", split = ",", defaultValue = "logistic,gbt",
            description = "Models to fit: logistic, gbt (default: ${DEFAULT-VALUE}).")
        List<String> models;

        @Option(names = "--horizon", description = "Label horizon: a duration for tick data (default 1s), a bar " +
            "count for bar data (default 1).")
        String horizon;

        @Option(names = "--sample", paramLabel = "DURATION", description = "Tick data: time between samples of an " +
            "instrument (default: one horizon, so labels do not overlap).")
        String sample;

        @Option(names = "--inputs", split = ",", description = "Model inputs (default: book, flow and trend inputs " +
            "for ticks; trend, RSI, z-score, MACD for bars). Names: book_imbalance, spread_bps, volatility, " +
            "ema_gap_bps, microprice_bps, zscore:N, ind:<indicator>.")
        List<String> inputs;

        @Option(names = "--folds", defaultValue = "5", description = "Walk-forward and cross-validation folds " +
            "(default: ${DEFAULT-VALUE}).")
        int folds;

        @Option(names = "--embargo", paramLabel = "DURATION", description = "Embargo after each cross-validation " +
            "test fold (default: one horizon).")
        String embargo;

        @Option(names = "--from", paramLabel = "TIME", description = "Only samples from this UTC date or instant on " +
            "(e.g. 1998-01-01 or 2024-08-08T12:00:00Z).")
        String from;

        @Option(names = "--until", paramLabel = "TIME", description = "Only samples whose label ends before this UTC " +
            "date or instant: keep later data out of sample for a backtest.")
        String until;

        @Option(names = "--shuffle-labels", description = "Permute the outcomes before training (a permutation " +
            "test: an honest pipeline then finds no edge).")
        boolean shuffleLabels;

        @Option(names = "--seed", defaultValue = "42", description = "Seed (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--mode", description = "Use this mode's configuration instead of the journaled one.")
        String mode;

        @Option(names = "--config-dir", paramLabel = "DIR", description = "Directory with base.yaml and modes/.")
        Path configDir;

        @Option(names = "--allow-unclosed", description = "Accept journals without an end-of-run marker.")
        boolean allowUnclosed;

        @Override
        public Integer call() throws IOException
        {
            final List<MarketTape> tapes = tapes(journals, mode, configDir, allowUnclosed);
            final boolean bars = tapes.get(0).bars();
            final long horizonAmount = horizon == null ? (bars ? 1 : 1_000_000_000L) : bars ?
                parseBars(horizon) : Main.parseDurationNs("--horizon", horizon);
            final Trainer.Inputs chosen = Trainer.featureVector(inputs != null ? inputs :
                bars ? FeatureVector.BAR_DEFAULT : FeatureVector.TICK_DEFAULT);
            final Path dir = outputDirectory(out);
            final PrintWriter printer = spec.commandLine().getOut();
            for (final String kind : models)
            {
                final Trainer.Options defaults = Trainer.Options.defaults(kind, horizonAmount);
                final Trainer.Options options = new Trainer.Options(kind, horizonAmount,
                    sample == null ? 0 : Main.parseDurationNs("--sample", sample), folds,
                    embargo == null ? 0 : Main.parseDurationNs("--embargo", embargo), shuffleLabels, seed,
                    defaults.auditSamples(), defaults.params(), from == null ? Long.MIN_VALUE : epochNs("--from", from),
                    until == null ? Long.MAX_VALUE : epochNs("--until", until));
                final Trainer.Result result = new Trainer(options).train(tapes, chosen);
                final Path file = dir.resolve(kind + ".json");
                final String sha = result.artifact().write(file);
                printer.print(result.report());
                printer.println("wrote " + file + " sha256 " + sha + "; to trade it, in the mode profile:");
                printer.println("  alpha:\n    trained:\n      enabled: true\n      artifact: " +
                    file.toAbsolutePath() + "\n      sha256: \"" + sha + "\"");
                printer.println();
            }
            printer.flush();
            return ExitCode.OK;
        }

        private static long epochNs(final String option, final String text)
        {
            try
            {
                final java.time.Instant instant = text.contains("T") ? java.time.Instant.parse(text) :
                    java.time.LocalDate.parse(text).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
                return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
            }
            catch (final java.time.format.DateTimeParseException ex)
            {
                throw new IllegalArgumentException(option + " '" + text + "' is not a UTC date (2024-08-08) or " +
                    "instant (2024-08-08T12:00:00Z)");
            }
        }

        private static long parseBars(final String text)
        {
            try
            {
                final long bars = Long.parseLong(text.trim());
                if (bars > 0)
                {
                    return bars;
                }
            }
            catch (final NumberFormatException ex)
            {
                // reported below
            }
            throw new IllegalArgumentException("--horizon '" + text + "': bar data takes a bar count of at least 1");
        }
    }

    /** {@code algos}: the execution algorithms compared on the same parent orders. */
    @Command(name = "algos", mixinStandardHelpOptions = true,
        description = "Compare the execution algorithms (market, passive, twap, vwap, pov, iceberg) on the same " +
            "parent orders over a journaled market, each on its own simulated exchange, by implementation " +
            "shortfall against the arrival mid.")
    static final class AlgosCommand implements Callable<Integer>
    {
        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Option(names = "--journal", required = true, paramLabel = "DIR", description = "Journal with a book.")
        Path journal;

        @Option(names = "--symbol", description = "Instrument (default: the first of the journal's mode).")
        String symbol;

        @Option(names = "--size", required = true, description = "Parent order quantity in instrument units, " +
            "e.g. 0.5.")
        java.math.BigDecimal size;

        @Option(names = "--every", defaultValue = "30s", description = "A parent this often (default: " +
            "${DEFAULT-VALUE}), alternately buy and sell.")
        String every;

        @Option(names = "--horizon", defaultValue = "20s", description = "Each parent must be done within this " +
            "(default: ${DEFAULT-VALUE}).")
        String horizon;

        @Option(names = "--latency-ms", description = "Order latency (default: the mode's execution.latencyMs).")
        Double latencyMs;

        @Option(names = "--allow-unclosed", description = "Accept a journal without an end-of-run marker.")
        boolean allowUnclosed;

        @Override
        public Integer call()
        {
            final MarketTape tape = MarketTape.read(journal, null, allowUnclosed);
            final java.util.List<io.keel.core.InstrumentSpec> specs = tape.config().instruments();
            final io.keel.core.InstrumentSpec instrument = symbol == null ? specs.get(0) : specs.stream()
                .filter(s -> s.symbol().equals(symbol)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                    "--symbol " + symbol + " is not an instrument of mode " + tape.config().mode()));
            final long quantity = io.keel.core.FixedPoint.parse(size.toPlainString(), instrument.quantityScale());
            final double latency = latencyMs != null ? latencyMs : tape.config().config().execution().latencyMs();
            final io.keel.research.AlgoComparison comparison = new io.keel.research.AlgoComparison(tape,
                instrument.id(), quantity, Main.parseDurationNs("--every", every),
                Main.parseDurationNs("--horizon", horizon), Math.round(latency * 1_000_000));
            spec.commandLine().getOut().print(io.keel.research.AlgoComparison.format(comparison.run(),
                String.format(java.util.Locale.ROOT, "algos: %s %s of %s every %s within %s, latency %.1f ms, " +
                "implementation shortfall vs arrival mid (positive = cost)", journal.getFileName(),
                size.toPlainString(), instrument.symbol(), every, horizon, latency)));
            spec.commandLine().getOut().flush();
            return ExitCode.OK;
        }
    }
}

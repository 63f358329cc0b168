package io.keel.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.keel.app.research.MarketTape;
import io.keel.app.research.SignalResearch;
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
    @Command(name = "research", mixinStandardHelpOptions = true, subcommands = {Signals.class},
        description = "Offline research on journaled or imported days.")
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
}

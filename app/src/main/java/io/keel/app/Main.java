package io.keel.app;

import io.keel.app.daemon.Recorder;
import io.keel.config.ConfigException;
import io.keel.config.ConfigSource;
import io.keel.config.LoadedConfig;
import io.keel.core.InstrumentSpec;
import io.keel.core.decision.DecisionRecord;
import io.keel.core.event.Event;
import io.keel.core.journal.JournalException;
import io.keel.core.journal.JournalReader;
import io.keel.core.journal.RecordKind;
import io.keel.ingest.alpaca.AlpacaCredentials;
import io.keel.ingest.alpaca.AlpacaMarketData;
import io.keel.ingest.binance.BinanceBookBuilder;
import io.keel.ingest.binance.BinanceLiveFeed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** Entry point of the daemon and its tools. */
@Command(name = "keel", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "A multi-layer trading daemon: paper trading on a simulated venue, journal replay and verify.",
    subcommands = {RunCommand.class, ReplayCommand.class, VerifyCommand.class, ImportCommand.class, RecordCommand.class,
        DumpCommand.class, ResearchCommands.Research.class,
        ResearchCommands.Train.class, KillCommand.class,
        ResearchCommands.AlgosCommand.class, io.keel.app.backtest.BacktestCommand.class})
public final class Main implements Callable<Integer>
{
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** Starts the CLI and exits with the command's code. */
    public static void main(final String[] args)
    {
        System.exit(execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs a command in-process (tests use this). @return the exit code. */
    public static int execute(final PrintWriter out, final PrintWriter err, final String... args)
    {
        final CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> handle(ex, commandLine.getErr()));
        cli.setParameterExceptionHandler((ex, args1) ->
        {
            ex.getCommandLine().getErr().println("error: " + ex.getMessage());
            ex.getCommandLine().usage(ex.getCommandLine().getErr());
            return ExitCode.BAD_INPUT;
        });
        return cli.execute(args);
    }

    private static int handle(final Exception ex, final PrintWriter err)
    {
        if (ex instanceof ConfigException)
        {
            err.println("error: " + ex.getMessage());
            LOG.error("configuration rejected: {}", ex.getMessage());
            return ExitCode.BAD_INPUT;
        }
        if (ex instanceof JournalException)
        {
            err.println("error: " + ex.getMessage());
            LOG.error("journal rejected: {}", ex.getMessage());
            return ExitCode.BAD_JOURNAL;
        }
        if (ex instanceof IllegalArgumentException)
        {
            err.println("error: " + ex.getMessage());
            return ExitCode.BAD_INPUT;
        }
        err.println("error: unexpected failure: " + ex + " (stack trace in the log)");
        LOG.error("unexpected failure", ex);
        return ExitCode.FAILURE;
    }

    @Override
    public Integer call()
    {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCode.OK;
    }

    /** @return --config-dir if given, else $KEEL_HOME/config when present, else the built-in copy. */
    public static ConfigSource configSource(final Path configDir)
    {
        if (configDir != null)
        {
            if (!Files.isDirectory(configDir))
            {
                throw new IllegalArgumentException("--config-dir " + configDir + " is not a directory");
            }
            return ConfigSource.directory(configDir);
        }
        final String home = System.getProperty("keel.home");
        if (home != null && Files.isRegularFile(Path.of(home, "config", "base.yaml")))
        {
            return ConfigSource.directory(Path.of(home, "config"));
        }
        return ConfigSource.builtIn();
    }

    /** @return --state-dir if given, else the keel.stateDir property (tests), else risk.stateDir. */
    static Path stateDirectory(final Path option, final LoadedConfig loaded)
    {
        if (option != null)
        {
            return option;
        }
        final String property = System.getProperty("keel.stateDir");
        return Path.of(property != null ? property : loaded.config().risk().stateDir());
    }

    /**
     * @return the control token: KEEL_CONTROL_TOKEN, else a fresh random one written to {@code <state>/control.token}
     *         readable by its owner only (never printed or logged).
     */
    static String controlToken(final Path state)
    {
        final String fromEnvironment = System.getenv("KEEL_CONTROL_TOKEN");
        if (fromEnvironment != null && !fromEnvironment.isBlank())
        {
            return fromEnvironment.trim();
        }
        final byte[] random = new byte[24];
        new java.security.SecureRandom().nextBytes(random);
        final String token = java.util.HexFormat.of().formatHex(random);
        try
        {
            Files.createDirectories(state);
            final Path file = state.resolve("control.token");
            Files.deleteIfExists(file);
            Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, token + "\n");
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException("cannot write the control token in " + state + ": " + ex.getMessage());
        }
        return token;
    }

    /** @return the mode named in a journal's run header. */
    static String journaledMode(final Path journal)
    {
        try (JournalReader reader = JournalReader.open(journal))
        {
            if (reader.next(new Event(), new DecisionRecord()) != RecordKind.RUN_HEADER)
            {
                reader.requireCleanEnd();
            }
            return reader.header().mode();
        }
    }

    /** @return nanoseconds of a duration such as 500ms, 90s, 10m, 2h or 1d. */
    static long parseDurationNs(final String text)
    {
        return parseDurationNs("--duration", text);
    }

    /** @return nanoseconds of a duration such as 500ms, 90s, 10m, 2h or 1d given to {@code option}. */
    static long parseDurationNs(final String option, final String text)
    {
        final java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)(ms|s|m|h|d)").matcher(text.trim());
        if (!m.matches())
        {
            throw new IllegalArgumentException(option + " '" + text + "' is not a duration; use a whole number " +
                "with ms, s, m, h or d, e.g. 10m");
        }
        final long amount = Long.parseLong(m.group(1));
        final long unitNs = switch (m.group(2))
        {
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            default -> 86_400_000_000_000L;
        };
        if (amount <= 0 || amount > Long.MAX_VALUE / unitNs / 2)
        {
            throw new IllegalArgumentException(option + " '" + text + "' is out of range (more than 0, at most " +
                "about 100 years)");
        }
        return amount * unitNs;
    }

    /**
     * @param venue       binance, binance-usdm or alpaca.
     * @param credentials Alpaca's market data keys (asked for only when the venue is Alpaca).
     * @return the venue's live market data feeds for the instruments, stamped by {@code clockNs}.
     */
    static Recorder.Feeds marketFeeds(
        final String venue, final LoadedConfig loaded, final List<InstrumentSpec> instruments, final String wsUrl,
        final String restUrl, final java.util.function.Supplier<AlpacaCredentials> credentials,
        final java.util.function.LongSupplier clockNs)
    {
        if ("alpaca".equals(venue))
        {
            final AlpacaCredentials keys = credentials.get();
            final AlpacaMarketData.Endpoints endpoints = new AlpacaMarketData.Endpoints(
                java.net.URI.create(wsUrl != null ? wsUrl : AlpacaMarketData.Endpoints.IEX.stream().toString()),
                java.net.URI.create(restUrl != null ? restUrl : AlpacaMarketData.Endpoints.IEX.rest().toString()));
            return sink ->
            {
                final AlpacaMarketData feed = new AlpacaMarketData(loaded, instruments, endpoints, keys, sink,
                    clockNs);
                feed.start();
                return List.of(feed);
            };
        }
        final boolean futures = "binance-usdm".equals(venue);
        final BinanceLiveFeed.Endpoints production = futures ?
            BinanceLiveFeed.Endpoints.USD_M : BinanceLiveFeed.Endpoints.SPOT;
        return Recorder.binance(loaded, instruments, futures ? BinanceBookBuilder.Market.USD_M :
            BinanceBookBuilder.Market.SPOT, new BinanceLiveFeed.Endpoints(wsUrl != null ? wsUrl :
            production.webSocketBase(), restUrl != null ? restUrl : production.restBase()), clockNs);
    }

}

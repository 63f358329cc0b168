package io.keel.app;

import io.keel.engine.ModelAttribution;
import io.keel.app.pipeline.PaperDaemon;
import io.keel.app.pipeline.Recorder;
import io.keel.engine.Replayer;
import io.keel.config.ConfigException;
import io.keel.config.ConfigLoader;
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
import io.keel.monitoring.RunSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/** Entry point of the daemon and its tools. */
@Command(name = "keel", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = "A multi-layer trading daemon: paper trading on a simulated venue, journal replay and verify.",
    subcommands = {Main.Run.class, Main.Replay.class, Main.Verify.class, Main.Import.class, Main.Record.class,
        Main.Dump.class, ResearchCommands.Research.class,
        ResearchCommands.Train.class, Main.Kill.class,
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

    /** {@code kill}: the operator's kill switch, flatten-all and reset, for a running daemon. */
    @Command(name = "kill", mixinStandardHelpOptions = true,
        description = "Engage the kill switch of the daemon using this state directory (cancel all working orders, " +
            "block risk-increasing orders; latched across restarts), or flatten every position, or reset the " +
            "switch. Written as a trigger file the daemon takes within a fraction of a second; audited.")
    static final class Kill implements Callable<Integer>
    {
        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Option(names = "--reason", required = true, description = "Why (goes to the audit log and the journal).")
        String reason;

        @Option(names = "--flatten", description = "Also close every position with market orders.")
        boolean flatten;

        @Option(names = "--reset", description = "Reset an engaged kill switch instead (an operator decision).")
        boolean reset;

        @Option(names = "--state-dir", paramLabel = "DIR", description = "The daemon's state directory (default: " +
            "risk.stateDir of --mode).")
        Path stateDir;

        @Option(names = "--mode", defaultValue = "crypto_scalp", description = "Mode whose risk.stateDir to use.")
        String mode;

        @Option(names = "--config-dir", paramLabel = "DIR", description = "Directory with base.yaml and modes/.")
        Path configDir;

        @Override
        public Integer call() throws IOException
        {
            if (flatten && reset)
            {
                throw new IllegalArgumentException("--flatten and --reset contradict each other: choose one");
            }
            final Path state = stateDir != null ? stateDir :
                stateDirectory(null, ConfigLoader.load(configSource(configDir), mode));
            final io.keel.core.event.OperatorCommand command = reset ? io.keel.core.event.OperatorCommand.RESET_KILL :
                flatten ? io.keel.core.event.OperatorCommand.FLATTEN_ALL : io.keel.core.event.OperatorCommand.KILL;
            final Path file = io.keel.app.pipeline.StateTriggers.write(state, command, "cli: " + reason);
            spec.commandLine().getOut().println("keel kill: " + command + " requested (" + file + "); the running " +
                "daemon takes it within a second" + (reset ? "" : "; with no daemon running, the next start does"));
            return ExitCode.OK;
        }
    }

    /** {@code run}: paper-trade a mode on the embedded simulated venue. */
    @Command(name = "run", mixinStandardHelpOptions = true,
        description = "Start the daemon: paper trading on the built-in simulated venue. SIGTERM/Ctrl-C stops " +
            "cleanly (cancels open orders, flushes the journal, prints a summary).")
    static final class Run implements Callable<Integer>
    {
        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Option(names = "--mode", defaultValue = "crypto_scalp",
            description = "Mode profile: crypto_scalp, crypto_swing, stocks_intraday, stocks_swing (default: " +
                "${DEFAULT-VALUE}).")
        String mode;

        @Option(names = "--duration", paramLabel = "DURATION",
            description = "Stop after this much event time, e.g. 90s, 10m, 2h, 1d (default: run until stopped).")
        String duration;

        @Option(names = "--journal-dir", paramLabel = "DIR",
            description = "Journal directory; must not hold a journal yet (default: journal.dir/<mode>-<UTC time>).")
        Path journalDir;

        @Option(names = "--no-journal", description = "Run without a journal (nothing can be replayed).")
        boolean noJournal;

        @Option(names = "--fast", description = "Generate the simulated market as fast as possible instead of in " +
            "real time.")
        boolean fast;

        @Option(names = "--config-dir", paramLabel = "DIR",
            description = "Directory with base.yaml and modes/ (default: $KEEL_HOME/config, else the built-in copy).")
        Path configDir;

        @Option(names = "--state-dir", paramLabel = "DIR", description = "Kill-switch latch, audit log and operator " +
            "trigger files (default: risk.stateDir, 'state').")
        Path stateDir;

        @Option(names = "--live-binance", paramLabel = "URL", description = "Send orders to Binance spot at URL " +
            "(keys from BINANCE_API_KEY and BINANCE_API_SECRET) instead of the simulated exchange; needs " +
            "execution.liveTrading: true in the profile too, and --market-ws (or --simulated-market-data).")
        String liveBinance;

        @Option(names = "--market-ws", paramLabel = "URL", description = "Market data from a live venue's stream " +
            "at URL instead of the simulated market (Binance: wss://stream.binance.com:9443/). Without a live order " +
            "venue this is paper trading on live data.")
        String marketWs;

        @Option(names = "--market-rest", paramLabel = "URL", description = "REST base for the live market's " +
            "snapshots (default: the --live-binance URL, else the venue's production API).")
        String marketRest;

        @Option(names = "--market-venue", paramLabel = "VENUE", description = "Whose stream --market-ws is: " +
            "binance or alpaca (default: the live order venue, else binance).")
        String marketVenue;

        @Option(names = "--simulated-market-data", description = "A live run on the simulated market (a drill: " +
            "real orders on simulated prices). A live run needs this or --market-ws.")
        boolean simulatedMarketData;

        @Option(names = "--http-port", paramLabel = "PORT", description = "Port of the daemon's HTTP server " +
            "(/metrics, /health, control panel at /) on monitoring.httpHost (127.0.0.1); default monitoring.httpPort " +
            "(8080); 0: any free port, printed. The control token is KEEL_CONTROL_TOKEN, or one kept in " +
            "<state-dir>/control.token (owner-only).")
        Integer httpPort;

        @Option(names = "--no-http", description = "No HTTP server (no metrics, no panel).")
        boolean noHttp;

        @Option(names = "--live-alpaca", paramLabel = "URL", description = "Send orders to Alpaca's trading API at " +
            "URL (keys from APCA_API_KEY_ID and APCA_API_SECRET_KEY, or --alpaca-keys); needs " +
            "execution.liveTrading: true in the profile too.")
        String liveAlpaca;

        @Option(names = "--alpaca-keys", paramLabel = "FILE", description = "Alpaca keys from a properties file " +
            "(key_id=..., secret_key=...) only its owner may read.")
        Path alpacaKeys;

        @Option(names = "--adopt-venue-positions", description = "At a live start, open from the venue's " +
            "positions even where they differ from what the previous run's journal adds up to (refused otherwise); " +
            "each difference goes to the audit log.")
        boolean adoptVenuePositions;

        @Option(names = "--binance-keys", paramLabel = "FILE", description = "Binance keys from a properties file " +
            "(api_key=..., api_secret=...) only its owner may read (chmod 600), instead of the environment.")
        Path binanceKeys;

        @Override
        public Integer call() throws IOException, InterruptedException
        {
            final ConfigSource source = configSource(configDir);
            LoadedConfig loaded = ConfigLoader.load(source, mode);
            final long durationNs = duration == null ? Long.MAX_VALUE : parseDurationNs(duration);
            final Path state = stateDirectory(stateDir, loaded);
            final PrintWriter out = spec.commandLine().getOut();
            final java.util.concurrent.atomic.AtomicReference<PaperDaemon> current =
                new java.util.concurrent.atomic.AtomicReference<>();
            final java.util.concurrent.atomic.AtomicReference<io.keel.app.control.DaemonHttp> control =
                new java.util.concurrent.atomic.AtomicReference<>();
            if (!io.keel.app.pipeline.SignalTrigger.install("USR2", () -> current.get().command(
                io.keel.core.event.OperatorCommand.KILL, "operator:signal", "SIGUSR2")))
            {
                LOG.warn("SIGUSR2 cannot be handled on this platform: use keel kill to engage the kill switch");
            }
            final CountDownLatch finished = new CountDownLatch(1);
            final Thread hook = shutdownHook(current, control, finished);
            Runtime.getRuntime().addShutdownHook(hook);
            try
            {
                for (int run = 1; ; run++)
                {
                    final Path dir = noJournal || !loaded.config().journal().enabled() ? null :
                        journalDirectory(loaded, run);
                    final boolean realtime = loaded.config().sim().realtime() && !fast;
                    final PaperDaemon daemon = new PaperDaemon(loaded, dir, durationNs, realtime, Version.version())
                        .stateDirectory(state);
                    configureLive(daemon, loaded);
                    current.set(daemon);
                    if (control.get() == null)
                    {
                        control.set(http(loaded, daemon, state, source));
                        if (control.get() != null)
                        {
                            out.println("panel and metrics: " + control.get().url() + "/ (control token: " +
                                "KEEL_CONTROL_TOKEN or " + state.resolve("control.token") + ")");
                        }
                    }
                    else
                    {
                        control.get().attach(daemon);
                    }
                    out.println(banner(loaded, dir, realtime));
                    out.flush();
                    out.println(daemon.run().format());
                    out.flush();
                    final io.keel.app.control.DaemonHttp http = control.get();
                    if (http == null || !http.stoppedByOperator())
                    {
                        return ExitCode.OK;
                    }
                    out.println("stopped by the operator; the panel at " + http.url() + "/ can start a run again");
                    out.flush();
                    final io.keel.app.control.DaemonHttp.Start start = http.awaitStart();
                    if (start == null)
                    {
                        return ExitCode.OK;
                    }
                    loaded = ConfigLoader.withInstruments(ConfigLoader.load(source, start.mode()), start.symbols());
                }
            }
            finally
            {
                if (control.get() != null)
                {
                    control.get().close();
                }
                finished.countDown();
                try
                {
                    Runtime.getRuntime().removeShutdownHook(hook);
                }
                catch (final IllegalStateException ex)
                {
                    // already shutting down: the hook is running and waits for us
                }
            }
        }

        /** SIGTERM, Ctrl-C: stop the running daemon (or the wait for a start) and wait for a clean end. */
        private static Thread shutdownHook(final java.util.concurrent.atomic.AtomicReference<PaperDaemon> current,
            final java.util.concurrent.atomic.AtomicReference<io.keel.app.control.DaemonHttp> control,
            final CountDownLatch finished)
        {
            return new Thread(() ->
            {
                current.get().requestStop();
                final io.keel.app.control.DaemonHttp http = control.get();
                if (http != null)
                {
                    http.endWaiting();
                }
                try
                {
                    finished.await(20, TimeUnit.SECONDS);
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                }
            }, "keel-shutdown");
        }

        private String banner(final LoadedConfig loaded, final Path dir, final boolean realtime)
        {
            final String orders = liveBinance != null ? "LIVE orders to Binance " + liveBinance :
                liveAlpaca != null ? "LIVE orders to Alpaca " + liveAlpaca : "paper trading";
            final String market = marketWs != null ? "live market data from " + marketWs :
                "the simulated market (" + (realtime ? "real time" : "as fast as possible") + ")";
            return "keel " + Version.version() + ": " + orders + ", mode " + loaded.mode() + " " +
                loaded.instruments().stream().map(io.keel.core.InstrumentSpec::symbol).toList() + " on " + market +
                ", config sha256 " + loaded.sha256().substring(0, 12) + (dir == null ? ", no journal" : ", journal " +
                dir);
        }

        /** @return the daemon's HTTP server, started; null with --no-http or monitoring.httpEnabled false. */
        private io.keel.app.control.DaemonHttp http(final LoadedConfig loaded, final PaperDaemon daemon,
            final Path state, final ConfigSource source) throws IOException
        {
            final io.keel.config.KeelConfig.Monitoring monitoring = loaded.config().monitoring();
            if (noHttp || !monitoring.httpEnabled())
            {
                return null;
            }
            // tests run many daemons at once: -Dkeel.httpPort=0 makes their default any free port
            final int port = httpPort != null ? httpPort : Integer.getInteger("keel.httpPort",
                monitoring.httpPort());
            final List<io.keel.app.control.DaemonHttp.ModeChoice> modes = new java.util.ArrayList<>();
            for (final String name : source.modes())
            {
                try
                {
                    modes.add(new io.keel.app.control.DaemonHttp.ModeChoice(name, ConfigLoader.load(source, name)
                        .instruments().stream().map(io.keel.core.InstrumentSpec::symbol).toList()));
                }
                catch (final io.keel.config.ConfigException ex)
                {
                    LOG.warn("mode {} is not offered in the panel: {}", name, ex.getMessage());
                }
            }
            return io.keel.app.control.DaemonHttp.start(monitoring.httpHost(), port, daemon, Version.version(),
                controlToken(state), modes);
        }

        /** @return {key, secret} from a file's two properties, else the two environment variables; null if unset. */
        private static String[] keys(final Path file, final String keyProperty, final String secretProperty,
            final String keyVariable, final String secretVariable, final String flag)
        {
            String key = System.getenv(keyVariable);
            String secret = System.getenv(secretVariable);
            if (file != null)
            {
                try
                {
                    final java.util.Properties properties = io.keel.core.OwnerOnlyProperties.read(file);
                    key = properties.getProperty(keyProperty);
                    secret = properties.getProperty(secretProperty);
                }
                catch (final IOException ex)
                {
                    throw new IllegalArgumentException("cannot read " + flag + " " + file + ": " + ex);
                }
            }
            if (key == null || key.isBlank() || secret == null || secret.isBlank())
            {
                throw new IllegalArgumentException("live orders need " + keyVariable + " and " + secretVariable +
                    " in the environment, or " + flag + " FILE with " + keyProperty + " and " + secretProperty);
            }
            return new String[] {key.trim(), secret.trim()};
        }

        private static void requireSafeUrl(final String url, final String flag)
        {
            if (!url.startsWith("https://") && !url.startsWith("http://127.0.0.1") && !url.startsWith("wss://") &&
                !url.startsWith("ws://127.0.0.1"))
            {
                throw new IllegalArgumentException(flag + " must be https or wss (or a loopback test venue)");
            }
        }

        /** Live market data (--market-ws), required by a live run unless it is a drill on simulated prices. */
        private void configureMarket(final PaperDaemon daemon, final LoadedConfig loaded)
        {
            final boolean liveOrders = liveBinance != null || liveAlpaca != null;
            if (simulatedMarketData && marketWs != null)
            {
                throw new IllegalArgumentException("--market-ws and --simulated-market-data: choose one");
            }
            if (liveOrders && !simulatedMarketData && marketWs == null)
            {
                throw new IllegalArgumentException("a live run needs market data: --market-ws URL (the venue's " +
                    "stream), or --simulated-market-data for a drill with real orders on simulated prices");
            }
            if (marketWs == null)
            {
                if (marketRest != null || marketVenue != null)
                {
                    throw new IllegalArgumentException("--market-rest and --market-venue need --market-ws");
                }
                return;
            }
            final String venue = marketVenue != null ? marketVenue : liveAlpaca != null ? "alpaca" : "binance";
            if (!List.of("binance", "alpaca").contains(venue))
            {
                throw new IllegalArgumentException("--market-venue " + venue + ": binance or alpaca");
            }
            requireSafeUrl(marketWs, "--market-ws");
            final String rest = marketRest != null ? marketRest : "binance".equals(venue) ? liveBinance : null;
            if (rest != null)
            {
                requireSafeUrl(rest, "--market-rest");
            }
            final java.util.function.LongSupplier wallClockNs = () ->
            {
                final java.time.Instant now = java.time.Instant.now();
                return now.getEpochSecond() * 1_000_000_000L + now.getNano();
            };
            daemon.liveMarketData(marketFeeds(venue, loaded, loaded.instruments(), marketWs, rest, () ->
            {
                final String[] k = keys(alpacaKeys, "key_id", "secret_key", "APCA_API_KEY_ID", "APCA_API_SECRET_KEY",
                    "--alpaca-keys");
                return AlpacaCredentials.of(k[0], k[1]);
            }, wallClockNs));
        }

        /** Sends orders to a live venue when --live-binance or --live-alpaca is given (the profile must allow it). */
        private void configureLive(final PaperDaemon daemon, final LoadedConfig loaded)
        {
            if (liveBinance != null && liveAlpaca != null)
            {
                throw new IllegalArgumentException("--live-binance and --live-alpaca: one venue per run");
            }
            if (liveAlpaca != null)
            {
                requireSafeUrl(liveAlpaca, "--live-alpaca");
                final String[] k = keys(alpacaKeys, "key_id", "secret_key", "APCA_API_KEY_ID", "APCA_API_SECRET_KEY",
                    "--alpaca-keys");
                daemon.liveAlpacaOrders(liveAlpaca, k[0], k[1]);
            }
            else if (liveBinance != null)
            {
                requireSafeUrl(liveBinance, "--live-binance");
                final String[] k = keys(binanceKeys, "api_key", "api_secret", "BINANCE_API_KEY", "BINANCE_API_SECRET",
                    "--binance-keys");
                daemon.liveOrders(liveBinance, k[0], k[1]);
            }
            configureMarket(daemon, loaded);
            if (adoptVenuePositions)
            {
                if (liveBinance == null && liveAlpaca == null)
                {
                    throw new IllegalArgumentException("--adopt-venue-positions needs --live-binance or --live-alpaca");
                }
                daemon.adoptVenuePositions();
            }
        }

        private Path journalDirectory(final LoadedConfig loaded, final int run)
        {
            final Path dir = journalDir != null ? (run == 1 ? journalDir : journalDir.resolveSibling(
                journalDir.getFileName() + "-run" + run)) : Path.of(loaded.config().journal().dir(),
                loaded.mode() + "-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                    .format(ZonedDateTime.now(ZoneOffset.UTC)));
            if (Files.isDirectory(dir))
            {
                try (Stream<Path> files = Files.list(dir))
                {
                    if (files.anyMatch(p -> p.getFileName().toString().endsWith(".cq4")))
                    {
                        throw new IllegalArgumentException("journal directory " + dir + " already holds a journal; " +
                            "choose a new --journal-dir (resuming a journal after a restart is not supported yet)");
                    }
                }
                catch (final IOException ex)
                {
                    throw new IllegalArgumentException("cannot read journal directory " + dir + ": " + ex.getMessage());
                }
            }
            return dir;
        }
    }

    /** Options shared by replay and verify. */
    abstract static class JournalCommand
    {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--journal", required = true, paramLabel = "DIR", description = "Journal directory to read.")
        Path journal;

        @Option(names = "--mode", description = "Use this mode's configuration from the config directory instead " +
            "of the configuration journaled in the run header.")
        String mode;

        @Option(names = "--config-dir", paramLabel = "DIR",
            description = "Use base.yaml and modes/ from DIR instead of the journaled configuration (with --mode, " +
                "or the journaled mode).")
        Path configDir;

        @Option(names = "--allow-unclosed", description = "Accept a journal that has no end-of-run marker (the " +
            "daemon was killed); without it such a journal is an error.")
        boolean allowUnclosed;

        Replayer replayer()
        {
            return replayer(false);
        }

        Replayer replayer(final boolean allModels)
        {
            LoadedConfig override = null;
            if (mode != null || configDir != null)
            {
                override = ConfigLoader.load(configSource(configDir), mode != null ? mode : journaledMode(journal));
            }
            return new Replayer(journal, override, allowUnclosed, Version.version(),
                allModels ? ConfigLoader::withAllModels : UnaryOperator.identity());
        }
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

    /** {@code replay}: backtest a journal's market through the pipeline with the simulated exchange. */
    @Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Re-run a journal's inbound market events through the pipeline with the simulated exchange " +
            "and print the summary.")
    static final class Replay extends JournalCommand implements Callable<Integer>
    {
        @Option(names = "--out", paramLabel = "DIR", description = "Write the replay's own journal here (must not " +
            "hold one yet).")
        Path out;

        @Option(names = "--all-models", description = "Enable every model of the alpha zoo (with its configured or " +
            "default parameters), not only the mode's.")
        boolean allModels;

        @Override
        public Integer call()
        {
            final ModelAttribution[] attribution = new ModelAttribution[1];
            final RunSummary summary = replayer(allModels).replay(out,
                loaded -> attribution[0] = ModelAttribution.forConfig(loaded));
            spec.commandLine().getOut().println(summary.format());
            spec.commandLine().getOut().print(attribution[0].format());
            spec.commandLine().getOut().flush();
            return ExitCode.OK;
        }
    }

    /** {@code verify}: replay and diff the regenerated order intents against the journaled ones. */
    @Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Replay a journal exactly (execution reports included) and compare every regenerated " +
            "decision and order intent with the journaled one. Exit 0 when identical, 1 with the first divergence.")
    static final class Verify extends JournalCommand implements Callable<Integer>
    {
        @Override
        public Integer call()
        {
            final Replayer.VerifyResult result = replayer().verify();
            final PrintWriter out = spec.commandLine().getOut();
            if (result.identical())
            {
                out.println("verify: identical (" + result.comparedRecords() + " decisions and intents compared)");
                return ExitCode.OK;
            }
            out.println("verify: DIVERGED at " + result.firstDivergence());
            return ExitCode.DIVERGED;
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

    /** {@code import}: convert vendor files into journals, one per trading day. */
    @Command(name = "import", mixinStandardHelpOptions = true,
        description = "Convert a vendor file into journaled inbound events (one journal per trading day under " +
            "--out) and report rows read, events written and every anomaly found.")
    static final class Import implements Callable<Integer>
    {
        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Option(names = "--format", required = true, description = "binance-raw, lean-equity (tick, second and " +
            "minute files, daily with factor files), lean-crypto (second, minute, hour, daily, funding), lobster " +
            "(the message file; its orderbook file beside it), csv (datetime,open,high,low,close,volume)")
        String format;

        @Option(names = "--input", required = true, paramLabel = "PATH", arity = "1..*",
            description = "File(s) to import; LEAN files of one instrument are merged in time order.")
        List<Path> inputs;

        @Option(names = "--bad-print-band", paramLabel = "FRACTION", description = "Quality gate: a price further " +
            "than this fraction from the median of recent prices is a bad print, and a bar spanning more than " +
            "(1 + FRACTION)^2 from low to high holds one (defaults: 0.5 and 2.25 for ticks and intraday bars, " +
            "9 and 5 for hourly and daily bars).")
        Double badPrintBand;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Root of the journals written " +
            "(DIR/yyyyMMdd/ per trading day).")
        Path out;

        @Option(names = "--mode", defaultValue = "crypto_scalp", description = "Mode whose configuration (and " +
            "instrument specs) the journals carry (default: ${DEFAULT-VALUE}).")
        String mode;

        @Option(names = "--symbol", description = "Instrument symbol in the mode (default: the file's own).")
        String symbol;

        @Option(names = "--prices", defaultValue = "adjusted", description = "lean-equity daily bars: adjusted " +
            "(split and dividend factors applied) or raw (with a CORPORATE_ACTION event at each split); default " +
            "${DEFAULT-VALUE}.")
        String prices;

        @Option(names = "--zone", defaultValue = "UTC", description = "csv: time zone of dates and local times " +
            "(default: ${DEFAULT-VALUE}; e.g. America/New_York).")
        String zone;

        @Option(names = "--bar-length", paramLabel = "DURATION", description = "csv: bar length, e.g. 1m, 1h, 1d " +
            "(default: the spacing of the first two rows).")
        String barLength;

        @Option(names = "--config-dir", paramLabel = "DIR", description = "Directory with base.yaml and modes/.")
        Path configDir;

        @Override
        public Integer call() throws IOException
        {
            for (final Path input : inputs)
            {
                if (!Files.isRegularFile(input))
                {
                    throw new IllegalArgumentException("--input " + input + " is not a file");
                }
            }
            final LoadedConfig loaded = ConfigLoader.load(configSource(configDir), mode);
            final PrintWriter err = spec.commandLine().getErr();
            final java.util.function.ObjDoubleConsumer<String> progress = TerminalProgress.bar(err);
            final java.util.function.DoubleConsumer bar = progress == null ? null : f -> progress.accept("", f);
            final io.keel.ingest.importer.ImportReport report = switch (format)
            {
                case "binance-raw" -> io.keel.ingest.importer.BinanceRawImporter.importFile(single(), out, loaded,
                    symbol, Version.version(), bar);
                case "lean-equity", "lean-crypto" -> io.keel.ingest.importer.LeanImporter.importFiles(inputs, out,
                    loaded, symbol, format.equals("lean-crypto"), badPrintBand != null ? badPrintBand :
                    -1, !"raw".equals(prices), Version.version(), bar);

                case "csv" -> io.keel.ingest.importer.CsvBarImporter.importFile(single(), out, loaded, symbol,
                    java.time.ZoneId.of(zone), barLength == null ? 0 : parseDurationNs(barLength),
                    badPrintBand != null ? badPrintBand : -1, Version.version(), bar);
                case "lobster" -> io.keel.ingest.importer.LobsterImporter.importFile(single(), out, loaded, symbol,
                    Version.version(), bar);
                default -> throw new IllegalArgumentException("unknown --format '" + format + "'; expected one of " +
                    "binance-raw, lean-equity, lean-crypto, lobster, csv");
            };
            if (bar != null)
            {
                err.println();
            }
            spec.commandLine().getOut().print(report.format());
            spec.commandLine().getOut().flush();
            return ExitCode.OK;
        }

        private Path single()
        {
            if (inputs.size() != 1)
            {
                throw new IllegalArgumentException("--format " + format + " takes one --input file");
            }
            return inputs.get(0);
        }
    }

    /** {@code record}: journal a live venue's market data for later replay. */
    @Command(name = "record", mixinStandardHelpOptions = true,
        description = "Record a live venue's market data (public streams, no keys) into a journal for replay.")
    static final class Record implements Callable<Integer>
    {
        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Option(names = "--venue", required = true, description = "binance (spot), binance-usdm (USD-M perpetuals) " +
            "or alpaca (US stocks, IEX feed; needs keys)")
        String venue;

        @Option(names = "--credentials-file", paramLabel = "FILE", description = "alpaca: a key_id/secret_key " +
            "properties file readable by its owner only (default: APCA_API_KEY_ID and APCA_API_SECRET_KEY from the " +
            "environment).")
        Path credentialsFile;

        @Option(names = "--symbols", required = true, split = ",", description = "Symbols, e.g. BTCUSDT,ETHUSDT; " +
            "each must be an instrument of the mode.")
        List<String> symbols;

        @Option(names = "--mode", defaultValue = "crypto_scalp", description = "Mode whose configuration the " +
            "journal carries (default: ${DEFAULT-VALUE}).")
        String mode;

        @Option(names = "--duration", paramLabel = "DURATION", description = "Wall-clock time to record, e.g. 10m " +
            "(default: until stopped).")
        String duration;

        @Option(names = "--journal-dir", required = true, paramLabel = "DIR", description = "Journal directory (new).")
        Path journalDir;

        @Option(names = "--ws-url", paramLabel = "URL", description = "Stream base URL (default: Binance " +
            "production, wss://stream.binance.com:9443/).")
        String wsUrl;

        @Option(names = "--rest-url", paramLabel = "URL", description = "REST base URL (default: Binance " +
            "production, https://api.binance.com).")
        String restUrl;

        @Option(names = "--config-dir", paramLabel = "DIR", description = "Directory with base.yaml and modes/.")
        Path configDir;

        @Override
        public Integer call() throws InterruptedException
        {
            if (!List.of("binance", "binance-usdm", "alpaca").contains(venue))
            {
                throw new IllegalArgumentException("--venue " + venue + " is not supported; binance, binance-usdm " +
                    "and alpaca are");
            }
            final LoadedConfig loaded = ConfigLoader.load(configSource(configDir), mode);
            final List<InstrumentSpec> instruments = new java.util.ArrayList<>();
            for (final String symbol : symbols)
            {
                instruments.add(loaded.instruments().stream().filter(i -> i.symbol().equalsIgnoreCase(symbol))
                    .findFirst().orElseThrow(() -> new IllegalArgumentException("symbol " + symbol + " is not an " +
                    "instrument of mode " + loaded.mode())));
            }
            final java.util.function.LongSupplier wallClockNs = () ->
            {
                final java.time.Instant now = java.time.Instant.now();
                return now.getEpochSecond() * 1_000_000_000L + now.getNano();
            };
            final Recorder.Feeds feeds = marketFeeds(venue, loaded, instruments, wsUrl, restUrl, () ->
            {
                try
                {
                    return credentialsFile != null ? AlpacaCredentials.fromFile(credentialsFile) :
                        AlpacaCredentials.fromEnvironment(System.getenv());
                }
                catch (final java.io.IOException ex)
                {
                    throw new IllegalArgumentException("cannot read --credentials-file " + credentialsFile + ": " +
                        ex.getMessage());
                }
            }, wallClockNs);
            final Recorder recorder = new Recorder(loaded, feeds, journalDir, Version.version(), wallClockNs);
            final Thread hook = new Thread(recorder::requestStop, "keel-record-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            final long events = recorder.run(duration == null ? java.time.Duration.ofDays(36_500) :
                java.time.Duration.ofNanos(parseDurationNs(duration)));
            try
            {
                Runtime.getRuntime().removeShutdownHook(hook);
            }
            catch (final IllegalStateException ex)
            {
                // shutting down already
            }
            spec.commandLine().getOut().println("recorded " + events + " events into " + journalDir);
            return ExitCode.OK;
        }
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

    /** {@code dump}: print a journal's records, for operators and debugging. */
    @Command(name = "dump", mixinStandardHelpOptions = true,
        description = "Print the records of a journal, one per line (header, events, decisions, end marker).")
    static final class Dump implements Callable<Integer>
    {
        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Option(names = "--journal", required = true, paramLabel = "DIR", description = "Journal directory.")
        Path journal;

        @Option(names = "--type", description = "Only events of this type (e.g. QUALITY_FLAG, ORDER_INTENT) or " +
            "DECISION.")
        String type;

        @Option(names = "--limit", defaultValue = "9223372036854775807", description = "At most this many lines.")
        long limit;

        @Override
        public Integer call()
        {
            final PrintWriter out = spec.commandLine().getOut();
            long printed = 0;
            try (JournalReader reader = JournalReader.open(journal))
            {
                final Event event = new Event();
                final DecisionRecord decision = new DecisionRecord();
                byte kind;
                while (printed < limit && (kind = reader.next(event, decision)) != RecordKind.END_OF_JOURNAL)
                {
                    final String line = switch (kind)
                    {
                        case RecordKind.EVENT -> type == null || type.equals(event.type.name()) ?
                            java.time.Instant.ofEpochSecond(0, event.timestampNs) + " " + event : null;
                        case RecordKind.DECISION -> type == null || type.equals("DECISION") ? decision.toString() :
                            null;
                        case RecordKind.RUN_HEADER -> type == null ? "RunHeader{build=" +
                            reader.header().buildVersion() + ", mode=" + reader.header().mode() + ", configSha256=" +
                            reader.header().configHash() + ", seed=" + reader.header().seed() + "}" : null;
                        default -> type == null ? "RunEnd{records=" + reader.endRecordCount() + "}" : null;
                    };
                    if (line != null)
                    {
                        out.println(line);
                        printed++;
                    }
                }
            }
            out.flush();
            return ExitCode.OK;
        }
    }

    /** Version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider
    {
        static String version()
        {
            final String version = Main.class.getPackage().getImplementationVersion();
            return version == null ? "dev" : version;
        }

        @Override
        public String[] getVersion()
        {
            return new String[] {"keel " + version()};
        }
    }
}

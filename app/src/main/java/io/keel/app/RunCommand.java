package io.keel.app;

import io.keel.app.daemon.Daemon;
import io.keel.config.ConfigLoader;
import io.keel.config.ConfigSource;
import io.keel.config.LoadedConfig;
import io.keel.ingest.alpaca.AlpacaCredentials;
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
import java.util.stream.Stream;

/** {@code run}: paper-trade a mode on the embedded simulated venue. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Start the daemon: paper trading on the built-in simulated venue. SIGTERM/Ctrl-C stops " +
        "cleanly (cancels open orders, flushes the journal, prints a summary).")
final class RunCommand implements Callable<Integer>
{
    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

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
        final ConfigSource source = Main.configSource(configDir);
        LoadedConfig loaded = ConfigLoader.load(source, mode);
        final long durationNs = duration == null ? Long.MAX_VALUE : Main.parseDurationNs(duration);
        final Path state = Main.stateDirectory(stateDir, loaded);
        final PrintWriter out = spec.commandLine().getOut();
        final java.util.concurrent.atomic.AtomicReference<Daemon> current =
            new java.util.concurrent.atomic.AtomicReference<>();
        final java.util.concurrent.atomic.AtomicReference<io.keel.monitoring.control.DaemonHttp> control =
            new java.util.concurrent.atomic.AtomicReference<>();
        if (!io.keel.app.daemon.SignalTrigger.install("USR2", () -> current.get().command(
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
                final Daemon daemon = new Daemon(loaded, dir, durationNs, realtime, VersionProvider.version())
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
                final io.keel.monitoring.control.DaemonHttp http = control.get();
                if (http == null || !http.stoppedByOperator())
                {
                    return ExitCode.OK;
                }
                out.println("stopped by the operator; the panel at " + http.url() + "/ can start a run again");
                out.flush();
                final io.keel.monitoring.control.DaemonHttp.Start start = http.awaitStart();
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
    private static Thread shutdownHook(final java.util.concurrent.atomic.AtomicReference<Daemon> current,
        final java.util.concurrent.atomic.AtomicReference<io.keel.monitoring.control.DaemonHttp> control,
        final CountDownLatch finished)
    {
        return new Thread(() ->
        {
            current.get().requestStop();
            final io.keel.monitoring.control.DaemonHttp http = control.get();
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
        return "keel " + VersionProvider.version() + ": " + orders + ", mode " + loaded.mode() + " " +
            loaded.instruments().stream().map(io.keel.core.InstrumentSpec::symbol).toList() + " on " + market +
            ", config sha256 " + loaded.sha256().substring(0, 12) + (dir == null ? ", no journal" : ", journal " +
            dir);
    }

    /** @return the daemon's HTTP server, started; null with --no-http or monitoring.httpEnabled false. */
    private io.keel.monitoring.control.DaemonHttp http(final LoadedConfig loaded, final Daemon daemon,
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
        final List<io.keel.monitoring.control.DaemonHttp.ModeChoice> modes = new java.util.ArrayList<>();
        for (final String name : source.modes())
        {
            try
            {
                modes.add(new io.keel.monitoring.control.DaemonHttp.ModeChoice(name, ConfigLoader.load(source, name)
                    .instruments().stream().map(io.keel.core.InstrumentSpec::symbol).toList()));
            }
            catch (final io.keel.config.ConfigException ex)
            {
                LOG.warn("mode {} is not offered in the panel: {}", name, ex.getMessage());
            }
        }
        return io.keel.monitoring.control.DaemonHttp.start(monitoring.httpHost(), port, daemon,
            VersionProvider.version(), Main.controlToken(state), modes);
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
    private void configureMarket(final Daemon daemon, final LoadedConfig loaded)
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
        if (marketWs != null && liveBinance != null && liveAlpaca != null)
        {
            throw new IllegalArgumentException("--market-ws streams one venue's market, and this book trades on " +
                "binance and alpaca: market data from both venues at once is not built yet; run the two-venue book " +
                "with --simulated-market-data (real orders on simulated prices)");
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
        daemon.liveMarketData(Main.marketFeeds(venue, loaded, loaded.instruments(), marketWs, rest, () ->
        {
            final String[] k = keys(alpacaKeys, "key_id", "secret_key", "APCA_API_KEY_ID", "APCA_API_SECRET_KEY",
                "--alpaca-keys");
            return AlpacaCredentials.of(k[0], k[1]);
        }, wallClockNs));
    }

    /**
     * Sends orders to live venues when --live-binance and/or --live-alpaca are given (the profile must allow it):
     * each instrument's orders to its venue ({@code instruments[].venue}), one book across both.
     */
    private void configureLive(final Daemon daemon, final LoadedConfig loaded)
    {
        if (liveAlpaca != null)
        {
            requireSafeUrl(liveAlpaca, "--live-alpaca");
            final String[] k = keys(alpacaKeys, "key_id", "secret_key", "APCA_API_KEY_ID", "APCA_API_SECRET_KEY",
                "--alpaca-keys");
            daemon.liveAlpacaOrders(liveAlpaca, k[0], k[1]);
        }
        if (liveBinance != null)
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

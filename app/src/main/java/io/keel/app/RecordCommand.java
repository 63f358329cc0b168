package io.keel.app;

import io.keel.app.daemon.Recorder;
import io.keel.config.ConfigLoader;
import io.keel.config.LoadedConfig;
import io.keel.core.InstrumentSpec;
import io.keel.ingest.alpaca.AlpacaCredentials;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code record}: journal a live venue's market data for later replay. */
@Command(name = "record", mixinStandardHelpOptions = true,
    description = "Record a live venue's market data (public streams, no keys) into a journal for replay.")
final class RecordCommand implements Callable<Integer>
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
        final LoadedConfig loaded = ConfigLoader.load(Main.configSource(configDir), mode);
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
        final Recorder.Feeds feeds = Main.marketFeeds(venue, loaded, instruments, wsUrl, restUrl, () ->
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
        final Recorder recorder = new Recorder(loaded, feeds, journalDir, VersionProvider.version(), wallClockNs);
        final Thread hook = new Thread(recorder::requestStop, "keel-record-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        final long events = recorder.run(duration == null ? java.time.Duration.ofDays(36_500) :
            java.time.Duration.ofNanos(Main.parseDurationNs(duration)));
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

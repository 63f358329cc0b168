package io.keel.app;

import io.keel.config.ConfigLoader;
import io.keel.config.LoadedConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code import}: convert vendor files into journals, one per trading day. */
@Command(name = "import", mixinStandardHelpOptions = true,
    description = "Convert a vendor file into journaled inbound events (one journal per trading day under " +
        "--out) and report rows read, events written and every anomaly found.")
final class ImportCommand implements Callable<Integer>
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
        final LoadedConfig loaded = ConfigLoader.load(Main.configSource(configDir), mode);
        final PrintWriter err = spec.commandLine().getErr();
        final java.util.function.ObjDoubleConsumer<String> progress = TerminalProgress.bar(err);
        final java.util.function.DoubleConsumer bar = progress == null ? null : f -> progress.accept("", f);
        final io.keel.ingest.importer.ImportReport report = switch (format)
        {
            case "binance-raw" -> io.keel.ingest.importer.BinanceRawImporter.importFile(single(), out, loaded,
                symbol, VersionProvider.version(), bar);
            case "lean-equity", "lean-crypto" -> io.keel.ingest.importer.LeanImporter.importFiles(inputs, out,
                loaded, symbol, format.equals("lean-crypto"), badPrintBand != null ? badPrintBand :
                -1, !"raw".equals(prices), VersionProvider.version(), bar);

            case "csv" -> io.keel.ingest.importer.CsvBarImporter.importFile(single(), out, loaded, symbol,
                java.time.ZoneId.of(zone), barLength == null ? 0 : Main.parseDurationNs(barLength),
                badPrintBand != null ? badPrintBand : -1, VersionProvider.version(), bar);
            case "lobster" -> io.keel.ingest.importer.LobsterImporter.importFile(single(), out, loaded, symbol,
                VersionProvider.version(), bar);
            default -> throw new IllegalArgumentException("unknown --format '" + format + "'; expected one of " +
                "binance-raw, lean-equity, lean-crypto, lobster, csv");
        };
        if (bar != null)
        {
            err.println();
        }
        if (report.totalEvents() == 0)
        {
            // nothing imported: a user must not take an empty result for an import (exit 2, with the reason)
            err.print(report.format());
            err.println("import: nothing imported from " + report.input() + " (" + report.rowsRead() + " rows read, " +
                "0 events written) as --format " + format + (report.firstBadRow() == null ? "" : "; first bad row: " +
                report.firstBadRow()));
            err.flush();
            return ExitCode.BAD_INPUT;
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

package io.keel.ingest.importer;

import io.keel.config.LoadedConfig;
import io.keel.core.InstrumentSpec;
import io.keel.ingest.binance.BinanceBookBuilder;
import io.keel.ingest.binance.BinanceCaptureReader;
import io.keel.ingest.binance.BinanceEvents;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.DoubleConsumer;

/** Imports a raw Binance capture into daily journals through {@link BinanceEvents}. */
public final class BinanceRawImporter
{
    private BinanceRawImporter()
    {
    }

    /**
     * Imports one capture file.
     *
     * @param symbol   the instrument's symbol in the mode's configuration, or null to take it from the capture.
     * @param progress receives the fraction of the file read, for a progress bar; may be null.
     */
    public static ImportReport importFile(
        final Path input, final Path out, final LoadedConfig loaded, final String symbol, final String buildVersion,
        final DoubleConsumer progress) throws IOException
    {
        final long start = System.nanoTime();
        final String wanted = symbol != null ? symbol : BinanceCaptureReader.peekSymbol(input);
        final InstrumentSpec spec = Importers.instrument(loaded, wanted, input);
        final BinanceBookBuilder.Market market = Files.readString(input).contains("\"pu\":") ?
            BinanceBookBuilder.Market.USD_M : BinanceBookBuilder.Market.SPOT;
        final DailyJournals journals = new DailyJournals(out, loaded, buildVersion, ZoneOffset.UTC);
        final BinanceEvents importer = new BinanceEvents(loaded, spec, market, journals::append)
            .source(input.toString());
        final long rows;
        try
        {
            final BinanceCaptureReader reader = new BinanceCaptureReader(spec.priceScale(), spec.quantityScale());
            rows = Importers.readLines(input, progress, (number, line) -> reader.readLine(number, line, importer));
            importer.finish();
        }
        finally
        {
            journals.close();
        }
        final Object[] bad = importer.firstMalformed();
        return new ImportReport(input, rows, journals.counts(), importer.anomalies(), importer.notes(),
            List.copyOf(journals.journals()), (System.nanoTime() - start) / 1e9, bad == null ? null :
            BadRows.describe(input, (Long)bad[0], (String)bad[1], (String)bad[2]));
    }

}

package io.keel.benchmarks;

import io.keel.config.ConfigLoader;
import io.keel.config.ConfigSource;
import io.keel.config.LoadedConfig;
import io.keel.ingest.binance.BinanceBookBuilder;
import io.keel.ingest.binance.BinanceCaptureReader;
import io.keel.ingest.binance.DepthUpdate;
import io.keel.ingest.importer.BinanceRawImporter;
import io.keel.ingest.importer.ImportReport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Market-data benchmark on the Binance USD-M capture: import throughput (rows/s, capture to journal, quality gate
 * included) and the L2 book builder's updates/s (diffs applied from memory, parsing excluded).
 * Usage: {@code bin/bench ingest [path to usdm_btcusdt_20240808.txt] [rounds]}; the default path is
 * {@code ../shared/data/binance-raw/} beside the checkout.
 */
public final class IngestBenchmark
{
    private IngestBenchmark()
    {
    }

    /** Runs the benchmark and prints its figures. */
    public static void main(final String[] args) throws IOException
    {
        final Path capture = Path.of(args.length > 0 ? args[0] :
            "../shared/data/binance-raw/usdm_btcusdt_20240808.txt");
        final int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        if (!Files.isRegularFile(capture))
        {
            System.err.println("capture not found: " + capture + " (pass its path)");
            System.exit(2);
        }
        final LoadedConfig loaded = ConfigLoader.load(ConfigSource.builtIn(), "crypto_scalp");
        final Path work = Files.createTempDirectory("keel-ingest-bench");
        try
        {
            for (int round = 1; round <= rounds; round++)
            {
                final ImportReport report = BinanceRawImporter.importFile(capture, work.resolve("r" + round), loaded,
                    null, "bench", null);
                System.out.printf("import round %d: %,d rows in %.3f s = %,.0f rows/s, %,d events journaled%n", round,
                    report.rowsRead(), report.seconds(), report.rowsRead() / report.seconds(), report.totalEvents());
            }
            final List<DepthUpdate> updates = new ArrayList<>();
            new BinanceCaptureReader(2, 6).read(capture, new BinanceCaptureReader.Listener()
            {
                @Override
                public void onDepth(final long receiveNs, final DepthUpdate update)
                {
                    updates.add(update.copy());
                }

                @Override
                public void onBookTicker(final long receiveNs, final long eventTimeMs, final long updateId,
                    final long bidPrice, final long bidQuantity, final long askPrice, final long askQuantity)
                {
                }

                @Override
                public void onTrade(final long receiveNs, final long eventTimeMs, final long tradeId,
                    final long price, final long quantity, final boolean buyerIsMaker)
                {
                }

                @Override
                public void onMalformed(final long lineNumber, final String line, final String reason)
                {
                }
            });
            long levels = 0;
            for (final DepthUpdate u : updates)
            {
                levels += u.bids + u.asks;
            }
            for (int round = 1; round <= rounds * 4; round++)
            {
                final BinanceBookBuilder book = new BinanceBookBuilder(BinanceBookBuilder.Market.USD_M);
                final long start = System.nanoTime();
                for (final DepthUpdate u : updates)
                {
                    if (u.snapshot)
                    {
                        book.onSnapshot(u);
                    }
                    else
                    {
                        book.onDiff(u);
                    }
                }
                final double seconds = (System.nanoTime() - start) / 1e9;
                if (round % 4 == 0)
                {
                    System.out.printf("book builder round %d: %,d depth messages (%,d level updates) in %.4f s = " +
                        "%,.0f messages/s, %,.0f level updates/s; gaps %d%n", round / 4, updates.size(), levels,
                        seconds, updates.size() / seconds, levels / seconds, book.gaps());
                }
            }
        }
        finally
        {
            try (Stream<Path> files = Files.walk(work))
            {
                for (final Path p : files.sorted(Comparator.reverseOrder()).toList())
                {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}

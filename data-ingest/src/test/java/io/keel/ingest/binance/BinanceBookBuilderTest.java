package io.keel.ingest.binance;

import io.keel.testing.SharedData;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BinanceBookBuilderTest
{
    /** Replays a capture through the builder and checks the book against every bookTicker that shares its id. */
    static final class Check implements BinanceCaptureReader.Listener
    {
        final BinanceBookBuilder book;
        long diffs;
        long snapshots;
        long tickersCompared;
        long tickerMismatches;
        long malformed;
        final List<String> firstMismatches = new ArrayList<>();
        final java.util.TreeMap<Long, long[]> tickers = new java.util.TreeMap<>();
        final java.util.TreeMap<Long, long[]> bookAfterDiff = new java.util.TreeMap<>();

        Check(final BinanceBookBuilder.Market market)
        {
            book = new BinanceBookBuilder(market);
        }

        @Override
        public void onDepth(final long receiveNs, final DepthUpdate update)
        {
            if (update.snapshot)
            {
                snapshots++;
                book.onSnapshot(update);
            }
            else
            {
                diffs++;
                if (book.onDiff(update) == BinanceBookBuilder.Outcome.APPLIED)
                {
                    bookAfterDiff.put(book.lastUpdateId(), new long[] {book.bestBid(), book.bestBidQuantity(),
                        book.bestAsk(), book.bestAskQuantity()});
                }
            }
        }

        @Override
        public void onBookTicker(final long receiveNs, final long eventTimeMs, final long updateId,
            final long bidPrice, final long bidQuantity, final long askPrice, final long askQuantity)
        {
            tickers.put(updateId, new long[] {bidPrice, bidQuantity, askPrice, askQuantity});
        }

        /**
         * The book after a diff ending at id u must show the best bid/offer of the last bookTicker with an id at or
         * below u (every BBO change has a ticker). Compared once the whole capture is read, since the two streams
         * interleave freely.
         */
        void compare()
        {
            for (final java.util.Map.Entry<Long, long[]> diff : bookAfterDiff.entrySet())
            {
                final java.util.Map.Entry<Long, long[]> ticker = tickers.floorEntry(diff.getKey());
                if (ticker == null || ticker.getKey() < tickers.firstKey())
                {
                    continue;
                }
                tickersCompared++;
                if (!java.util.Arrays.equals(ticker.getValue(), diff.getValue()))
                {
                    tickerMismatches++;
                    if (firstMismatches.size() < 3)
                    {
                        firstMismatches.add("diff u=" + diff.getKey() + " book " +
                            java.util.Arrays.toString(diff.getValue()) + " ticker u=" + ticker.getKey() + " " +
                            java.util.Arrays.toString(ticker.getValue()));
                    }
                }
            }
        }

        @Override
        public void onTrade(final long receiveNs, final long eventTimeMs, final long tradeId, final long price,
            final long quantity, final boolean buyerIsMaker)
        {
        }

        @Override
        public void onMalformed(final long lineNumber, final String line, final String reason)
        {
            malformed++;
        }
    }

    private static Check replay(final Path file, final BinanceBookBuilder.Market market, final int qtyScale)
        throws IOException
    {
        final Check check = new Check(market);
        new BinanceCaptureReader(2, qtyScale).read(file, check);
        check.compare();
        return check;
    }

    @Test
    void shouldSyncTheSpotCaptureWithNoFalseGapAndMatchEveryBookTicker() throws IOException
    {
        final Check check = replay(SharedData.require("binance-raw/spot_btcusdt_20240808.txt"),
            BinanceBookBuilder.Market.SPOT, 6);
        assertEquals(0, check.malformed);
        assertEquals(3_451, check.diffs);
        assertEquals(1, check.snapshots);
        assertEquals(0, check.book.gaps(), "false gaps");
        assertTrue(check.book.isLive());
        assertEquals(check.diffs, check.book.applied() + check.book.dropped());
        assertTrue(check.tickersCompared > 100, "compared " + check.tickersCompared);
        assertEquals(0, check.tickerMismatches, check.firstMismatches.toString());
    }

    @Test
    void shouldSyncTheUsdmCaptureWithNoFalseGapAndMatchEveryBookTicker() throws IOException
    {
        final Check check = replay(SharedData.require("binance-raw/usdm_btcusdt_20240808.txt"),
            BinanceBookBuilder.Market.USD_M, 3);
        assertEquals(0, check.malformed);
        assertEquals(6_551, check.diffs);
        assertEquals(0, check.book.gaps(), "false gaps");
        assertTrue(check.book.isLive());
        assertTrue(check.tickersCompared > 100, "compared " + check.tickersCompared);
        assertEquals(0, check.tickerMismatches, check.firstMismatches.toString());
    }

    @Test
    void shouldCatchAGapInjectedIntoACopyOfEachCapture(@org.junit.jupiter.api.io.TempDir final Path dir)
        throws IOException
    {
        for (final String name : List.of("spot_btcusdt_20240808.txt", "usdm_btcusdt_20240808.txt"))
        {
            final List<String> lines = Files.readAllLines(SharedData.require("binance-raw/" + name));
            int depthSeen = 0;
            for (int i = 0; i < lines.size(); i++)
            {
                if (lines.get(i).contains("@depth") && ++depthSeen == 1_000)
                {
                    lines.remove(i);
                    break;
                }
            }
            final Path copy = dir.resolve(name);
            Files.write(copy, lines);
            final boolean spot = name.startsWith("spot");
            final Check check = replay(copy, spot ? BinanceBookBuilder.Market.SPOT : BinanceBookBuilder.Market.USD_M,
                spot ? 6 : 3);
            assertEquals(1, check.book.gaps(), name);
            assertTrue(check.book.isStale(), name + ": stale until the next snapshot");
            assertEquals(0, check.tickerMismatches, check.firstMismatches.toString());
        }
    }

    @Test
    void shouldResyncOnTheNextSnapshotAndApplyBufferedDiffs()
    {
        final BinanceBookBuilder book = new BinanceBookBuilder(BinanceBookBuilder.Market.SPOT);
        final DepthUpdate early = diff(5, 9, 100_00, 1);
        assertEquals(BinanceBookBuilder.Outcome.BUFFERED, book.onDiff(early));
        final DepthUpdate straddling = diff(10, 12, 101_00, 2);
        assertEquals(BinanceBookBuilder.Outcome.BUFFERED, book.onDiff(straddling));
        final DepthUpdate snapshot = new DepthUpdate();
        snapshot.snapshot = true;
        snapshot.lastId = 10;
        snapshot.addBid(99_00, 5);
        snapshot.addAsk(102_00, 5);
        book.onSnapshot(snapshot);
        assertEquals(1, book.dropped(), "u=9 <= lastUpdateId 10");
        assertEquals(101_00, book.bestBid());
        assertEquals(12, book.lastUpdateId());
        assertEquals(BinanceBookBuilder.Outcome.GAP, book.onDiff(diff(14, 15, 101_50, 1)));
        assertEquals(BinanceBookBuilder.Outcome.STALE, book.onDiff(diff(16, 17, 101_50, 1)));
        assertEquals(0, book.bestBid(), "a stale book shows nothing");
        snapshot.lastId = 20;
        book.onSnapshot(snapshot);
        assertTrue(book.isLive());
        assertEquals(BinanceBookBuilder.Outcome.APPLIED, book.onDiff(diff(21, 22, 99_50, 3)));
        assertEquals(99_50, book.bestBid());
    }

    @Test
    void shouldKeepTheUsdmEventThatEndsAtTheSnapshotAndChainOnPu()
    {
        final BinanceBookBuilder book = new BinanceBookBuilder(BinanceBookBuilder.Market.USD_M);
        final DepthUpdate snapshot = new DepthUpdate();
        snapshot.snapshot = true;
        snapshot.lastId = 10;
        snapshot.addBid(99_00, 5);
        book.onSnapshot(snapshot);
        final DepthUpdate older = diff(4, 7, 98_00, 1);
        older.previousLastId = 3;
        assertEquals(BinanceBookBuilder.Outcome.DROPPED, book.onDiff(older));
        final DepthUpdate straddling = diff(8, 10, 100_00, 2);
        straddling.previousLastId = 7;
        assertEquals(BinanceBookBuilder.Outcome.APPLIED, book.onDiff(straddling), "u == lastUpdateId is kept on USD-M");
        final DepthUpdate next = diff(11, 15, 100_50, 2);
        next.previousLastId = 10;
        assertEquals(BinanceBookBuilder.Outcome.APPLIED, book.onDiff(next));
        final DepthUpdate broken = diff(16, 20, 100_60, 2);
        broken.previousLastId = 14;
        assertEquals(BinanceBookBuilder.Outcome.GAP, book.onDiff(broken), "pu must equal the previous u");
    }

    private static DepthUpdate diff(final long first, final long last, final long bid, final long quantity)
    {
        final DepthUpdate d = new DepthUpdate();
        d.firstId = first;
        d.lastId = last;
        d.addBid(bid, quantity);
        return d;
    }
}

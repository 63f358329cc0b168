package io.keel.app.daemon;

import io.keel.config.ConfigLoader;
import io.keel.config.ConfigSource;
import io.keel.config.LoadedConfig;
import io.keel.core.Side;
import io.keel.core.event.Event;
import io.keel.core.event.EventType;
import io.keel.core.event.ExecType;
import io.keel.core.event.OrderType;
import io.keel.core.event.RejectReason;
import io.keel.core.journal.JournalWriter;
import io.keel.core.journal.RecordKind;
import io.keel.core.journal.RunHeader;
import io.keel.execution.OrderDesk;
import io.keel.execution.gateway.VenueOpening;
import io.keel.execution.gateway.BinanceOrderGateway;
import io.keel.testing.FakeBinanceVenue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A live start compares the venue with the previous run: what its journal and the orders recovered by query add up to
 * must be what the venue holds, or the start is refused until an operator adopts the venue's positions.
 */
class VenueOpeningBinanceTest
{
    private static final String KEY = "k-7a1f";
    private static final String SECRET = "s-9e2d";
    private static final String PREVIOUS = "prev1";

    /** The previous run: opened with 0.5 BTC, sent a 0.001 BTC buy and died before its fill was journaled. */
    private static Path previousRun(final LoadedConfig loaded, final Path dir, final FakeBinanceVenue venue)
    {
        final Path journal = dir.resolve("previous");
        final Event buy = new Event();
        buy.type = EventType.ORDER_INTENT;
        buy.instrumentId = 0;
        buy.clientOrderId = 5;
        buy.side = Side.BUY;
        buy.orderType = OrderType.MARKET;
        buy.quantity = 1_000;
        try (JournalWriter writer = JournalWriter.open(journal, 1_000, new RunHeader(RecordKind.SCHEMA_VERSION,
            "test", loaded.mode(), loaded.sha256(), 1, loaded.text())))
        {
            writer.append(new Event().executionReport(1_000, 0, OrderDesk.OPENING_BALANCE_ID, ExecType.FILLED,
                Side.BUY, 65_000_00, 500_000, 0, 0, RejectReason.NONE));
            writer.append(buy);
        }
        new BinanceOrderGateway(venue.url(), KEY, SECRET, 2_000, System::nanoTime, PREVIOUS).place(buy,
            loaded.instruments().get(0), report -> { }); // the venue fills it; the report never reached the journal
        return journal;
    }

    @Test
    void shouldRefuseAVenueThatDiffersFromTheJournalUntilTheOperatorAdoptsIt(@TempDir final Path dir)
        throws IOException
    {
        final LoadedConfig loaded = ConfigLoader.load(ConfigSource.builtIn(), "crypto_scalp");
        assertEquals("BTCUSDT", loaded.instruments().get(0).symbol());
        try (FakeBinanceVenue venue = new FakeBinanceVenue(KEY, SECRET))
        {
            venue.balances.put("BTC", new BigDecimal("0.5"));
            final Path state = dir.resolve("state");
            VenueOpening.recordRun(state, PREVIOUS, previousRun(loaded, dir, venue));
            final VenueOpening.Options options = new VenueOpening.Options(VenueOpening.Venue.BINANCE, venue.url(), KEY,
                SECRET);

            final VenueOpening matched = VenueOpening.prepare(loaded, state, options, 2_000, 1_795_316_974L);
            assertEquals(1, matched.recovered, "the unfinished buy was asked about");
            assertEquals(List.of(), matched.adopted, "0.5 journaled + 0.001 recovered = the venue's 0.501");
            assertEquals(501_000, matched.opening.get(0).quantity);
            assertEquals(List.of("keel-" + PREVIOUS + "-5"), venue.newOrderClientIds, "nothing sent again");

            venue.balances.merge("BTC", new BigDecimal("0.002"), BigDecimal::add); // someone trades by hand
            final IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> VenueOpening.prepare(loaded, state, options, 2_000, 1_795_316_975L));
            assertTrue(refused.getMessage().contains("BTCUSDT journal 0.501000 venue 0.503000 (difference 0.002000)"),
                refused.getMessage());
            assertTrue(refused.getMessage().contains("--adopt-venue-positions"), refused.getMessage());

            final VenueOpening adopted = VenueOpening.prepare(loaded, state, options.adoptingVenuePositions(), 2_000,
                1_795_316_976L);
            assertEquals(1, adopted.adopted.size(), adopted.adopted.toString());
            assertEquals(503_000, adopted.opening.get(0).quantity, "opened where the venue is");
        }
    }
}

package io.keel.engine;

import io.keel.core.AssetClass;
import io.keel.core.InstrumentSpec;
import io.keel.core.Side;
import io.keel.core.decision.DecisionRecord;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelAttributionTest
{
    private static final InstrumentSpec BTC = new InstrumentSpec(0, "BTCUSDT", "SIM", AssetClass.CRYPTO_SPOT, 2, 1,
        3, 1, 500_000_000L, "USDT", "CRYPTO_24_7");
    private static final long SECOND = 1_000_000_000L;

    private final ModelAttribution attribution =
        new ModelAttribution(List.of("up", "down", "quiet"), List.of(BTC), 10 * SECOND);

    private static DecisionRecord order(final long clOrdId, final Side side, final long quantityMilli,
        final long priceCents, final long timestampNs)
    {
        final DecisionRecord record = new DecisionRecord();
        record.clientOrderId = clOrdId;
        record.side = side;
        record.orderQuantity = quantityMilli;
        record.referencePrice = priceCents;
        record.timestampNs = timestampNs;
        record.modelCount = 3;
        // weights x edges: 0.6 x 3 = 1.8, 0.4 x -0.5 = -0.2, 0 x 0 = 0: shares 1.125, -0.125, 0
        record.modelWeight[0] = 0.6;
        record.modelEdgeBps[0] = 3;
        record.modelConfidence[0] = 0.9;
        record.modelWeight[1] = 0.4;
        record.modelEdgeBps[1] = -0.5;
        record.modelConfidence[1] = 0.5;
        return record;
    }

    @Test
    void shouldSplitEachOrdersMarkoutBySignedContribution()
    {
        // buy 2 BTC at 100.00; 10 s later the mid is 101.00: markout +2.00 USD
        attribution.onDecision(order(1, Side.BUY, 2_000, 100_00, 0));
        attribution.onMid(0, 9 * SECOND, 150); // before the horizon: not settled
        assertEquals(0, attribution.markedOut());
        attribution.onMid(0, 10 * SECOND, 101);
        assertEquals(1, attribution.markedOut());
        assertEquals(2.0, attribution.totalMarkoutUsd(), 1e-9);
        assertEquals(2.25, attribution.markoutUsd(0), 1e-9, "share 1.8 / 1.6");
        assertEquals(-0.25, attribution.markoutUsd(1), 1e-9, "argued against a winning order");
        assertEquals(0, attribution.markoutUsd(2), 1e-12);

        // sell 1 BTC at 101.00 with the same signals; the mid rises to 102.01: markout -1.01 USD
        attribution.onDecision(order(2, Side.SELL, 1_000, 101_00, 20 * SECOND));
        attribution.onMid(0, 31 * SECOND, 102.01);
        assertEquals(2.0 - 1.01, attribution.totalMarkoutUsd(), 1e-9);
        assertEquals(2.25 - 1.125 * 1.01, attribution.markoutUsd(0), 1e-9);
        assertEquals(attribution.totalMarkoutUsd(),
            attribution.markoutUsd(0) + attribution.markoutUsd(1) + attribution.markoutUsd(2), 1e-9,
            "shares sum to one");

        assertEquals(2, attribution.ordersIn(0));
        assertEquals(2, attribution.ordersIn(1));
        assertEquals(0, attribution.ordersIn(2), "zero confidence: not part of the order");
        assertEquals(1, attribution.ordersAgreeing(0), "up agreed with the buy only");
        assertEquals(1, attribution.ordersAgreeing(1), "down agreed with the sell only");
        final String table = attribution.format();
        assertTrue(table.contains("2 orders, 2 marked out"), table);
        assertTrue(table.lines().anyMatch(l -> l.trim().startsWith("quiet")), table);
    }

    @Test
    void shouldIgnoreVetoesAndRejectANonPositiveHorizon()
    {
        attribution.onDecision(order(0, Side.BUY, 2_000, 100_00, 0)); // vetoed: no client order id
        attribution.onMid(0, 20 * SECOND, 101);
        assertEquals(0, attribution.markedOut());
        assertEquals(0, attribution.ordersIn(0));
        assertThrows(IllegalArgumentException.class,
            () -> new ModelAttribution(List.of("a"), List.of(BTC), 0));
    }
}

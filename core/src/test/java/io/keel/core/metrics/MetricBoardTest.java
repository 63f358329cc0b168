package io.keel.core.metrics;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetricBoardTest
{
    @Test
    void shouldHoldCountersGaugesAndHistogramsInTheirUnits()
    {
        final MetricBoard board = new MetricBoard();
        final int orders = board.counter("keel_orders_total", "orders", "side", "buy");
        final int equity = board.gauge("keel_equity_usd", "equity", 1e8);
        final int edge = board.doubleGauge("keel_edge_bps", "edge");
        final long[] bounds = {1_000, 10_000};
        final int latency = board.histogram("keel_latency_seconds", "latency", bounds, 1e9);
        board.freeze();
        board.increment(orders);
        board.add(orders, 2);
        board.set(equity, 12_345_000_000L);
        board.setDouble(edge, -1.5);
        board.record(latency, bounds, 500);
        board.record(latency, bounds, 1_000); // on the bound: in that bucket (le)
        board.record(latency, bounds, 5_000);
        board.record(latency, bounds, 50_000);

        final var series = board.series();
        assertEquals(3.0, board.value(series.get(0)));
        assertEquals(123.45, board.value(series.get(1)), 1e-12);
        assertEquals(-1.5, board.value(series.get(2)));
        assertArrayEquals(new long[] {2, 3, 4}, board.cumulativeBuckets(series.get(3)));
        assertEquals(4, board.count(series.get(3)));
        assertEquals(56_500 / 1e9, board.sum(series.get(3)), 1e-15);
    }

    @Test
    void shouldRefuseBadDeclarationsAtStartUp()
    {
        final MetricBoard board = new MetricBoard();
        board.counter("keel_a_total", "a", "symbol", "BTCUSDT");
        assertThrows(IllegalArgumentException.class, () -> board.counter("keel_a_total", "a", "symbol", "BTCUSDT"),
            "the same series twice");
        assertThrows(IllegalArgumentException.class, () -> board.gauge("Keel-Bad", "x", 1));
        assertThrows(IllegalArgumentException.class, () -> board.histogram("keel_h", "h", new long[] {5, 5}, 1));
        final IllegalArgumentException many = assertThrows(IllegalArgumentException.class, () ->
        {
            for (int i = 0; i < MetricBoard.MAX_SERIES; i++)
            {
                board.counter("keel_orders_total", "orders", "order_id", Integer.toString(i));
            }
        });
        assertTrue(many.getMessage().contains("order ids"), "a cardinality mistake is named: " + many.getMessage());
        board.freeze();
        assertThrows(IllegalStateException.class, () -> board.counter("keel_late_total", "late"));
    }
}

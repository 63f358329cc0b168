package io.keel.monitoring;

import io.keel.core.metrics.MetricBoard;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The board as Prometheus sees it: names, labels, units, counters with _total, classic histograms. */
class MetricsBridgeTest
{
    @Test
    void shouldExposeTheBoardInThePrometheusTextFormat()
    {
        final MetricBoard board = new MetricBoard();
        final int orders = board.counter("keel_orders_submitted_total", "Orders sent", "symbol", "BTCUSDT", "side",
            "buy");
        final int equity = board.gauge("keel_equity_usd", "Equity", 1e8, "mode", "crypto_scalp");
        final long[] bounds = {1_000, 10_000};
        final int latency = board.histogram("keel_decision_latency_seconds", "Stage time", bounds, 1e9, "stage",
            "alpha");
        board.freeze();
        final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        MetricsBridge.bind(board, registry);
        board.add(orders, 7);
        board.set(equity, 10_000_050_000_000L);
        board.record(latency, bounds, 400);
        board.record(latency, bounds, 2_000);

        final String text = registry.scrape();
        assertTrue(text.contains("# TYPE keel_orders_submitted_total counter"), text);
        assertTrue(text.contains("keel_orders_submitted_total{side=\"buy\",symbol=\"BTCUSDT\"} 7.0"), text);
        assertTrue(text.contains("keel_equity_usd{mode=\"crypto_scalp\"} 100000.5"), text);
        assertTrue(text.contains("# TYPE keel_decision_latency_seconds histogram"), text);
        assertTrue(text.contains("keel_decision_latency_seconds_bucket{stage=\"alpha\",le=\"1.0E-6\"} 1"), text);
        assertTrue(text.contains("keel_decision_latency_seconds_bucket{stage=\"alpha\",le=\"1.0E-5\"} 2"), text);
        assertTrue(text.contains("keel_decision_latency_seconds_bucket{stage=\"alpha\",le=\"+Inf\"} 2"), text);
        assertTrue(text.contains("keel_decision_latency_seconds_count{stage=\"alpha\"} 2"), text);
        board.add(orders, 1);
        assertTrue(registry.scrape().contains("keel_orders_submitted_total{side=\"buy\",symbol=\"BTCUSDT\"} 8.0"),
            "read at every scrape, never cached");
    }
}

/**
 * Monitoring: what the operator sees of a run. The end-of-run summary, the bridge from the decision thread's metric
 * board to Micrometer's Prometheus registry, the feed-age sampler, and the daemon's one HTTP server ({@code /metrics},
 * {@code /health}, the control panel's files).
 */
package io.keel.monitoring;

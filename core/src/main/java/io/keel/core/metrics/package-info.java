/** Metrics the decision thread writes for nothing and the monitoring side reads: one writer, plain stores. */
package io.keel.core.metrics;

/**
 * The feature bus: incremental, allocation-free per-instrument features (mid, spread, EMAs, realised volatility,
 * order-book imbalance) computed on the decision thread from inbound events.
 */
package io.keel.ingest.feature;

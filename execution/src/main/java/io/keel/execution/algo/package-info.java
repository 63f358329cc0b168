/**
 * Execution algorithms: how a parent order becomes child orders on the venue (market, passive with repricing and
 * timeout escalation, TWAP, VWAP, POV, iceberg), each scored by implementation shortfall against the arrival price.
 */
package io.keel.execution.algo;

/**
 * L4, execution: the order state machine, the fixed-point portfolio (positions, cash, fees, realised and
 * unrealised P&amp;L) and the simulated exchange that fills paper and backtest orders against the L2 book.
 */
package io.keel.execution;

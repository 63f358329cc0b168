/**
 * Backtests: journaled days replayed through the engine into a results folder ({@code summary.json},
 * {@code trades.csv}, {@code orders.csv}, {@code decisions.jsonl}, {@code report.html}), with per-model and per-trade
 * attribution, and the {@code sma_crossover} reference strategy on a generic CSV.
 */
package io.keel.backtest;

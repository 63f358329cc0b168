/** Bar backtests outside the event pipeline: the {@code sma_crossover} reference strategy on a generic CSV. */
package io.keel.app.backtest;

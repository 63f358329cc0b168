/**
 * The {@code backtest} and {@code research sweep} commands; the work itself lives in the backtest and research
 * modules.
 */
package io.keel.app.backtest;

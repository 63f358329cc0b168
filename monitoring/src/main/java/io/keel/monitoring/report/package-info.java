/** Backtest reports: the series drawn from daily equity, and the self-contained {@code report.html}. */
package io.keel.monitoring.report;

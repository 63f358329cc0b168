/**
 * Binance market data: the raw capture format ({@code <receive ns> <json>} lines of combined-stream messages and a
 * REST depth snapshot) and the L2 book builder with Binance's sequence rules for spot and USD-M futures.
 */
package io.keel.ingest.binance;

/**
 * Alpaca stock market data (IEX feed): the v2 WebSocket stream of trades, quotes and minute bars, and the REST bars
 * endpoint, through a thin client on {@code java.net.http}; credentials from the environment or a 0600 file.
 */
package io.keel.ingest.alpaca;

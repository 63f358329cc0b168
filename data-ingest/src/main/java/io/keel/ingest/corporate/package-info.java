/** Corporate actions and ticker history from LEAN factor and map files: splits, dividends, adjusted prices, remaps. */
package io.keel.ingest.corporate;

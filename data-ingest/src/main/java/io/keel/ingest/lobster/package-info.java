/** LOBSTER (NASDAQ TotalView-ITCH derived) message and book files: L3 order messages reconstructed into an L2 book. */
package io.keel.ingest.lobster;

/**
 * The data-quality gate: checks inbound market events before they are journaled and turns findings into typed
 * QUALITY_FLAG events the risk layer acts on (halting an instrument, not the daemon).
 */
package io.keel.ingest.quality;

/**
 * The Chronicle Queue journal: every inbound event, every order intent and its decision record, framed as typed,
 * versioned, checksummed records. The writer is single-threaded (the decision thread); readers are independent.
 */
package io.keel.core.journal;

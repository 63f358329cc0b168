/**
 * Historical importers: vendor files in, journaled inbound events out (one journal per trading day), with a report
 * of rows read, events written and every anomaly found.
 */
package io.keel.ingest.importer;

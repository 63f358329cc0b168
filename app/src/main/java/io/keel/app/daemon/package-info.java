/**
 * The daemon runtime: lifecycle, the inbound and order rings, one agent per market source and per live venue's
 * orders, the live start (recovery, reconciliation), operator triggers, the disk guard, and the recorder.
 */
package io.keel.app.daemon;

/**
 * Test support shared by every module's tests (test scope only): loopback fakes of the venues' real REST and
 * WebSocket formats, the shared-data lookup, external tools, and {@link io.keel.testing.Await}.
 */
package io.keel.testing;

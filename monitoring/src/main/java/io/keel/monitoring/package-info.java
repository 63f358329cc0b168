/**
 * Monitoring: what the operator sees of a run. For now the end-of-run summary; the Micrometer bridge, the HTTP
 * server and the control panel arrive with the operations issue.
 */
package io.keel.monitoring;

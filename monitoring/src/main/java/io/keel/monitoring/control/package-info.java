/**
 * The daemon's control API and panel on its HTTP server (health, state, the operator's kill switch, flatten, cancels,
 * start and stop), behind the {@link io.keel.monitoring.control.DaemonControl} interface the daemon runtime
 * implements.
 */
package io.keel.monitoring.control;

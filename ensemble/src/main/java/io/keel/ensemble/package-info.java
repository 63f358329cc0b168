/** L2, the ensemble: blends the zoo's signals for one instrument into one view with per-model weights. */
package io.keel.ensemble;

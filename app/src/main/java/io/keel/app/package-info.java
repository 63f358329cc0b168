/** The command line: {@code run}, {@code replay} and {@code verify}, with their exit codes. */
package io.keel.app;

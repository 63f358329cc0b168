/**
 * Offline research on journaled or imported days: how well each model of the zoo predicts forward returns
 * ({@code research signals}), and fitting a model honestly ({@code train}). Runs the same feature engine and models
 * as the decision chain, so what is measured here is what trades.
 */
package io.keel.research;

/** L3, sizing: how much to hold given the blended view, volatility, equity and the per-asset-class caps. */
package io.keel.sizing;

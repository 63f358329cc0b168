/**
 * The shared vocabulary of every layer: instrument specifications, fixed-point money and quantity arithmetic and
 * the small enums that travel on the rings. Depends on no other module of the project.
 */
package io.keel.core;

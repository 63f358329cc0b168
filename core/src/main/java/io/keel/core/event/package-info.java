/**
 * Ring event slots: one preallocated, mutable {@link io.keel.core.event.Event} per ring entry, tagged by
 * {@link io.keel.core.event.EventType}, with the enums that travel in it.
 */
package io.keel.core.event;

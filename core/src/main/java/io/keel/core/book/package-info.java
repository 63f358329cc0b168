/** Order-book state kept from BOOK_LEVEL and QUOTE events, shared by the feature engine and the simulated exchange. */
package io.keel.core.book;

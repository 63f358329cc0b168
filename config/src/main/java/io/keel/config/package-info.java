/**
 * Configuration: {@code base.yaml} merged with {@code modes/<mode>.yaml}, mapped into immutable records and
 * validated once at start-up, every error naming its file, key, value and allowed range.
 */
package io.keel.config;

/** Immutable, validated settings records for each concern, and the typed errors that carry an exit status. */
package io.hathor.reinit.config;

/**
 * {@code reinit demo} and its data: a deterministic synthetic chain the sync daemon could have written, and the run
 * that resets it, re-initializes it with the real pipeline and verifies the derived tables.
 */
package io.hathor.reinit.demo;

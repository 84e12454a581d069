/** Synthetic wallet-service data for the demo and the benchmarks: a deterministic chain the sync daemon could have written. */
package io.hathor.reinit.demo;

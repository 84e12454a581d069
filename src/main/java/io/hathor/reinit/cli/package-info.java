/** picocli commands: translate flags and environment into typed settings, call the core, render, exit. */
package io.hathor.reinit.cli;

/**
 * The reset runbook around a re-initialization: export, check, status, verify, cleanup and the HTR reseed; plain
 * entry points that take a Database and options and return result records for the CLI to render.
 */
package io.hathor.reinit.runbook;

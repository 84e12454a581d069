/** Renders run results as console text and JSON. */
package io.hathor.reinit.report;

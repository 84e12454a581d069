/** A re-initialization as one call: its settings, validated in one place, and the facade that runs it. */
package io.hathor.reinit.app;

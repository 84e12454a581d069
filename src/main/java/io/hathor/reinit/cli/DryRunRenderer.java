package io.hathor.reinit.cli;

import io.hathor.reinit.config.ExitStatus;
import io.hathor.reinit.config.ReinitException;
import io.hathor.reinit.config.RunSettings;
import java.io.PrintWriter;

/** Runs the dry-run validation and prints its summary. */
final class DryRunRenderer {
    private DryRunRenderer() {}

    static int run(RunSettings settings, PrintWriter out) {
        throw new ReinitException(ExitStatus.USAGE, "dry-run is being built (issue 2)");
    }
}

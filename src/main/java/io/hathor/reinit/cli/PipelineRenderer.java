package io.hathor.reinit.cli;

import io.hathor.reinit.config.ExitStatus;
import io.hathor.reinit.config.ReinitException;
import io.hathor.reinit.config.RunSettings;
import java.io.PrintWriter;

/** Runs a re-initialization and prints its summary. */
final class PipelineRenderer {
    private PipelineRenderer() {}

    static int run(RunSettings settings, DatabaseOptions database, LambdaOptions lambda, PrintWriter out) {
        throw new ReinitException(ExitStatus.USAGE, "the pipeline is being built (issue 3)");
    }
}

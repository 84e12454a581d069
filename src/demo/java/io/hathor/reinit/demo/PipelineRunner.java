package io.hathor.reinit.demo;

import java.util.List;

/** Runs the real {@code reinit} command line with these arguments and returns its exit code (given by the CLI). */
@FunctionalInterface
public interface PipelineRunner {
    int run(List<String> args);
}

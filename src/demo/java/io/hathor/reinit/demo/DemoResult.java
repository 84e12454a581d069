package io.hathor.reinit.demo;

import io.hathor.reinit.config.RunSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What a demo did and found.
 *
 * @param chain the synthetic chain that was generated
 * @param steps every step with its wall time, in order
 * @param pipelineExit the exit code of the re-initialization run
 * @param checks every compared table
 * @param csv the exported wallet table the re-initialization read
 * @param command the re-initialization's command line, as an operator would type it
 */
public record DemoResult(DemoSettings settings, SyntheticChain.Summary chain, List<Step> steps, int pipelineExit,
        List<TableCheck> checks, Path csv, String command) {

    /** One step of the demo. */
    public record Step(String name, Duration elapsed, String detail) {}

    public RunSettings.LoaderKind loader() {
        return settings.loader();
    }

    /** True when the re-initialization ended with exit 0 and every table matches. */
    public boolean passed() {
        return pipelineExit == 0 && !checks.isEmpty() && checks.stream().allMatch(TableCheck::matches);
    }

    public Duration total() {
        return steps.stream().map(Step::elapsed).reduce(Duration.ZERO, Duration::plus);
    }
}

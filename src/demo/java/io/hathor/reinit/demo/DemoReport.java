package io.hathor.reinit.demo;


/** Renders a {@link DemoResult}: step timings and the verification table. */
public final class DemoReport {
    private DemoReport() {}

    public static String text(DemoResult r) {
        StringBuilder s = new StringBuilder();
        s.append(String.format("%nDemo timings (%d wallets, loader %s)%n", r.settings().wallets(),
                r.loader().name().toLowerCase()));
        for (DemoResult.Step step : r.steps()) {
            s.append(String.format("  %-32s %9.2f s%n", step.name(), step.elapsed().toNanos() / 1e9));
        }
        s.append(String.format("  %-32s %9.2f s%n", "total", r.total().toNanos() / 1e9));
        s.append(String.format("%nVerification: derived tables before the reset vs after the re-initialization%n"));
        s.append(String.format("  %-28s %9s %9s %9s  %s%n", "table", "before", "after", "matching", "result"));
        for (TableCheck c : r.checks()) {
            s.append(String.format("  %-28s %9d %9d %9d  %s%n", c.table(), c.rowsBefore(), c.rowsAfter(), c.matching(),
                    c.matches() ? "MATCH" : "DIFFER"));
        }
        s.append(String.format("  reinit exit code: %d%n", r.pipelineExit()));
        s.append(String.format("%nDemo %s%n", r.passed()
                ? "PASSED: every wallet is ready again and every derived row matches the state before the reset."
                : "FAILED: " + failure(r)));
        return s.toString();
    }

    private static String failure(DemoResult r) {
        long differ = r.checks().stream().filter(c -> !c.matches()).count();
        if (r.pipelineExit() != 0) {
            return "reinit exited with " + r.pipelineExit() + (differ > 0 ? " and " + differ + " table(s) differ" : "")
                    + "; see the log.";
        }
        return differ + " table(s) differ; the rows are in the log (--verbose).";
    }
}

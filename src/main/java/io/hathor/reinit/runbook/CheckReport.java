package io.hathor.reinit.runbook;

import java.util.List;

/** The results of {@link Checks#run}, in the order they ran. */
public record CheckReport(List<CheckResult> results) {
    public CheckReport {
        results = List.copyOf(results);
    }

    public long count(CheckResult.Level level) {
        return results.stream().filter(r -> r.level() == level).count();
    }

    /** True when no result is FAIL. */
    public boolean passed() {
        return count(CheckResult.Level.FAIL) == 0;
    }

    /** The result named {@code name}, or null. */
    public CheckResult result(String name) {
        return results.stream().filter(r -> r.name().equals(name)).findFirst().orElse(null);
    }
}

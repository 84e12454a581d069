package io.hathor.reinit.runbook;

/** One line of a check: what was checked, how it went, and the numbers or reason behind it. */
public record CheckResult(String name, Level level, String detail) {
    /** PASS: fine; WARN: worth a look, does not fail the check; FAIL: fix before a run. */
    public enum Level {
        PASS,
        WARN,
        FAIL
    }

    public static CheckResult pass(String name, String detail) {
        return new CheckResult(name, Level.PASS, detail);
    }

    public static CheckResult warn(String name, String detail) {
        return new CheckResult(name, Level.WARN, detail);
    }

    public static CheckResult fail(String name, String detail) {
        return new CheckResult(name, Level.FAIL, detail);
    }
}

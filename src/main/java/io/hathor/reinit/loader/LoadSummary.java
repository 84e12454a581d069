package io.hathor.reinit.loader;

import java.time.Duration;

/**
 * Totals of a {@link ParallelLoader#loadAll} run. {@code deriveNanos} and {@code sqlNanos} are summed over
 * workers (thread time, not wall time); {@code elapsed} is the wall time. {@code interrupted} is true when the
 * caller's thread was interrupted and the remaining wallets were abandoned.
 */
public record LoadSummary(int wallets, int succeeded, int failed, long addressesDerived, long addressesClaimed,
        long deriveNanos, long sqlNanos, Duration elapsed, boolean interrupted) {

    public double walletsPerSecond() {
        return perSecond(succeeded + failed);
    }

    public double derivationsPerSecond() {
        return perSecond(addressesDerived);
    }

    private double perSecond(long count) {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds <= 0 ? 0 : count / seconds;
    }
}

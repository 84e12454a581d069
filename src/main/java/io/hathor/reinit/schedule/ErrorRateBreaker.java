package io.hathor.reinit.schedule;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Trips when too many recent completions are ERROR: usually the daemon has not caught up or the schema does not
 * match the deployed code, and every further load would only raise retry counts towards the service's cap.
 */
final class ErrorRateBreaker {
    private final double maxErrorRate;
    private final int window;
    private final int minSamples;
    private final Deque<Boolean> recent = new ArrayDeque<>();
    private int errors;

    ErrorRateBreaker(double maxErrorRate, int window, int minSamples) {
        this.maxErrorRate = maxErrorRate;
        this.window = Math.max(1, window);
        // A window smaller than the minimum would never fill enough to act.
        this.minSamples = Math.min(Math.max(1, minSamples), this.window);
    }

    /** Records one completion; returns true when the breaker trips. */
    boolean record(boolean error) {
        recent.addLast(error);
        if (error) {
            errors++;
        }
        if (recent.size() > window && Boolean.TRUE.equals(recent.removeFirst())) {
            errors--;
        }
        return maxErrorRate < 1.0 && recent.size() >= minSamples && errorRate() > maxErrorRate;
    }

    double errorRate() {
        return recent.isEmpty() ? 0 : (double) errors / recent.size();
    }

    int samples() {
        return recent.size();
    }
}

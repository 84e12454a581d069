package io.hathor.reinit.schedule;

import io.hathor.reinit.retry.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The reference's behaviour: a batch of the current window's size, wait until every wallet of it has ended, pause
 * {@code batchDelay}, repeat. A stop request cuts the pause short and sends nothing more.
 */
final class BatchStrategy implements DispatchStrategy {
    private static final Duration STOP_CHECK = Duration.ofMillis(200);

    private final Duration batchDelay;
    private final StopSignal stop;
    private final Clock clock;
    private final Sleeper sleeper;
    private boolean firstBatch = true;

    BatchStrategy(Duration batchDelay, StopSignal stop, Clock clock, Sleeper sleeper) {
        this.batchDelay = batchDelay;
        this.stop = stop;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    @Override
    public int launchesNow(int loading, int pending, int window) throws InterruptedException {
        if (loading > 0 || pending == 0) {
            return 0;
        }
        if (!firstBatch && pauseBetweenBatches()) {
            return 0;
        }
        firstBatch = false;
        return Math.min(pending, window);
    }

    /** Sleeps {@code batchDelay}, waking early on a stop request; returns true when stopped meanwhile. */
    private boolean pauseBetweenBatches() throws InterruptedException {
        Instant until = clock.instant().plus(batchDelay);
        while (clock.instant().isBefore(until)) {
            if (stop.stopRequested()) {
                return true;
            }
            Duration left = Duration.between(clock.instant(), until);
            sleeper.sleep(left.compareTo(STOP_CHECK) < 0 ? left : STOP_CHECK);
        }
        return stop.stopRequested();
    }
}

package io.hathor.reinit.retry;

import java.time.Duration;

/** Waits between attempts; tests pass one that only advances a fake clock. */
@FunctionalInterface
public interface Sleeper {
    Sleeper SYSTEM = pause -> {
        if (!pause.isNegative() && !pause.isZero()) {
            Thread.sleep(pause.toMillis(), pause.toNanosPart() % 1_000_000);
        }
    };

    void sleep(Duration pause) throws InterruptedException;
}

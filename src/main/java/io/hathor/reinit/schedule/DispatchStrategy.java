package io.hathor.reinit.schedule;

import io.hathor.reinit.config.RunSettings;
import io.hathor.reinit.retry.Sleeper;
import java.time.Clock;

/** When the scheduler launches pending wallets, and how many at a time. */
interface DispatchStrategy {

    /**
     * How many pending wallets to launch now, in their order. Asked only while no stop is requested.
     *
     * @param loading wallets launched and not ended
     * @param pending wallets not launched yet
     * @param window the current window (halved by throttling, grown back by one per clean launch)
     * @throws InterruptedException while pausing between batches
     */
    int launchesNow(int loading, int pending, int window) throws InterruptedException;

    static DispatchStrategy of(ScheduleSettings settings, StopSignal stop, Clock clock) {
        return settings.schedule() == RunSettings.Schedule.BATCH
                ? new BatchStrategy(settings.batchDelay(), stop, clock, Sleeper.SYSTEM)
                : new WindowStrategy();
    }
}

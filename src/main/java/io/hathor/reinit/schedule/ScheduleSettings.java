package io.hathor.reinit.schedule;

import io.hathor.reinit.config.RunSettings;
import java.time.Duration;

/**
 * How the scheduler dispatches and waits.
 *
 * @param window wallets loading at once (batch size); the window may shrink under throttling and grows back
 * @param launchThreads threads that send invocations (or run in-process loads) concurrently
 * @param maxErrorRate circuit breaker: share of ERROR among the last {@code errorWindow} completions that stops
 *     new launches (1.0 disables it)
 * @param errorWindow completions the breaker looks at; it acts only after {@code minErrorSamples}
 */
public record ScheduleSettings(
        RunSettings.Schedule schedule,
        int window,
        Duration pollingInterval,
        Duration batchDelay,
        Duration timeout,
        int launchThreads,
        double maxErrorRate,
        int errorWindow,
        int minErrorSamples) {

    public ScheduleSettings {
        if (window < 1 || launchThreads < 1) {
            throw new IllegalArgumentException("window and launchThreads must be at least 1");
        }
    }
}

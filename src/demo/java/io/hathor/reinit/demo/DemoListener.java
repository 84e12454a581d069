package io.hathor.reinit.demo;

import java.time.Duration;

/** Follows a demo: one call when a step starts and one when it ends; load progress during the first load. */
public interface DemoListener {
    /** Step {@code number} of {@code total} begins. */
    default void stepStarted(int number, int total, String what) {}

    /** The step ended after {@code elapsed}; {@code detail} says what it produced. */
    default void stepFinished(int number, Duration elapsed, String detail) {}

    /** Wallets loaded so far by the initial load; called from worker threads. */
    default void loaded(int done, int total) {}

    DemoListener NONE = new DemoListener() {};
}

package io.hathor.reinit.schedule;

import java.util.concurrent.atomic.AtomicReference;

/** A request to stop launching (Ctrl+C, circuit breaker); in-flight wallets are still polled to their end. */
public final class StopSignal {
    private final AtomicReference<String> reason = new AtomicReference<>();

    /** Keeps the first reason given. */
    public void requestStop(String why) {
        reason.compareAndSet(null, why);
    }

    public boolean stopRequested() {
        return reason.get() != null;
    }

    public String reason() {
        return reason.get();
    }
}

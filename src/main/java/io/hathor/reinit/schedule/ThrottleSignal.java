package io.hathor.reinit.schedule;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Throttling answers seen while launches are still retrying (the invoker's first 429, long before its outcome is
 * final). The scheduler drains it on every turn and halves its window once per turn that saw any.
 */
public final class ThrottleSignal {
    private final AtomicInteger pending = new AtomicInteger();

    /** Called from launch threads; cheap and never throws. */
    public void throttled() {
        pending.incrementAndGet();
    }

    /** Throttling answers since the last call. */
    int drain() {
        return pending.getAndSet(0);
    }
}

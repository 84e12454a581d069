package io.hathor.reinit.schedule;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The number of wallets loading at once: halved on throttling, grown back by one per clean launch, 1 … max. */
final class Window {
    private static final Logger LOG = LoggerFactory.getLogger(Window.class);

    private final int max;
    private int size;

    Window(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("the window must be at least 1, was " + max);
        }
        this.max = max;
        this.size = max;
    }

    int size() {
        return size;
    }

    void halve() {
        int next = Math.max(1, size / 2);
        if (next != size) {
            LOG.info("throttled: window {} -> {}", size, next);
        }
        size = next;
    }

    void grow() {
        size = Math.min(max, size + 1);
    }
}

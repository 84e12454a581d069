package io.hathor.reinit.schedule;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The wallets a scheduler run still has to launch, in start order. The caller may hold them compactly and build
 * each task only when the scheduler takes it.
 */
public interface PendingTasks {
    /** Tasks not taken yet. */
    int remaining();

    /** Takes the next task in start order; called only while {@link #remaining()} is above 0. */
    WalletTask next();

    /** Tasks already built, in the order given. */
    static PendingTasks of(List<WalletTask> tasks) {
        Deque<WalletTask> queue = new ArrayDeque<>(tasks);
        return new PendingTasks() {
            @Override
            public int remaining() {
                return queue.size();
            }

            @Override
            public WalletTask next() {
                return queue.remove();
            }
        };
    }
}

package io.hathor.reinit.schedule;

/** Observes the scheduler (journal, progress display). Called from the coordinator thread only. */
public interface SchedulerListener {
    default void launched(WalletTask task, LaunchResult result) {}

    default void finished(WalletTask task, Completion completion) {}

    /** An adopted wallet (an earlier run's invocation) still loading at its deadline; it is launched again. */
    default void adoptedTimedOut(WalletTask task) {}

    /**
     * A load that went out while a run-wide failure (a database outage, another run holding the lock) was stopping
     * the run: nothing polls it any more, so its end is unknown to this run; its journal attempt is marked sent.
     */
    default void launchedUnpolled(WalletTask task) {}

    /** After every poll: counts so far. */
    default void progress(Progress progress) {}

    /** Counts for progress displays. */
    record Progress(int total, int ready, int error, int timeout, int invokeFailed, int inFlight, int window) {
        public int done() {
            return ready + error + timeout + invokeFailed;
        }
    }

    SchedulerListener NONE = new SchedulerListener() {};
}

package io.hathor.reinit.runbook;

import io.hathor.reinit.config.ReinitException;

/**
 * The concurrency of a planned run, and the database connections it opens at its peak.
 *
 * @param direct true for the in-process loader, false for the loadWalletAsync Lambda
 * @param batchSize wallets loading at once through the Lambda (--batch-size)
 * @param workers parallel in-process loads (--workers)
 */
public record RunPlan(boolean direct, int batchSize, int workers) {
    /**
     * Connections kept free for the others on the server: the sync daemon's pool and the wallet API's Lambdas,
     * which open one connection each as traffic grows.
     */
    public static final int HEADROOM = 20;

    /** Above this window the pool stops growing: launches wait a moment for a connection instead. */
    private static final int POOL_WINDOW_CAP = 32;

    public RunPlan {
        if (batchSize < 1 || workers < 1) {
            throw ReinitException.configuration("--batch-size and --workers must be at least 1");
        }
    }

    /** Loads in flight at once. */
    public int window() {
        return direct ? workers : batchSize;
    }

    /** The same plan with another window. */
    public RunPlan withWindow(int window) {
        return direct ? new RunPlan(true, batchSize, window) : new RunPlan(false, window, workers);
    }

    /** The flag that sets the window. */
    public String windowFlag() {
        return direct ? "--workers" : "--batch-size";
    }

    /** The tool's pool: one connection per concurrent launch (or worker), plus the poller and the journal. */
    public int poolSize() {
        return direct ? workers + 2 : Math.min(batchSize, POOL_WINDOW_CAP) + 4;
    }

    /** Every connection the run holds at its peak: each in-flight Lambda load holds one, the pool, the run lock. */
    public int connections() {
        return (direct ? 0 : batchSize) + poolSize() + 1;
    }

    /** "50 Lambda loads + pool 36 + run lock 1" or "pool 6 (4 workers) + run lock 1". */
    public String describe() {
        return direct
                ? "pool " + poolSize() + " (" + workers + " workers) + run lock 1"
                : batchSize + " Lambda loads + pool " + poolSize() + " + run lock 1";
    }
}

package io.hathor.reinit.run;

import io.hathor.reinit.schedule.LaunchResult;
import io.hathor.reinit.schedule.WalletTask;

/** Who performs a wallet's load: the loadWalletAsync Lambda, or this process. */
public interface LoadBackend extends AutoCloseable {
    /** Proves the backend can work (a DryRun invocation) before any wallet is touched; throws ReinitException. */
    void checkReady();

    /** Starts (Lambda) or performs (direct) one load of a wallet already prepared as {@code creating}. */
    LaunchResult load(WalletTask task) throws Exception;

    /** Threads that call {@link #load} concurrently for a given window. */
    int launchThreads(int window);

    /** A short name for logs and the journal. */
    String name();

    @Override
    void close();
}

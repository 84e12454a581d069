package io.hathor.reinit.run;

import io.hathor.reinit.config.ExitStatus;
import io.hathor.reinit.config.ReinitException;
import io.hathor.reinit.db.ServerSetupException;
import io.hathor.reinit.loader.DirectLoader;
import io.hathor.reinit.loader.LoadRequest;
import io.hathor.reinit.loader.LoadResult;
import io.hathor.reinit.schedule.LaunchResult;
import io.hathor.reinit.schedule.WalletTask;

/** Loads in this process with the same rows the wallet-service's load writes; the launch returns the end. */
public final class DirectBackend implements LoadBackend {
    private final DirectLoader loader;

    public DirectBackend(DirectLoader loader) {
        this.loader = loader;
    }

    @Override
    public void checkReady() {
        // The pool was proven when it opened; the loader inspected the schema flavor when it was built.
    }

    /** @throws ReinitException ABORTED when the server's setup refused the load: the run stops, the wallet is kept */
    @Override
    public LaunchResult load(WalletTask task) {
        LoadResult result;
        try {
            result = loader.load(new LoadRequest(task.walletId(), task.xpubkey(), task.maxGap()));
        } catch (ServerSetupException e) {
            throw new ReinitException(ExitStatus.ABORTED, "the database refused a load because of its setup, not"
                    + " the wallet (" + e.getMessage() + "); no wallet was marked error: fix the server (see reinit"
                    + " check) and rerun", e);
        }
        return result.success()
                ? new LaunchResult(LaunchResult.Kind.LOADED_READY, null, 0)
                : new LaunchResult(LaunchResult.Kind.LOADED_ERROR, result.error(), 0);
    }

    @Override
    public int launchThreads(int window) {
        return window;
    }

    @Override
    public String name() {
        return "direct";
    }

    @Override
    public void close() {
        // The loader holds no resources of its own; the pool belongs to the caller.
    }
}

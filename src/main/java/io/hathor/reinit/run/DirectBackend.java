package io.hathor.reinit.run;

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

    @Override
    public LaunchResult load(WalletTask task) {
        LoadResult result = loader.load(new LoadRequest(task.walletId(), task.xpubkey(), task.maxGap()));
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

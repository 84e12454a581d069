package io.hathor.reinit.run;

import io.hathor.reinit.lambda.InvokeOutcome;
import io.hathor.reinit.lambda.LoadWalletInvoker;
import io.hathor.reinit.schedule.LaunchResult;
import io.hathor.reinit.schedule.WalletTask;

/** Loads through the wallet-service's loadWalletAsync Lambda (InvocationType Event); completion is polled. */
public final class LambdaBackend implements LoadBackend {
    /** Concurrent invokes: each is one short HTTP call, so a few threads keep a large window full. */
    private static final int MAX_INVOKE_THREADS = 32;

    private final LoadWalletInvoker invoker;

    public LambdaBackend(LoadWalletInvoker invoker) {
        this.invoker = invoker;
    }

    @Override
    public void checkReady() {
        invoker.checkReachable();
    }

    @Override
    public LaunchResult load(WalletTask task) {
        InvokeOutcome outcome = invoker.invoke(task.xpubkey(), task.maxGap());
        return outcome.accepted()
                ? LaunchResult.accepted(outcome.throttled())
                : LaunchResult.failed(outcome.failureReason() + " after " + outcome.attempts() + " attempt(s)",
                        outcome.throttled());
    }

    @Override
    public int launchThreads(int window) {
        return Math.max(1, Math.min(window, MAX_INVOKE_THREADS));
    }

    @Override
    public String name() {
        return "lambda:" + invoker.functionName();
    }

    @Override
    public void close() {
        invoker.close();
    }
}

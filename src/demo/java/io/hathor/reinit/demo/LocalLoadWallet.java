package io.hathor.reinit.demo;

import io.hathor.reinit.loader.DirectLoader;
import io.hathor.reinit.loader.LoadRequest;
import io.hathor.reinit.loader.LoadResult;
import io.hathor.reinit.wallet.Masking;
import io.hathor.reinit.wallet.WalletId;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's loadWalletAsync: for each Event, wait a random [minDelay, maxDelay] (cold start and queueing, so the
 * scheduler really polls), then run the real load ({@link DirectLoader}) for the payload's xpubkey and maxGap, as
 * the Lambda would. The load marks the wallet ready or error itself; the caller sees it by polling. On the
 * shielded schema a shielded pass follows a successful load (the service's era-C flavor).
 */
public final class LocalLoadWallet implements LocalInvokeServer.InvocationHandler {
    private static final Logger LOG = LoggerFactory.getLogger(LocalLoadWallet.class);

    /** The shielded side of a load, run after the legacy side succeeded. */
    @FunctionalInterface
    public interface ShieldedPass {
        ShieldedPass NONE = walletId -> {};

        void finish(String walletId) throws Exception;
    }

    private final DirectLoader loader;
    private final ShieldedPass shieldedPass;
    private final Duration minDelay;
    private final Duration maxDelay;
    private final AtomicInteger loaded = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();

    public LocalLoadWallet(DirectLoader loader, Duration minDelay, Duration maxDelay) {
        this(loader, minDelay, maxDelay, ShieldedPass.NONE);
    }

    public LocalLoadWallet(DirectLoader loader, Duration minDelay, Duration maxDelay, ShieldedPass shieldedPass) {
        this.loader = Objects.requireNonNull(loader, "loader");
        this.shieldedPass = Objects.requireNonNull(shieldedPass, "shieldedPass");
        this.minDelay = Objects.requireNonNull(minDelay, "minDelay");
        this.maxDelay = Objects.requireNonNull(maxDelay, "maxDelay");
        if (minDelay.isNegative() || maxDelay.compareTo(minDelay) < 0) {
            throw new IllegalArgumentException("need 0 <= minDelay <= maxDelay, got " + minDelay + " and " + maxDelay);
        }
    }

    @Override
    public void onEvent(LocalInvokeServer.Invocation invocation) {
        String xpubkey = invocation.xpubkey();
        if (xpubkey == null || invocation.maxGap() < 1) {
            LOG.warn("local loadWalletAsync: event without xpubkey or integer maxGap; ignored");
            return;
        }
        long min = minDelay.toMillis();
        long max = maxDelay.toMillis();
        try {
            Thread.sleep(min == max ? min : ThreadLocalRandom.current().nextLong(min, max + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        LoadResult result = loader.load(new LoadRequest(WalletId.of(xpubkey), xpubkey, invocation.maxGap()));
        if (result.success()) {
            try {
                shieldedPass.finish(WalletId.of(xpubkey));
            } catch (Exception e) {
                LOG.warn("local loadWalletAsync of {}: shielded pass failed: {}", Masking.xpub(xpubkey), e.getMessage());
            }
            loaded.incrementAndGet();
        } else {
            failed.incrementAndGet();
            LOG.warn("local loadWalletAsync of {} ended in error: {}", Masking.xpub(xpubkey), result.error());
        }
    }

    public int loaded() {
        return loaded.get();
    }

    public int failed() {
        return failed.get();
    }
}

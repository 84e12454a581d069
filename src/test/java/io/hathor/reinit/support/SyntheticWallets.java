package io.hathor.reinit.support;

import io.hathor.reinit.demo.SyntheticChain;
import io.hathor.reinit.support.TestWallets.Wallet;
import io.hathor.reinit.wallet.WalletId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Valid, deterministic wallets beyond the 12 real ones (for runs that need more than 20 completions). */
public final class SyntheticWallets {
    private SyntheticWallets() {}

    public static List<Wallet> of(int count, long seed) {
        Random random = new Random(seed);
        List<Wallet> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String xpub = SyntheticChain.xpub(random);
            String auth = SyntheticChain.xpub(random);
            out.add(new Wallet("synthetic-" + i, WalletId.of(xpub), xpub, auth));
        }
        return out;
    }
}

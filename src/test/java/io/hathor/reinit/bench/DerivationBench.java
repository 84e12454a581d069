package io.hathor.reinit.bench;

import io.hathor.reinit.demo.SyntheticChain;
import io.hathor.reinit.wallet.AddressDeriver;
import io.hathor.reinit.wallet.ExtendedPublicKey;
import io.hathor.reinit.wallet.Network;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Figures, not a test: address derivation as the direct loader does it (a deriver per wallet, then 44 addresses in
 * chunks of 20, 20 and 4: the synthetic chain's average), on one thread, in CPU time. Arguments: [wallets]
 * [rounds]; defaults 15000 and 3 (the first round includes the JIT warm-up and the table build). The last line is
 * the reference path (BouncyCastle's comb multiplier and point addition for every child) on a tenth of the wallets.
 */
public final class DerivationBench {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private DerivationBench() {}

    public static void main(String[] args) {
        int wallets = args.length > 0 ? Integer.parseInt(args[0]) : 15_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Random random = new Random(2026);
        List<String> xpubs = new ArrayList<>(wallets);
        for (int w = 0; w < wallets; w++) {
            xpubs.add(SyntheticChain.xpub(random));
        }
        for (int round = 1; round <= rounds; round++) {
            long build = 0;
            long derive = 0;
            long derived = 0;
            for (String xpub : xpubs) {
                long t0 = THREADS.getCurrentThreadCpuTime();
                AddressDeriver deriver = AddressDeriver.forXpub(xpub, Network.MAINNET);
                long t1 = THREADS.getCurrentThreadCpuTime();
                derived += deriver.addresses(0, 20).length + deriver.addresses(20, 20).length + deriver.addresses(40, 4).length;
                build += t1 - t0;
                derive += THREADS.getCurrentThreadCpuTime() - t1;
            }
            System.out.printf("round %d: %d wallets, %d addresses: %.1f µs CPU per address, %.1f µs per deriver, "
                    + "%.2f s CPU in all%n", round, wallets, derived, derive / 1e3 / derived, build / 1e3 / wallets,
                    (build + derive) / 1e9);
        }
        long t0 = THREADS.getCurrentThreadCpuTime();
        long derived = 0;
        for (String xpub : xpubs.subList(0, Math.max(1, wallets / 10))) {
            derived += new AddressDeriver(ExtendedPublicKey.parse(xpub), Network.MAINNET).addresses(0, 44).length;
        }
        System.out.printf("reference path (BouncyCastle's comb and point addition per child): %.1f µs CPU per address%n",
                (THREADS.getCurrentThreadCpuTime() - t0) / 1e3 / derived);
    }
}

package io.hathor.reinit.runbook;

import io.hathor.reinit.wallet.Hashes;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * A digest of a set of wallets that does not depend on their order: the sum, modulo 2^256, of
 * sha256(id + "\n" + xpubkey) over every wallet, as 64 hex digits. Two sets of distinct ids give the same digest
 * only when they hold the same (id, xpubkey) pairs.
 */
final class WalletDigest {
    private static final BigInteger MODULUS = BigInteger.ONE.shiftLeft(256);
    private BigInteger sum = BigInteger.ZERO;
    private long wallets;

    void add(String id, String xpubkey) {
        byte[] hash = Hashes.sha256((id + "\n" + xpubkey).getBytes(StandardCharsets.UTF_8));
        sum = sum.add(new BigInteger(1, hash)).mod(MODULUS);
        wallets++;
    }

    long wallets() {
        return wallets;
    }

    String hex() {
        return String.format("%064x", sum);
    }
}

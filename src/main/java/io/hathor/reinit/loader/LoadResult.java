package io.hathor.reinit.loader;

/**
 * The outcome of one wallet load. {@code error} is a one-line reason (never key material) when
 * {@code success} is false, null otherwise. {@code lastUsedIndex} is −1 when no address is used. Times are the
 * wall time spent deriving addresses and running SQL (including waits for locks).
 */
public record LoadResult(String walletId, boolean success, String error, int addressesDerived, int addressesClaimed,
        int lastUsedIndex, long deriveNanos, long sqlNanos) {

    static LoadResult failed(String walletId, String error, int derived, long deriveNanos, long sqlNanos) {
        return new LoadResult(walletId, false, error, derived, 0, -1, deriveNanos, sqlNanos);
    }
}

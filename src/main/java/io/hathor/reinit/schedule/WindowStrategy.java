package io.hathor.reinit.schedule;

/** Keeps up to the window's size of wallets loading: the next one starts as soon as one ends. */
final class WindowStrategy implements DispatchStrategy {

    @Override
    public int launchesNow(int loading, int pending, int window) {
        return Math.min(pending, Math.max(0, window - loading));
    }
}

package io.hathor.reinit.schedule;

/**
 * Starts one wallet's load. Called from the scheduler's launch threads. A {@link
 * io.hathor.reinit.config.ReinitException} means the whole run cannot go on (configuration, database gone).
 */
@FunctionalInterface
public interface LoadLauncher {
    LaunchResult launch(WalletTask task) throws Exception;
}

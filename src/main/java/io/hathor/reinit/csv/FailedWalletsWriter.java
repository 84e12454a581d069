package io.hathor.reinit.csv;

import java.io.Closeable;
import java.nio.file.Path;

public final class FailedWalletsWriter implements Closeable {
    public FailedWalletsWriter(Path file) {}

    public void write(WalletRecord r, String reason) {}

    @Override
    public void close() throws java.io.IOException {}
}

package io.hathor.reinit.csv;

import java.io.Closeable;
import java.nio.file.Path;

public final class RejectedRowsWriter implements Closeable {
    public RejectedRowsWriter(Path file) {}

    public void write(RowError e) {}

    @Override
    public void close() throws java.io.IOException {}
}

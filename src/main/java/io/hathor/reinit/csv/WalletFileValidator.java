package io.hathor.reinit.csv;

import io.hathor.reinit.config.InputFormat;
import java.nio.file.Path;
import java.util.function.Consumer;

public final class WalletFileValidator {
    private WalletFileValidator() {}

    public static ValidationSummary validate(Path file, InputFormat forced, Consumer<WalletRecord> onValid,
            Consumer<RowError> onError) {
        throw new UnsupportedOperationException("merged from the csv branch");
    }
}

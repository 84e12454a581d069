package io.hathor.reinit.run;

import io.hathor.reinit.config.ExitStatus;
import io.hathor.reinit.config.ReinitException;
import io.hathor.reinit.config.RunSettings;
import io.hathor.reinit.csv.RejectedRowsWriter;
import io.hathor.reinit.csv.RowError;
import io.hathor.reinit.csv.ValidationSummary;
import io.hathor.reinit.csv.WalletFileValidator;
import io.hathor.reinit.wallet.Hashes;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * Step 1 of a run: reads the file once, validates every row and hashes the same bytes, before anything touches the
 * database. The valid rows go to a spill file, the problems straight to the rejected file: memory stays bounded
 * whatever the file's size.
 */
public final class InputReader {
    /** Problems kept in memory for the console; the rejected file has all of them. */
    public static final int SHOWN_ERRORS = 1_000;

    private InputReader() {}

    public static RunInput read(RunSettings settings, String runId) {
        MessageDigest sha256 = sha256();
        List<RowError> shown = new ArrayList<>();
        long[] errorCount = {0};
        Path rejected = settings.logDir().resolve("rejected_" + runId + ".csv");
        RejectedRowsWriter[] writer = {null};
        ValidatedWallets wallets = ValidatedWallets.create();
        try {
            ValidationSummary summary = WalletFileValidator.validate(settings.csv(), settings.format(), sha256,
                    wallets::add, e -> {
                        if (shown.size() < SHOWN_ERRORS) {
                            shown.add(e);
                        }
                        errorCount[0]++;
                        try {
                            if (writer[0] == null) {
                                writer[0] = new RejectedRowsWriter(rejected);
                            }
                            writer[0].write(e);
                        } catch (UncheckedIOException io) {
                            throw new ReinitException(ExitStatus.USAGE, "cannot write " + rejected + ": "
                                    + io.getMessage(), io);
                        }
                    });
            closeRejected(writer[0], rejected);
            wallets.finish();
            return new RunInput(settings.csv(), summary, wallets, shown, errorCount[0],
                    writer[0] == null ? null : rejected, Hashes.hex(sha256.digest()));
        } catch (UncheckedIOException e) {
            wallets.close();
            throw new ReinitException(ExitStatus.USAGE, e.getMessage(), e);
        } catch (RuntimeException e) {
            wallets.close();
            throw e;
        }
    }

    private static void closeRejected(RejectedRowsWriter writer, Path rejected) {
        if (writer == null) {
            return;
        }
        try {
            writer.close();
        } catch (UncheckedIOException e) {
            throw new ReinitException(ExitStatus.USAGE, "cannot write " + rejected + ": " + e.getMessage(), e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}

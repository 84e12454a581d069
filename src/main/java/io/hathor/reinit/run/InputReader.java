package io.hathor.reinit.run;

import io.hathor.reinit.config.ExitStatus;
import io.hathor.reinit.config.ReinitException;
import io.hathor.reinit.config.RunSettings;
import io.hathor.reinit.csv.RejectedRowsWriter;
import io.hathor.reinit.csv.RowError;
import io.hathor.reinit.csv.ValidationSummary;
import io.hathor.reinit.csv.WalletFileValidator;
import io.hathor.reinit.csv.WalletRecord;
import io.hathor.reinit.wallet.Hashes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/** Step 1 of a run: read and validate the whole file before anything touches the database. */
public final class InputReader {
    private InputReader() {}

    public static RunInput read(RunSettings settings, String runId) {
        List<WalletRecord> records = new ArrayList<>();
        List<RowError> errors = new ArrayList<>();
        ValidationSummary summary = WalletFileValidator.validate(settings.csv(), settings.format(), records::add,
                errors::add);
        Path rejected = null;
        if (!errors.isEmpty()) {
            rejected = settings.logDir().resolve("rejected_" + runId + ".csv");
            try (RejectedRowsWriter writer = new RejectedRowsWriter(rejected)) {
                errors.forEach(writer::write);
            } catch (java.io.UncheckedIOException e) {
                throw new ReinitException(ExitStatus.USAGE, "cannot write " + rejected + ": " + e.getMessage(), e);
            }
        }
        return new RunInput(settings.csv(), summary, records, errors, rejected, sha256(settings.csv()));
    }

    static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            byte[] buffer = new byte[1 << 16];
            while (in.read(buffer) >= 0) {
                // reading feeds the digest
            }
            return Hashes.hex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new ReinitException(ExitStatus.USAGE, "cannot read " + file + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

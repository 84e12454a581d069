package io.hathor.reinit.run;

import io.hathor.reinit.config.ExitStatus;
import io.hathor.reinit.config.ReinitException;
import io.hathor.reinit.config.RunSettings;
import io.hathor.reinit.csv.RejectedRowsWriter;
import io.hathor.reinit.csv.RowError;
import io.hathor.reinit.csv.ValidationSummary;
import io.hathor.reinit.csv.WalletFileValidator;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads and validates the wallet file without touching the database or AWS; every problem to the rejected file. */
public final class DryRun {
    /** Problems kept in the result for the console; the rejected file has all of them. */
    public static final int SHOWN_ERRORS = 20;
    private static final Logger LOG = LoggerFactory.getLogger(DryRun.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss");

    private DryRun() {}

    public static DryRunResult run(RunSettings settings) {
        Path rejected = settings.logDir().resolve("rejected_" + LocalDateTime.now().format(STAMP) + ".csv");
        List<RowError> first = new ArrayList<>();
        long[] count = {0};
        long[] sized = {0};
        RejectedRowsWriter[] writer = {null};
        try {
            ValidationSummary summary = WalletFileValidator.validate(settings.csv(), settings.format(), r -> {
                        if (r.lastUsedAddressIndex() != null) {
                            sized[0]++;
                        }
                    },
                    e -> {
                        if (first.size() < SHOWN_ERRORS) {
                            first.add(e);
                        }
                        count[0]++;
                        if (writer[0] == null) {
                            writer[0] = new RejectedRowsWriter(rejected);
                        }
                        writer[0].write(e);
                    });
            LOG.info("dry run of {}: format {}, {} rows, {} valid, {} invalid, {} duplicates, {} problems",
                    settings.csv(), summary.format(), summary.rows(), summary.valid(), summary.invalid(),
                    summary.duplicates(), count[0]);
            return new DryRunResult(settings.csv(), summary, first, count[0], writer[0] == null ? null : rejected,
                    DryRunResult.Estimate.of(summary.valid(), settings.batchSize()), settings.order(), sized[0]);
        } catch (UncheckedIOException e) {
            throw new ReinitException(ExitStatus.USAGE, e.getMessage(), e);
        } finally {
            if (writer[0] != null) {
                try {
                    writer[0].close();
                } catch (UncheckedIOException e) {
                    LOG.warn("{}", e.getMessage());
                }
            }
        }
    }
}

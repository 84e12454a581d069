package io.hathor.reinit.csv;

import io.hathor.reinit.config.ExitStatus;
import io.hathor.reinit.config.InputFormat;
import io.hathor.reinit.config.ReinitException;
import io.hathor.reinit.wallet.WalletStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads a wallet file of any supported format once, validates every row and reports every problem; memory stays
 * constant apart from the compact id table used for duplicates.
 */
public final class WalletFileValidator {
    private final Path file;
    private final String name;
    private final InputFormat forced;
    private final Consumer<WalletRecord> onValid;
    private final Consumer<RowError> onError;
    private final MessageDigest digest;
    private InputFormat format = InputFormat.AUTO;
    private long rows;
    private long valid;
    private long invalid;
    private long duplicates;
    private long withKeys;
    private boolean keyColumns;
    /** A record read ahead to choose the positional layout; validated first. */
    private RecordTokenizer.RawRecord readAhead;
    private final long[] statusCounts = new long[WalletStatus.values().length + 1];

    private WalletFileValidator(Path file, InputFormat forced, MessageDigest digest, Consumer<WalletRecord> onValid,
            Consumer<RowError> onError) {
        this.digest = digest;
        this.file = file;
        this.name = file.toString();
        this.forced = forced == null ? InputFormat.AUTO : forced;
        this.onValid = onValid;
        this.onError = onError;
    }

    /** Streams the file once; valid rows to onValid (in file order, each id once), every problem to onError. */
    public static ValidationSummary validate(Path file, InputFormat forced, Consumer<WalletRecord> onValid,
            Consumer<RowError> onError) {
        return new WalletFileValidator(file, forced, null, onValid, onError).run();
    }

    /**
     * The same, and every byte of the file goes through {@code digest} as it is read (also the bytes after a problem
     * that ends the reading), so the digest is of exactly the bytes validated.
     */
    public static ValidationSummary validate(Path file, InputFormat forced, MessageDigest digest,
            Consumer<WalletRecord> onValid, Consumer<RowError> onError) {
        return new WalletFileValidator(file, forced, digest, onValid, onError).run();
    }

    private ValidationSummary run() {
        if (Files.isDirectory(file)) {
            throw new ReinitException(ExitStatus.USAGE, "cannot read " + name + ": it is a folder");
        }
        InputStream in;
        try {
            in = Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new ReinitException(ExitStatus.USAGE, "cannot read " + name + ": no such file", e);
        } catch (IOException | SecurityException e) {
            throw new ReinitException(ExitStatus.USAGE, "cannot read " + name + ": " + e.getMessage(), e);
        }
        if (digest != null) {
            in = new DigestInputStream(in, digest);
        }
        try (PhysicalLineReader lines = new PhysicalLineReader(in)) {
            read(lines);
            if (digest != null) {
                in.transferTo(OutputStream.nullOutputStream());
            }
        } catch (IOException e) {
            error(0, null, "reading stopped: " + e.getMessage());
        }
        return summary();
    }

    private void read(PhysicalLineReader lines) throws IOException {
        PhysicalLineReader.Line first = lines.next();
        while (first != null && first.problem() == null && first.text().isEmpty()) {
            first = lines.next();
        }
        if (first == null) {
            error(0, null, "the file is empty");
            return;
        }
        FormatDetector.Detected detected = first.problem() == null
                ? FormatDetector.detect(first.text())
                : new FormatDetector.Detected(InputFormat.AUTO, ',');
        format = forced == InputFormat.AUTO ? detected.format() : forced;
        if (format == InputFormat.AUTO) {
            String hint = FormatDetector.hint(file, first.text());
            error(first.number(), null, "cannot detect the format: " + (hint != null ? hint
                    : first.problem() != null ? first.problem() + " (see --csv-format)"
                    : "the first line is neither a header naming wallet columns nor a row starting with a"
                            + " 64-hex wallet id (see --csv-format)"));
            return;
        }
        lines.pushBack(first);
        RecordTokenizer records = new RecordTokenizer(lines, dialect(format, detected.separator()));
        ColumnLayout layout = layout(records);
        if (layout == null) {
            return;
        }
        keyColumns = layout.hasKeyColumns();
        RowValidator validator = new RowValidator(name, layout, format);
        IdTable seen = new IdTable();
        try (ParallelValidation parallel = new ParallelValidation(validator)) {
            RecordTokenizer.RawRecord r = readAhead != null ? readAhead : records.next();
            for (; r != null; r = records.next()) {
                rows++;
                parallel.add(r, result -> accept(result, seen));
            }
            parallel.finish(result -> accept(result, seen));
        }
    }

    private ColumnLayout layout(RecordTokenizer records) throws IOException {
        return switch (format) {
            case IDS -> ColumnLayout.ids();
            case OUTFILE, TAB -> {
                java.util.Optional<List<Column>> declared = CreateTableColumns.besides(file);
                yield ColumnLayout.positional(declared.isPresent() ? declared.get() : positionalOrder(records));
            }
            default -> {
                RecordTokenizer.RawRecord header = records.next();
                if (header == null || header.problem() != null) {
                    error(header == null ? 0 : header.line(), null, header == null ? "the file is empty"
                            : "unreadable header: " + header.problem());
                    yield null;
                }
                ColumnLayout layout = ColumnLayout.fromHeader(header.fields());
                if (!layout.has(Column.ID) && !layout.has(Column.XPUBKEY)) {
                    error(header.line(), null, "the header names neither an id nor an xpubkey column");
                    yield null;
                }
                yield layout;
            }
        };
    }

    /** Without a wallet.sql: the shielded table's order for records of its width, else the legacy order. */
    private List<Column> positionalOrder(RecordTokenizer records) throws IOException {
        readAhead = records.next();
        boolean shieldedWidth = readAhead != null && readAhead.problem() == null
                && readAhead.fields().length == Column.SHIELDED_ORDER.size();
        return shieldedWidth ? Column.SHIELDED_ORDER : Column.STANDARD_ORDER;
    }

    private static Dialect dialect(InputFormat format, char separator) {
        return switch (format) {
            case OUTFILE -> Dialect.outfile(separator);
            case TAB -> Dialect.tab(separator);
            case IDS -> Dialect.ids();
            default -> Dialect.header(separator);
        };
    }

    private void accept(RowValidator.Result result, IdTable seen) {
        WalletRecord r = result.record();
        if (r == null) {
            invalid++;
            result.errors().forEach(onError);
            return;
        }
        long fingerprint = IdTable.fingerprintOf(r);
        IdTable.Seen earlier = seen.putIfAbsent(r.id(), fingerprint, r.line());
        if (earlier.line() == 0) {
            valid++;
            if (r.keys() != null) {
                withKeys++;
            }
            statusCounts[r.status() == null ? statusCounts.length - 1 : r.status().ordinal()]++;
            onValid.accept(r);
        } else if (earlier.fingerprint() == fingerprint) {
            duplicates++;
        } else {
            invalid++;
            onError.accept(new RowError(name, r.line(), Column.ID.sqlName(), "wallet id already on line "
                    + earlier.line() + " with different values", r.id()));
        }
    }

    private void error(long line, String column, String reason) {
        onError.accept(new RowError(name, line, column, reason));
    }

    private ValidationSummary summary() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (WalletStatus s : WalletStatus.values()) {
            counts.put(s.sql(), statusCounts[s.ordinal()]);
        }
        if (statusCounts[statusCounts.length - 1] > 0) {
            counts.put("none", statusCounts[statusCounts.length - 1]);
        }
        return new ValidationSummary(format, rows, valid, invalid, duplicates, counts, keyColumns, withKeys);
    }
}

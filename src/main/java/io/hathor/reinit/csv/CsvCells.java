package io.hathor.reinit.csv;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;

/**
 * The dialect of the files we write: every value quoted (doubled inner quotes), NULL as an unquoted {@code \N},
 * LF line ends. Our reader's header dialect reads exactly that back, whatever the values contain.
 */
final class CsvCells {
    static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setQuoteMode(QuoteMode.ALL_NON_NULL)
            .setNullString("\\N")
            .setRecordSeparator('\n')
            .get();

    private CsvCells() {}

    /** A printer on a new owner-only file (replacing an old one), with the header already written. */
    static CSVPrinter open(Path file, String... header) {
        try {
            OutputStream stream = OwnerOnlyFiles.newOutputStream(file);
            try {
                Writer out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
                CSVPrinter printer = new CSVPrinter(out, FORMAT);
                printer.printRecord((Object[]) header);
                return printer;
            } catch (IOException | RuntimeException e) {
                // The stream itself: a writer whose flush fails on close never closes what is under it.
                try {
                    stream.close();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    static void print(CSVPrinter printer, Path file, Object... values) {
        try {
            printer.printRecord(values);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    static void close(CSVPrinter printer, Path file) {
        try {
            printer.close(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}

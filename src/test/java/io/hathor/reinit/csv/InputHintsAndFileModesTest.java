package io.hathor.reinit.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.hathor.reinit.config.InputFormat;
import io.hathor.reinit.wallet.WalletRow;
import io.hathor.reinit.wallet.WalletStatus;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputHintsAndFileModesTest {
    @TempDir
    Path dir;

    @Test
    void should_name_the_conversion_for_utf16_files_with_or_without_a_byte_order_mark() throws IOException {
        String text = Files.readString(CsvTestSupport.corpus("wallets_with_header.csv"));
        for (Charset charset : new Charset[] {StandardCharsets.UTF_16, StandardCharsets.UTF_16LE,
            StandardCharsets.UTF_16BE}) {
            // given: UTF_16 writes a byte-order mark, the LE/BE variants a NUL beside every ASCII byte
            Path file = dir.resolve("wallets-" + charset.name() + ".csv");
            Files.writeString(file, text, charset);
            // when
            CsvTestSupport.Outcome outcome = CsvTestSupport.validate(file, InputFormat.AUTO);
            // then
            assertThat(outcome.errors()).as(charset.name()).hasSize(1);
            assertThat(outcome.errors().get(0).describe()).as(charset.name())
                    .contains("the file is UTF-16", "iconv -f UTF-16 -t UTF-8").doesNotContain("\n");
        }
    }

    @Test
    void should_name_the_fix_for_semicolon_separated_files() throws IOException {
        for (String name : new String[] {"wallets_with_header.csv", "wallets_outfile.csv"}) {
            // given
            Path file = dir.resolve("semicolons-" + name);
            Files.writeString(file, Files.readString(CsvTestSupport.corpus(name)).replace(',', ';'));
            // when
            CsvTestSupport.Outcome outcome = CsvTestSupport.validate(file, InputFormat.AUTO);
            // then
            assertThat(outcome.errors()).as(name).hasSize(1);
            assertThat(outcome.errors().get(0).reason()).as(name)
                    .contains("separated by semicolons", "commas as the separator");
        }
    }

    @Test
    void should_give_no_hint_for_an_unrelated_file() throws IOException {
        // given
        Path file = dir.resolve("notes.txt");
        Files.writeString(file, "shopping list; milk\n");
        // when
        CsvTestSupport.Outcome outcome = CsvTestSupport.validate(file, InputFormat.AUTO);
        // then
        assertThat(outcome.errors().get(0).reason()).contains("neither a header").doesNotContain("semicolon", "UTF-16");
    }

    @Test
    void should_create_exports_failed_and_rejected_files_owner_only_even_over_a_readable_file() throws IOException {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        // given: a world-readable file where the export goes, and fresh paths in a new folder for the others
        Path export = dir.resolve("export.csv");
        Files.writeString(export, "old");
        Files.setPosixFilePermissions(export, PosixFilePermissions.fromString("rw-r--r--"));
        Path failed = dir.resolve("logs/failed.csv");
        Path rejected = dir.resolve("logs/rejected.csv");
        WalletRow row = new WalletRow("a".repeat(64), "xpub-full", WalletStatus.READY, 20, 1700000000L, null, 0,
                null, -1);
        // when
        try (OutfileWriter writer = new OutfileWriter(export, false)) {
            writer.write(row);
        }
        try (FailedWalletsWriter writer = new FailedWalletsWriter(failed)) {
            writer.write(new WalletRecord(1, row.id(), row.xpubkey(), WalletStatus.ERROR, 20, 1700000000L, null, 0,
                    null, null), "error");
        }
        try (RejectedRowsWriter writer = new RejectedRowsWriter(rejected)) {
            writer.write(new RowError("in.csv", 2, "xpubkey", "invalid xpub", row.id()));
        }
        // then
        for (Path file : new Path[] {export, failed, rejected}) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).as(file.toString())
                    .isEqualTo("rw-------");
        }
        assertThat(Files.readString(export)).startsWith("\"" + row.id()).doesNotContain("old");
    }
}

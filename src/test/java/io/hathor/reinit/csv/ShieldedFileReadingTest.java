package io.hathor.reinit.csv;

import static io.hathor.reinit.csv.CsvTestSupport.expectedWallets;
import static io.hathor.reinit.csv.CsvTestSupport.validate;
import static org.assertj.core.api.Assertions.assertThat;

import io.hathor.reinit.config.InputFormat;
import io.hathor.reinit.demo.DemoShieldedKeys;
import io.hathor.reinit.wallet.ShieldedKeys;
import io.hathor.reinit.wallet.ShieldedState;
import io.hathor.reinit.wallet.WalletRow;
import io.hathor.reinit.wallet.WalletStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading the shielded columns of the wallet table from every export format. */
class ShieldedFileReadingTest {
    private static final ShieldedKeys KEYS = DemoShieldedKeys.random(new Random(7));
    private static final String SCAN = new String(KEYS.scanXpriv(), StandardCharsets.US_ASCII);

    @TempDir
    Path tmp;

    /** A mysqldump --tab row of the shielded table (14 columns, table order) with scan_xpriv as given. */
    private static String tabRow(WalletRecord w, String scanCell, String spendCell) {
        return String.join("\t", w.id(), w.xpubkey(), "ready", "20", "1700000000", "1700000100", "0",
                w.authXpubkey(), "-1", scanCell, spendCell, "20", "7", "ready") + "\n";
    }

    @Test
    void should_read_the_raw_blob_of_a_mysqldump_tab_export_of_the_shielded_table() throws IOException {
        // given
        WalletRecord w = expectedWallets().get(0);
        WalletRecord plain = expectedWallets().get(1);
        Path file = write("wallet.txt", tabRow(w, SCAN, KEYS.spendXpub()) + tabRow(plain, "\\N", "\\N"));

        // when
        CsvTestSupport.Outcome outcome = validate(file, InputFormat.AUTO);

        // then
        assertThat(outcome.errors()).isEmpty();
        assertThat(outcome.summary().format()).isEqualTo(InputFormat.TAB);
        assertThat(outcome.summary().keyColumns()).isTrue();
        assertThat(outcome.summary().withKeys()).isEqualTo(1);
        assertThat(outcome.records().get(0).keys()).isEqualTo(KEYS);
        assertThat(outcome.records().get(0).keys().scanXpriv()).isEqualTo(KEYS.scanXpriv());
        assertThat(outcome.records().get(1).keys()).isNull();
    }

    @Test
    void should_read_a_hex_blob_as_the_same_bytes() throws IOException {
        // given scan_xpriv as MySQL's HEX() writes it (mysqldump --hex-blob), and as a 0x literal
        WalletRecord w = expectedWallets().get(0);
        WalletRecord w2 = expectedWallets().get(2);
        String hex = HexFormat.of().withUpperCase().formatHex(KEYS.scanXpriv());
        Path file = write("wallet.txt", tabRow(w, hex, KEYS.spendXpub()) + tabRow(w2, "0x" + hex, KEYS.spendXpub()));

        // when
        CsvTestSupport.Outcome outcome = validate(file, InputFormat.AUTO);

        // then
        assertThat(outcome.errors()).isEmpty();
        assertThat(outcome.records()).extracting(WalletRecord::keys).containsExactly(KEYS, KEYS);
    }

    @Test
    void should_read_back_our_own_shielded_export_byte_for_byte() throws IOException {
        // given
        WalletRecord w = expectedWallets().get(0);
        WalletRecord plain = expectedWallets().get(1);
        Path file = tmp.resolve("export.csv");
        try (OutfileWriter writer = new OutfileWriter(file, false, true)) {
            writer.write(new WalletRow(w.id(), w.xpubkey(), WalletStatus.ERROR, 20, 1700000000L, null, 1,
                    w.authXpubkey(), -1, new ShieldedState(WalletStatus.READY, WalletStatus.ERROR, KEYS)));
            writer.write(new WalletRow(plain.id(), plain.xpubkey(), WalletStatus.READY, 20, 1700000000L, 1700000100L,
                    0, plain.authXpubkey(), 3, new ShieldedState(WalletStatus.READY, null, null)));
        }

        // when
        CsvTestSupport.Outcome outcome = validate(file, InputFormat.AUTO);

        // then the status column holds the legacy side, and scan_xpriv comes back as the same bytes
        assertThat(Files.readString(file)).startsWith(String.join(",", OutfileWriter.SHIELDED_COLUMNS) + "\n")
                .doesNotContain(SCAN);
        assertThat(outcome.errors()).isEmpty();
        assertThat(outcome.summary().format()).isEqualTo(InputFormat.HEADER);
        assertThat(outcome.records().get(0).status()).isEqualTo(WalletStatus.READY);
        assertThat(outcome.records().get(0).keys()).isEqualTo(KEYS);
        assertThat(outcome.records().get(1).keys()).isNull();
    }

    @Test
    void should_report_bad_keys_with_line_and_column_and_never_show_the_private_key() throws IOException {
        // given line 2: an xpub where the xpriv belongs; line 3: no spend_xpub; line 4: a spend_xpub that is no xpub
        WalletRecord a = expectedWallets().get(0);
        WalletRecord b = expectedWallets().get(1);
        WalletRecord c = expectedWallets().get(2);
        String header = "id,xpubkey,auth_xpubkey,scan_xpriv,spend_xpub,shielded_max_gap\n";
        Path file = write("keys.csv", header
                + String.join(",", a.id(), a.xpubkey(), a.authXpubkey(), KEYS.spendXpub(), KEYS.spendXpub(), "20\n")
                + String.join(",", b.id(), b.xpubkey(), b.authXpubkey(), SCAN, "NULL", "20\n")
                + String.join(",", c.id(), c.xpubkey(), c.authXpubkey(), SCAN, SCAN, "0\n"));

        // when
        CsvTestSupport.Outcome outcome = validate(file, InputFormat.AUTO);

        // then
        assertThat(outcome.records()).isEmpty();
        assertThat(outcome.errors()).extracting(RowError::line, RowError::column).containsExactly(
                org.assertj.core.groups.Tuple.tuple(2L, "scan_xpriv"),
                org.assertj.core.groups.Tuple.tuple(3L, "spend_xpub"),
                org.assertj.core.groups.Tuple.tuple(4L, "shielded_max_gap"),
                org.assertj.core.groups.Tuple.tuple(4L, "spend_xpub"));
        assertThat(outcome.errors().get(0).reason()).contains("not a private key");
        assertThat(outcome.errors()).allSatisfy(e -> assertThat(e.reason()).doesNotContain(SCAN.substring(4, 30)));
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(tmp.resolve(name), content, StandardCharsets.UTF_8);
    }
}

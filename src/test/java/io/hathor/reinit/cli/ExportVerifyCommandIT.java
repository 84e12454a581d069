package io.hathor.reinit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hathor.reinit.config.InputFormat;
import io.hathor.reinit.csv.WalletFileValidator;
import io.hathor.reinit.csv.WalletRecord;
import io.hathor.reinit.db.WalletRepository;
import io.hathor.reinit.support.CommandRun;
import io.hathor.reinit.support.PipelineFixture;
import io.hathor.reinit.support.PipelineFixtures;
import io.hathor.reinit.support.RunbookCommands;
import io.hathor.reinit.support.TestWallets;
import io.hathor.reinit.support.TestWallets.Wallet;
import io.hathor.reinit.wallet.Hashes;
import io.hathor.reinit.wallet.WalletRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class ExportVerifyCommandIT {
    private static final List<Wallet> WALLETS = TestWallets.all();

    @TempDir
    Path dir;

    private PipelineFixture fx;
    private RunbookCommands reinit;

    @RegisterExtension
    final PipelineFixtures fixtures = new PipelineFixtures();

    /** 12 wallets: 0-7 ready with 2 claimed addresses, 1 balance and 2 history rows each; 8-9 error; 10-11 creating. */
    private void populate(String name) {
        fx = fixtures.open(name, dir);
        reinit = new RunbookCommands(fx);
        for (int i = 0; i < WALLETS.size(); i++) {
            Wallet w = WALLETS.get(i);
            String status = i < 8 ? "ready" : i < 10 ? "error" : "creating";
            fx.exec("INSERT INTO wallet (id, xpubkey, status, max_gap, created_at, ready_at, retry_count, auth_xpubkey,"
                    + " last_used_address_index) VALUES (?, ?, ?, 20, 1700000000, ?, ?, ?, ?)", w.id(), w.xpubkey(),
                    status, i < 10 ? 1700000100L + i : null, i >= 8 && i < 10 ? 2 : 0, w.authXpubkey(), i - 1);
            if (i < 8) {
                for (int a = 0; a < 2; a++) {
                    fx.exec("INSERT INTO address (address, `index`, wallet_id, transactions) VALUES (?, ?, ?, 1)",
                            "H" + i + "a" + a, a, w.id());
                    fx.exec("INSERT INTO wallet_tx_history (wallet_id, token_id, tx_id, balance, timestamp)"
                            + " VALUES (?, '00', ?, 10, 1700000200)", w.id(), "tx" + i + "_" + a);
                }
                fx.exec("INSERT INTO wallet_balance (wallet_id, token_id, unlocked_balance, locked_balance,"
                        + " transactions) VALUES (?, '00', 20, 0, 2)", w.id());
            }
        }
        fx.exec("INSERT INTO address (address, transactions) VALUES ('Hunclaimed', 3)");
    }

    @Test
    void should_export_a_manifest_whose_sha256_and_counts_match_and_a_file_that_reads_back() throws Exception {
        // given
        populate("export_plain");
        Path out = dir.resolve("wallets.csv");
        // when
        CommandRun run = reinit.run("export", "--out", out.toString());
        // then
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("exported 12 wallets", "manifest:");
        JsonNode manifest = new ObjectMapper().readTree(dir.resolve("wallets.csv.manifest.json").toFile());
        assertThat(manifest.get("rows").asLong()).isEqualTo(12);
        assertThat(manifest.get("sha256").asText()).isEqualTo(Hashes.hex(Hashes.sha256(Files.readAllBytes(out))));
        assertThat(manifest.get("walletsByStatus").get("ready").asLong()).isEqualTo(8);
        assertThat(manifest.get("walletsByStatus").get("error").asLong()).isEqualTo(2);
        assertThat(manifest.get("walletsByStatus").get("creating").asLong()).isEqualTo(2);
        assertThat(manifest.get("claimedAddresses").asLong()).isEqualTo(16);
        assertThat(manifest.get("walletBalanceRows").asLong()).isEqualTo(8);
        assertThat(manifest.get("walletTxHistoryRows").asLong()).isEqualTo(16);
        assertThat(manifest.get("schemaFlavor").asText()).isEqualTo("LEGACY");
        assertThat(manifest.get("database").asText()).isEqualTo(fx.schema.url()).doesNotContain("password");
        assertThat(manifest.get("file").asText()).isEqualTo(out.toAbsolutePath().toString());
        assertThat(manifest.get("createdAt").asText()).isNotBlank();
        assertReadsBackAsTheTable(out);
    }

    @Test
    void should_export_with_a_header_that_reads_back_and_that_the_main_command_accepts() throws Exception {
        // given
        populate("export_header");
        Path out = dir.resolve("wallets-header.csv");
        // when
        CommandRun run = reinit.run("export", "--out", out.toString(), "--header", "--json");
        CommandRun dryRun = CommandRun.of("--csv", out.toString(), "--dry-run", "--log-dir", dir.resolve("logs").toString());
        // then
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(new ObjectMapper().readTree(run.out()).get("header").asBoolean()).isTrue();
        assertThat(Files.readAllLines(out).get(0)).startsWith("id,xpubkey,status");
        assertReadsBackAsTheTable(out);
        assertThat(dryRun.exitCode()).as(dryRun.out() + dryRun.err()).isZero();
        assertThat(dryRun.out()).contains("valid:      12", "invalid:    0");
    }

    @Test
    void should_let_the_main_command_accept_a_plain_export() throws Exception {
        // given
        populate("export_main");
        Path out = dir.resolve("plain.csv");
        reinit.run("export", "--out", out.toString());
        // when
        CommandRun dryRun = CommandRun.of("--csv", out.toString(), "--dry-run", "--log-dir", dir.resolve("logs").toString());
        // then
        assertThat(dryRun.exitCode()).as(dryRun.out() + dryRun.err()).isZero();
        assertThat(dryRun.out()).contains("format:     outfile", "valid:      12");
    }

    @Test
    void should_refuse_to_overwrite_an_export_without_force() throws Exception {
        // given
        populate("export_exists");
        Path out = Files.writeString(dir.resolve("taken.csv"), "x");
        // when
        CommandRun run = reinit.run("export", "--out", out.toString());
        // then
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).contains("--force").doesNotContain("\n");
    }

    @Test
    void should_verify_an_unchanged_database_and_fail_listing_a_wallet_set_back_to_error() throws Exception {
        // given
        populate("verify");
        fx.exec("UPDATE wallet SET status = 'ready' WHERE status <> 'ready'");
        Path out = dir.resolve("v.csv");
        assertThat(reinit.run("export", "--out", out.toString()).exitCode()).isZero();
        String manifest = dir.resolve("v.csv.manifest.json").toString();
        // when
        CommandRun equal = reinit.run("verify", "--manifest", manifest);
        Wallet broken = WALLETS.get(3);
        fx.exec("UPDATE wallet SET status = 'error' WHERE id = ?", broken.id());
        fx.exec("DELETE FROM wallet_tx_history WHERE wallet_id = ?", broken.id());
        CommandRun shortfall = reinit.run("verify", "--manifest", manifest);
        CommandRun json = reinit.run("verify", "--manifest", manifest, "--csv", out.toString(), "--json");
        // then
        assertThat(equal.exitCode()).as(equal.out() + equal.err()).isZero();
        assertThat(equal.out()).contains("PASS", "12/12 ready", "verified");
        assertThat(shortfall.exitCode()).isEqualTo(1);
        assertThat(shortfall.out()).contains("1 of 12 not ready", broken.id() + " error",
                "wallet_tx_history rows", "2 fewer than the 16 exported");
        JsonNode report = new ObjectMapper().readTree(json.out());
        assertThat(json.exitCode()).isEqualTo(1);
        assertThat(report.get("problems").get(0).get("id").asText()).isEqualTo(broken.id());
        assertThat(report.get("notReady").asLong()).isEqualTo(1);
    }

    @Test
    void should_fail_verify_when_the_export_file_changed_since_the_manifest() throws Exception {
        // given
        populate("verify_changed");
        Path out = dir.resolve("c.csv");
        reinit.run("export", "--out", out.toString());
        Files.writeString(out, Files.readString(out) + "\n");
        // when
        CommandRun run = reinit.run("verify", "--manifest", dir.resolve("c.csv.manifest.json").toString());
        // then
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("changed since the export");
    }

    private void assertReadsBackAsTheTable(Path file) throws Exception {
        List<WalletRecord> records = new ArrayList<>();
        var summary = WalletFileValidator.validate(file, InputFormat.AUTO, records::add, e -> {
            throw new AssertionError(e.toString());
        });
        assertThat(summary.valid()).isEqualTo(12);
        List<WalletRow> rows = new ArrayList<>();
        new WalletRepository(fx.database).forEachWallet(rows::add);
        assertThat(records).hasSameSizeAs(rows);
        for (int i = 0; i < rows.size(); i++) {
            WalletRow row = rows.get(i);
            WalletRecord r = records.get(i);
            assertThat(r.id()).isEqualTo(row.id());
            assertThat(r.xpubkey()).isEqualTo(row.xpubkey());
            assertThat(r.authXpubkey()).isEqualTo(row.authXpubkey());
            assertThat(r.status()).isEqualTo(row.status());
            assertThat(r.maxGap()).isEqualTo(row.maxGap());
            assertThat(r.createdAt()).isEqualTo(row.createdAt());
            assertThat(r.readyAt()).isEqualTo(row.readyAt());
            assertThat(r.retryCount()).isEqualTo(row.retryCount());
            assertThat(r.lastUsedAddressIndex()).isEqualTo(row.lastUsedAddressIndex());
        }
    }
}

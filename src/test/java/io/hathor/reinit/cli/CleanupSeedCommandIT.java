package io.hathor.reinit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hathor.reinit.db.Journal;
import io.hathor.reinit.db.RunLock;
import io.hathor.reinit.support.CommandRun;
import io.hathor.reinit.support.PipelineFixture;
import io.hathor.reinit.support.PipelineFixtures;
import io.hathor.reinit.support.RunbookCommands;
import io.hathor.reinit.support.TestWallets;
import io.hathor.reinit.support.TestWallets.Wallet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class CleanupSeedCommandIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private PipelineFixture fx;
    private RunbookCommands reinit;

    @RegisterExtension
    final PipelineFixtures fixtures = new PipelineFixtures();

    private void populated(String name) throws Exception {
        fx = fixtures.open(name, dir);
        reinit = new RunbookCommands(fx);
        Wallet w = TestWallets.all().get(0);
        fx.insertWallet(w, "ready", 0);
        fx.exec("INSERT INTO push_devices (device_id, push_provider, wallet_id) VALUES ('d1', 'ios', ?)", w.id());
        fx.exec("REPLACE INTO sync_metadata (id, last_event_id) VALUES (0, 5)");
        fx.exec("INSERT INTO token_creation (token_id, tx_id) VALUES ('00', 'tx')");
        fx.exec("INSERT INTO SequelizeMeta (name) VALUES ('20260123000000-add-first-block-to-transaction.js')");
        Journal journal = new Journal(fx.database);
        journal.createTablesIfAbsent();
        journal.startRun("kept", Instant.now(), "h", null, "{}");
    }

    @Test
    void should_refuse_without_or_with_a_wrong_confirm_and_change_nothing() throws Exception {
        // given
        populated("cleanup_refuse");
        // when
        CommandRun none = reinit.run("cleanup");
        CommandRun wrong = reinit.run("cleanup", "--confirm", "production");
        // then
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err().strip()).contains("--confirm " + fx.schema.name()).doesNotContain("\n");
        assertThat(wrong.exitCode()).isEqualTo(2);
        assertThat(wrong.err().strip()).contains("'production'", fx.schema.name()).doesNotContain("\n");
        assertThat(fx.count("SELECT COUNT(*) FROM wallet")).isEqualTo(1);
    }

    @Test
    void should_refuse_to_empty_wallets_that_were_not_exported() throws Exception {
        // given: wallets, and an export of them that no longer covers the table
        populated("cleanup_manifest");
        Path export = dir.resolve("old.csv");
        assertThat(reinit.run("export", "--out", export.toString()).exitCode()).isZero();
        Wallet added = TestWallets.all().get(1);
        fx.insertWallet(added, "ready", 0);
        // when
        CommandRun noManifest = reinit.run("cleanup", "--confirm", fx.schema.name());
        CommandRun stale = reinit.run("cleanup", "--confirm", fx.schema.name(), "--manifest",
                export + ".manifest.json");
        // then
        assertThat(noManifest.exitCode()).isEqualTo(2);
        assertThat(noManifest.err()).contains("no export manifest");
        assertThat(stale.exitCode()).isEqualTo(1);
        assertThat(stale.err().strip()).contains("1 wallet(s) of the database are not in the export", added.id(),
                "export again").doesNotContain("\n");
        assertThat(stale.out()).doesNotContain("emptying");
        assertThat(fx.count("SELECT COUNT(*) FROM wallet")).isEqualTo(2);
    }

    @Test
    void should_refuse_an_unexported_wallet_even_when_the_row_count_matches() throws Exception {
        // given: two wallets exported, then one of them replaced by a wallet the export does not hold
        populated("cleanup_same_count");
        fx.insertWallet(TestWallets.all().get(1), "ready", 0);
        Path export = dir.resolve("backups.csv");
        assertThat(reinit.run("export", "--out", export.toString()).exitCode()).isZero();
        fx.exec("DELETE FROM wallet WHERE id = ?", TestWallets.all().get(1).id());
        Wallet unexported = TestWallets.all().get(2);
        fx.insertWallet(unexported, "ready", 0);
        // when
        CommandRun run = reinit.run("cleanup", "--confirm", fx.schema.name(), "--manifest",
                export + ".manifest.json");
        // then
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.err()).contains("nothing deleted", "not in the export", unexported.id());
        assertThat(fx.count("SELECT COUNT(*) FROM wallet")).isEqualTo(2);
        assertThat(fx.count("SELECT COUNT(*) FROM push_devices")).isEqualTo(1);
    }

    @Test
    void should_refuse_a_wallet_whose_xpubkey_differs_from_the_export() throws Exception {
        // given
        populated("cleanup_other_key");
        Path export = dir.resolve("backups.csv");
        assertThat(reinit.run("export", "--out", export.toString()).exitCode()).isZero();
        Wallet w = TestWallets.all().get(0);
        fx.exec("UPDATE wallet SET xpubkey = ? WHERE id = ?", TestWallets.all().get(1).xpubkey(), w.id());
        // when
        CommandRun run = reinit.run("cleanup", "--confirm", fx.schema.name(), "--manifest",
                export + ".manifest.json");
        // then
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.err()).contains("1 wallet(s) have another xpubkey in the export", w.id());
        assertThat(fx.count("SELECT COUNT(*) FROM wallet")).isEqualTo(1);
    }

    @Test
    void should_refuse_a_manifest_of_another_host() throws Exception {
        // given: the manifest edited to name another server, the schema name kept
        populated("cleanup_foreign");
        Path export = dir.resolve("backups.csv");
        assertThat(reinit.run("export", "--out", export.toString()).exitCode()).isZero();
        Path manifest = Path.of(export + ".manifest.json");
        ObjectNode json = (ObjectNode) JSON.readTree(manifest.toFile());
        ((ObjectNode) json.get("server")).put("host", "db.example.org");
        json.put("database", "jdbc:mysql://db.example.org:3306/" + fx.schema.name());
        JSON.writeValue(manifest.toFile(), json);
        // when
        CommandRun run = reinit.run("cleanup", "--confirm", fx.schema.name(), "--manifest", manifest.toString());
        // then
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.err()).contains("is an export of db.example.org:", "/" + fx.schema.name() + ", not of");
        assertThat(fx.count("SELECT COUNT(*) FROM wallet")).isEqualTo(1);
    }

    @Test
    void should_refuse_an_export_changed_since_its_manifest() throws Exception {
        // given: a row appended to the export after the manifest was written
        populated("cleanup_tampered");
        Path export = dir.resolve("backups.csv");
        assertThat(reinit.run("export", "--out", export.toString()).exitCode()).isZero();
        String firstRow = Files.readAllLines(export).get(0);
        Files.writeString(export, firstRow.replace(TestWallets.all().get(0).id(), TestWallets.all().get(1).id())
                + "\n", StandardOpenOption.APPEND);
        // when
        CommandRun run = reinit.run("cleanup", "--confirm", fx.schema.name(), "--manifest",
                export + ".manifest.json");
        // then
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.err()).contains("changed since", "sha256");
        assertThat(fx.count("SELECT COUNT(*) FROM wallet")).isEqualTo(1);
    }

    @Test
    void should_check_a_manifest_whose_export_is_gone_by_its_wallet_digest() throws Exception {
        // given: the export file deleted after the export
        populated("cleanup_digest");
        fx.insertWallet(TestWallets.all().get(1), "ready", 0);
        Path export = dir.resolve("backups.csv");
        assertThat(reinit.run("export", "--out", export.toString()).exitCode()).isZero();
        Files.delete(export);
        fx.exec("DELETE FROM wallet WHERE id = ?", TestWallets.all().get(1).id());
        fx.insertWallet(TestWallets.all().get(2), "ready", 0);
        String manifest = export + ".manifest.json";
        // when: a wallet replaced since the export
        CommandRun changed = reinit.run("cleanup", "--confirm", fx.schema.name(), "--manifest", manifest);
        fx.exec("DELETE FROM wallet WHERE id = ?", TestWallets.all().get(2).id());
        fx.insertWallet(TestWallets.all().get(1), "ready", 0);
        // and when: the database back to the exported wallets
        CommandRun same = reinit.run("cleanup", "--confirm", fx.schema.name(), "--manifest", manifest);
        // then
        assertThat(changed.exitCode()).as(changed.err()).isEqualTo(1);
        assertThat(changed.err()).contains("is missing", "wallet digest differs");
        assertThat(same.exitCode()).as(same.err()).isZero();
        assertThat(fx.count("SELECT COUNT(*) FROM wallet")).isZero();
    }

    @Test
    void should_exit_1_and_print_no_plan_while_a_run_holds_the_lock() throws Exception {
        // given: another session holds the run lock
        populated("cleanup_locked");
        Path export = dir.resolve("backups.csv");
        assertThat(reinit.run("export", "--out", export.toString()).exitCode()).isZero();
        try (Connection other = fx.schema.connect();
                PreparedStatement lock = other.prepareStatement("SELECT GET_LOCK(?, 0)")) {
            lock.setString(1, RunLock.nameFor(fx.schema.name()));
            try (ResultSet rs = lock.executeQuery()) {
                assertThat(rs.next() && rs.getInt(1) == 1).isTrue();
            }
            // when
            CommandRun run = reinit.run("cleanup", "--confirm", fx.schema.name(), "--manifest",
                    export + ".manifest.json");
            // then
            assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
            assertThat(run.err()).contains("another reinit run");
            assertThat(run.out()).doesNotContain("emptying");
            assertThat(fx.count("SELECT COUNT(*) FROM wallet")).isEqualTo(1);
        }
    }

    @Test
    void should_list_only_on_dry_run() throws Exception {
        // given
        populated("cleanup_dry");
        // when
        CommandRun run = reinit.run("cleanup", "--dry-run");
        // then
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("would empty", "wallet ", "push_devices", "token_creation", "1 rows",
                "not present: shielded_tx_output_data");
        assertThat(fx.count("SELECT COUNT(*) FROM wallet")).isEqualTo(1);
    }

    @Test
    void should_empty_the_tables_and_keep_sequelize_meta_and_the_journal() throws Exception {
        // given
        populated("cleanup_go");
        Path export = dir.resolve("backups.csv");
        assertThat(reinit.run("export", "--out", export.toString()).exitCode()).isZero();
        // when
        CommandRun run = reinit.run("cleanup", "--confirm", fx.schema.name(), "--manifest",
                export + ".manifest.json");
        // then
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("emptying", "emptied");
        for (String t : new String[] {"wallet", "push_devices", "sync_metadata", "token", "token_creation", "address"}) {
            assertThat(fx.count("SELECT COUNT(*) FROM `" + t + "`")).as(t).isZero();
        }
        assertThat(fx.count("SELECT COUNT(*) FROM SequelizeMeta")).isEqualTo(1);
        assertThat(fx.count("SELECT COUNT(*) FROM reinit_run")).isEqualTo(1);
        assertThat(fx.queryString("SELECT @@FOREIGN_KEY_CHECKS")).isEqualTo("1");
    }

    @Test
    void should_seed_the_htr_row_with_the_seeder_count_then_report_it_present() throws Exception {
        // given
        fx = fixtures.open("seed", dir);
        reinit = new RunbookCommands(fx);
        fx.exec("DELETE FROM token WHERE id = '00'");
        String out = "INSERT INTO tx_output (tx_id, `index`, token_id, address, value) VALUES (?, ?, ?, 'Haddr', 1)";
        fx.exec(out, "tx1", 0, "00");
        fx.exec(out, "tx1", 1, "00");
        fx.exec(out, "tx2", 0, "00");
        fx.exec(out, "tx3", 0, "abcd");
        // when
        CommandRun first = reinit.run("seed-htr");
        CommandRun second = reinit.run("seed-htr", "--json");
        // then
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("inserted", "transactions 2", "version 0");
        assertThat(fx.queryString("SELECT CONCAT(name, '/', symbol, '/', transactions, '/', version) FROM token"
                + " WHERE id = '00'")).isEqualTo("Hathor/HTR/2/0");
        assertThat(second.exitCode()).isZero();
        assertThat(second.out()).contains("\"inserted\" : false", "\"transactions\" : 2");
    }

    @Test
    void should_show_help_with_examples_for_every_subcommand() {
        for (String sub : new String[] {"export", "check", "status", "verify", "cleanup", "seed-htr"}) {
            // when
            CommandRun run = CommandRun.of(sub, "--help");
            // then
            assertThat(run.exitCode()).as(sub).isZero();
            assertThat(run.out()).as(sub).contains("Examples:", "reinit " + sub, "Exit codes:", "--db-url");
        }
        assertThat(CommandRun.of("--help").out()).contains("Commands:", "export", "seed-htr");
    }
}

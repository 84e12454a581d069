package io.hathor.reinit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.hathor.reinit.db.Journal;
import io.hathor.reinit.support.CommandRun;
import io.hathor.reinit.support.PipelineFixture;
import io.hathor.reinit.support.RunbookCommands;
import io.hathor.reinit.support.TestWallets;
import io.hathor.reinit.support.TestWallets.Wallet;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CleanupSeedCommandIT {
    @TempDir
    Path dir;

    private PipelineFixture fx;
    private RunbookCommands reinit;

    @AfterEach
    void close() {
        if (fx != null) {
            fx.close();
        }
    }

    private void populated(String name) throws Exception {
        fx = new PipelineFixture(name, dir);
        reinit = new RunbookCommands(fx);
        Wallet w = TestWallets.all().get(0);
        fx.insertWallet(w, "ready", 0);
        fx.exec("INSERT INTO push_devices (device_id, push_provider, wallet_id) VALUES ('d1', 'ios', ?)", w.id());
        fx.exec("REPLACE INTO sync_metadata (id, last_event_id) VALUES (0, 5)");
        fx.exec("INSERT INTO token_creation (token_id, tx_id) VALUES ('00', 'tx')");
        fx.exec("INSERT INTO SequelizeMeta (name) VALUES ('20260123000000-add-first-block-to-transaction.js')");
        Journal journal = new Journal(fx.dataSource);
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
        fx.insertWallet(TestWallets.all().get(1), "ready", 0);
        // when
        CommandRun noManifest = reinit.run("cleanup", "--confirm", fx.schema.name());
        CommandRun stale = reinit.run("cleanup", "--confirm", fx.schema.name(), "--manifest",
                export + ".manifest.json");
        // then
        assertThat(noManifest.exitCode()).isEqualTo(2);
        assertThat(noManifest.err()).contains("no export manifest");
        assertThat(stale.exitCode()).isEqualTo(2);
        assertThat(stale.err()).contains("export again");
        assertThat(fx.count("SELECT COUNT(*) FROM wallet")).isEqualTo(2);
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
        fx = new PipelineFixture("seed", dir);
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

package io.hathor.reinit.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hathor.reinit.support.CommandRun;
import io.hathor.reinit.support.PipelineFixture;
import io.hathor.reinit.support.PipelineFixtures;
import io.hathor.reinit.support.TestWallets;
import io.hathor.reinit.support.TestWallets.Wallet;
import io.hathor.reinit.wallet.AddressDeriver;
import io.hathor.reinit.wallet.Network;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The main command with {@code --loader direct}: same selection rules, journal and report as the Lambda path. */
class DirectPipelineIT {
    private static final List<Wallet> WALLETS = TestWallets.all();

    @TempDir
    Path dir;

    private PipelineFixture fx;

    @RegisterExtension
    final PipelineFixtures fixtures = new PipelineFixtures();

    @Test
    void should_load_wallets_in_process_and_apply_the_same_selection_rules() {
        // given: one ready wallet (never touched), one error wallet with stale rows, one conflict, the rest new
        fx = fixtures.open("direct", dir);
        Wallet ready = WALLETS.get(0);
        Wallet broken = WALLETS.get(1);
        Wallet conflict = WALLETS.get(2);
        fx.insertWallet(ready, "ready", 0);
        fx.insertWallet(broken, "error", 1);
        fx.exec("INSERT INTO wallet_balance (wallet_id, token_id, unlocked_balance, locked_balance, transactions)"
                + " VALUES (?, 'stale', 1, 0, 1)", broken.id());
        fx.exec("INSERT INTO wallet (id, xpubkey, status, max_gap, created_at, auth_xpubkey)"
                + " VALUES (?, ?, 'error', 20, 1, ?)", conflict.id(), WALLETS.get(3).xpubkey(), conflict.authXpubkey());
        List<Wallet> input = WALLETS.subList(0, 8);
        // when
        CommandRun run = fx.reinit(TestWallets.csv(dir, "w.csv", input), "--loader", "direct", "--workers", "2",
                "--network", "mainnet");
        // then
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
        JsonNode report = fx.report();
        assertThat(report.get("outcomes").get(ready.id()).asText()).isEqualTo("SKIPPED_READY");
        assertThat(report.get("outcomes").get(conflict.id()).asText()).isEqualTo("CONFLICT");
        assertThat(report.get("ready").asInt()).isEqualTo(6);
        assertThat(report.get("repaired").asInt()).isEqualTo(1);
        assertThat(report.get("loader").asText()).isEqualTo("direct");
        assertThat(fx.count("SELECT COUNT(*) FROM wallet_balance WHERE token_id = 'stale'")).isZero();
        assertThat(fx.count("SELECT COUNT(*) FROM address WHERE wallet_id = ?", ready.id())).isZero();
        // with no transactions every loaded wallet claims exactly its first maxGap addresses, in index order
        Wallet fresh = WALLETS.get(5);
        assertThat(fx.count("SELECT COUNT(*) FROM address WHERE wallet_id = ?", fresh.id())).isEqualTo(20);
        String first = AddressDeriver.forXpub(fresh.xpubkey(), Network.MAINNET).address(0);
        assertThat(fx.queryString("SELECT address FROM address WHERE wallet_id = ? AND `index` = 0", fresh.id()))
                .isEqualTo(first);
        assertThat(fx.count("SELECT COUNT(*) FROM reinit_attempt WHERE outcome = 'READY'")).isEqualTo(6);

        // when: the same command again
        CommandRun rerun = fx.reinit(TestWallets.csv(dir, "w.csv", input), "--loader", "direct", "--network",
                "mainnet");
        // then: nothing is loaded twice
        assertThat(rerun.exitCode()).isEqualTo(1);
        assertThat(fx.report().get("skippedReady").asInt()).isEqualTo(7);
        assertThat(fx.report().get("invoked").asInt()).isZero();
    }

    @Test
    void should_load_again_a_wallet_whose_in_process_load_died_with_its_process() throws Exception {
        // given: a crashed direct run left a wallet creating with a fresh attempt
        fx = fixtures.open("direct_crash", dir);
        Wallet w = WALLETS.get(9);
        fx.insertWallet(w, "creating", 0);
        io.hathor.reinit.db.Journal journal = new io.hathor.reinit.db.Journal(fx.database);
        journal.createTablesIfAbsent();
        journal.recordInvocation("crashed", w.id(), java.time.Instant.now(), 0, "direct");
        // when
        CommandRun run = fx.reinit(TestWallets.csv(dir, "w.csv", List.of(w)), "--loader", "direct", "--network",
                "mainnet", "--timeout", "10m");
        // then: loaded at once, not polled until a ten-minute timeout
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(fx.report().get("invoked").asInt()).isEqualTo(1);
        assertThat(fx.status(w.id())).isEqualTo("ready");
    }
}

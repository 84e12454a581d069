package io.hathor.reinit.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hathor.reinit.db.Journal;
import io.hathor.reinit.lambda.DelayedStatusHandler;
import io.hathor.reinit.lambda.DelayedStatusHandler.Fate;
import io.hathor.reinit.support.CommandRun;
import io.hathor.reinit.support.PipelineFixture;
import io.hathor.reinit.support.PipelineFixtures;
import io.hathor.reinit.support.TestWallets;
import io.hathor.reinit.support.TestWallets.Wallet;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A rerun decides from the journal which earlier invocations may still be loading, and converges in one run. */
class RerunConvergenceIT {
    private static final List<Wallet> WALLETS = TestWallets.all();
    private static final Duration FAST = Duration.ofMillis(150);

    @TempDir
    Path dir;

    private PipelineFixture fx;

    @RegisterExtension
    final PipelineFixtures fixtures = new PipelineFixtures();

    @Test
    void should_invoke_at_once_the_wallets_whose_attempt_was_journaled_but_never_sent() throws Exception {
        // given: a run killed between writing its attempt rows and sending the Events
        fx = fixtures.open("never_sent", dir);
        Wallet a = WALLETS.get(0);
        Wallet b = WALLETS.get(1);
        Wallet lost = WALLETS.get(2);
        fx.serve(new DelayedStatusHandler(fx.dataSource, FAST, FAST,
                xpub -> xpub.equals(lost.xpubkey()) ? Fate.NEVER : Fate.READY));
        Journal journal = new Journal(fx.database);
        journal.createTablesIfAbsent();
        for (Wallet w : List.of(a, b, lost)) {
            fx.insertWallet(w, "creating", 0);
            journal.recordInvocation("killed", w.id(), Instant.now(), 0);
        }
        // when: rerun with a timeout far longer than the run needs
        long started = System.nanoTime();
        CommandRun run = fx.reinit(TestWallets.csv(dir, "w.csv", List.of(a, b, lost)), "--timeout", "4s");
        // then: invoked at once, not waited for; the reason of the one that never loads says why it was invoked
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
        for (Wallet w : List.of(a, b, lost)) {
            assertThat(fx.server().invocationCount(w.xpubkey())).as(w.id()).isEqualTo(1);
        }
        assertThat(fx.status(a.id())).isEqualTo("ready");
        assertThat(fx.status(b.id())).isEqualTo("ready");
        JsonNode report = fx.report();
        assertThat(report.get("outcomes").get(a.id()).asText()).isEqualTo("READY");
        assertThat(report.get("outcomes").get(lost.id()).asText()).isEqualTo("TIMEOUT");
        assertThat(report.get("reasons").get(lost.id()).asText()).contains("journaled but never sent");
        assertThat(fx.count("SELECT COUNT(*) FROM reinit_attempt WHERE run_id <> 'killed' AND sent_at_ms IS NULL"))
                .isZero();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void should_send_events_again_after_a_finished_run_and_a_reset_within_the_timeout() {
        // given: a finished run, then the wallet table emptied (a reset)
        fx = fixtures.open("reset_rerun", dir);
        fx.serve(DelayedStatusHandler.always(fx.dataSource, FAST, FAST, Fate.READY));
        List<Wallet> wallets = WALLETS.subList(0, 6);
        Path csv = TestWallets.csv(dir, "w.csv", wallets);
        CommandRun first = fx.reinit(csv, "--timeout", "10m");
        assertThat(first.exitCode()).as(first.out() + first.err()).isZero();
        fx.exec("DELETE FROM wallet");
        // when: the same command within its timeout
        CommandRun rerun = fx.reinit(csv, "--timeout", "10m");
        // then: every wallet is invoked again and ends ready
        assertThat(rerun.exitCode()).as(rerun.out() + rerun.err()).isZero();
        for (Wallet w : wallets) {
            assertThat(fx.status(w.id())).isEqualTo("ready");
            assertThat(fx.server().invocationCount(w.xpubkey())).as(w.id()).isEqualTo(2);
        }
        assertThat(fx.report().get("ready").asInt()).isEqualTo(6);
    }

    @Test
    void should_load_an_adopted_wallet_once_more_when_it_reaches_its_timeout_still_creating() throws Exception {
        // given: an earlier run's Event, sent just now, that was lost (the wallet stays creating)
        fx = fixtures.open("adopted_timeout", dir);
        fx.serve(DelayedStatusHandler.always(fx.dataSource, FAST, FAST, Fate.READY));
        Wallet w = WALLETS.get(0);
        fx.insertWallet(w, "creating", 0);
        Journal journal = new Journal(fx.database);
        journal.createTablesIfAbsent();
        Instant sent = Instant.now();
        long attempt = journal.recordInvocation("earlier", w.id(), sent, 0);
        journal.markSent(attempt, sent);
        // when
        CommandRun run = fx.reinit(TestWallets.csv(dir, "w.csv", List.of(w)), "--timeout", "30s");
        // then: polled until its timeout, then invoked once by this run
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(fx.server().invocationCount(w.xpubkey())).isEqualTo(1);
        assertThat(fx.server().invocations().get(0).at()).isAfterOrEqualTo(sent.plusSeconds(30));
        assertThat(fx.status(w.id())).isEqualTo("ready");
        assertThat(fx.queryString("SELECT outcome FROM reinit_attempt WHERE attempt_id = ?", attempt))
                .isEqualTo("TIMEOUT");
        assertThat(fx.queryString("SELECT outcome FROM reinit_attempt WHERE run_id <> 'earlier'")).isEqualTo("READY");
    }

    @Test
    void should_add_the_sent_column_to_an_older_journal_and_take_its_open_attempts_as_sent() throws Exception {
        // given: an attempt table as older versions created it, with one open Lambda attempt
        fx = fixtures.open("journal_upgrade", dir);
        Wallet w = WALLETS.get(0);
        fx.exec("""
                CREATE TABLE reinit_attempt (
                  attempt_id BIGINT NOT NULL AUTO_INCREMENT, run_id VARCHAR(40) NOT NULL, wallet_id VARCHAR(64) NOT NULL,
                  invoked_at_ms BIGINT NOT NULL, repaired_rows INT NOT NULL DEFAULT 0,
                  loader VARCHAR(16) NOT NULL DEFAULT 'lambda', outcome VARCHAR(20) NULL, outcome_at_ms BIGINT NULL,
                  detail VARCHAR(500) NULL, PRIMARY KEY (attempt_id)) ENGINE=InnoDB""");
        fx.exec("INSERT INTO reinit_attempt (run_id, wallet_id, invoked_at_ms) VALUES ('old', ?, 1700000000000)", w.id());
        Journal journal = new Journal(fx.database);
        // when
        journal.createTablesIfAbsent();
        journal.createTablesIfAbsent();
        // then
        Journal.LastAttempt last = journal.lastAttempts(List.of(w.id())).get(w.id());
        assertThat(last.sentAt()).isEqualTo(Instant.ofEpochMilli(1_700_000_000_000L));
        assertThat(last.openEvent()).isTrue();
    }
}

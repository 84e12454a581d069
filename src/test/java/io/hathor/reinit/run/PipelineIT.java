package io.hathor.reinit.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hathor.reinit.db.Journal;
import io.hathor.reinit.demo.LocalInvokeServer;
import io.hathor.reinit.lambda.DelayedStatusHandler;
import io.hathor.reinit.lambda.DelayedStatusHandler.Fate;
import io.hathor.reinit.lambda.FaultPlan;
import io.hathor.reinit.support.CommandRun;
import io.hathor.reinit.support.PipelineFixture;
import io.hathor.reinit.support.PipelineFixtures;
import io.hathor.reinit.support.TestWallets;
import io.hathor.reinit.support.TestWallets.Wallet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The main job end to end: real database server, real AWS SDK against a local Invoke API. */
class PipelineIT {
    private static final List<Wallet> WALLETS = TestWallets.all();
    private static final Duration FAST = Duration.ofMillis(150);

    @TempDir
    Path dir;

    private PipelineFixture fx;

    @RegisterExtension
    final PipelineFixtures fixtures = new PipelineFixtures();

    private PipelineFixture fixture(String name) {
        fx = fixtures.open(name, dir);
        return fx;
    }

    @Test
    void should_load_every_wallet_to_ready() {
        // given
        fixture("all_ready").serve(DelayedStatusHandler.always(fx.dataSource, FAST, FAST, Fate.READY));
        Path csv = TestWallets.csv(dir, "wallets.csv", WALLETS);
        // when
        CommandRun run = fx.reinit(csv);
        // then
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode report = fx.report();
        assertThat(report.get("ready").asInt()).isEqualTo(12);
        assertThat(report.get("invoked").asInt()).isEqualTo(12);
        assertThat(report.get("aborted").asBoolean()).isFalse();
        assertThat(report.get("failedWalletsFile").isNull()).isTrue();
        assertThat(fx.count("SELECT COUNT(*) FROM wallet WHERE status = 'ready'")).isEqualTo(12);
        for (Wallet w : WALLETS) {
            assertThat(fx.server().invocationCount(w.xpubkey())).isEqualTo(1);
            assertThat(fx.server().invocations().stream().filter(i -> i.xpubkey().equals(w.xpubkey())).findFirst()
                    .orElseThrow().rawPayload()).isEqualTo("{\"xpubkey\":\"" + w.xpubkey() + "\",\"maxGap\":20}");
        }
        assertThat(run.out()).contains("READY:          12");
        assertThat(run.out()).doesNotContain(WALLETS.get(0).xpubkey());
    }

    @Test
    void should_report_errors_and_write_a_failed_file_that_reads_back() throws Exception {
        // given
        Set<String> failing = Set.of(WALLETS.get(0).xpubkey(), WALLETS.get(1).xpubkey(), WALLETS.get(2).xpubkey());
        fixture("some_error").serve(new DelayedStatusHandler(fx.dataSource, FAST, FAST,
                xpub -> failing.contains(xpub) ? Fate.ERROR : Fate.READY));
        Path csv = TestWallets.csv(dir, "wallets.csv", WALLETS);
        // when
        CommandRun first = fx.reinit(csv);
        // then
        assertThat(first.exitCode()).isEqualTo(1);
        JsonNode report = fx.report();
        assertThat(report.get("error").asInt()).isEqualTo(3);
        assertThat(report.get("ready").asInt()).isEqualTo(9);
        Path failed = Path.of(report.get("failedWalletsFile").asText());
        List<String> lines = Files.readAllLines(failed);
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).contains("reason").contains("xpubkey");
        assertThat(String.join("\n", lines)).contains(WALLETS.get(0).xpubkey());

        // when the failed file is fed back and the loads now succeed
        fx.server().close();
        fx.serve(DelayedStatusHandler.always(fx.dataSource, FAST, FAST, Fate.READY));
        CommandRun retry = fx.reinit(failed);
        // then
        assertThat(retry.exitCode()).as(retry.err()).isZero();
        assertThat(fx.report().get("ready").asInt()).isEqualTo(3);
        assertThat(fx.report().get("total").asInt()).isEqualTo(3);
        assertThat(fx.count("SELECT COUNT(*) FROM wallet WHERE status = 'ready'")).isEqualTo(12);
    }

    @Test
    void should_time_out_a_silent_wallet_and_count_a_late_completion_as_ready() {
        // given: one wallet never completes, one completes after its timeout but before the run ends
        Wallet late = WALLETS.get(0);
        Wallet silent = WALLETS.get(1);
        fixture("timeout").serve(invocation -> {
            String xpub = invocation.xpubkey();
            if (xpub.equals(silent.xpubkey())) {
                return;
            }
            Duration delay = xpub.equals(late.xpubkey()) ? Duration.ofMillis(1500) : FAST;
            DelayedStatusHandler.always(fx.dataSource, delay, delay, Fate.READY).onEvent(invocation);
        });
        // one wallet at a time, late first: the others keep the run going past the late completion
        Path csv = TestWallets.csv(dir, "wallets.csv", WALLETS);
        // when
        CommandRun run = fx.reinit(csv, "--timeout", "1s", "--batch-size", "1");
        // then
        assertThat(run.exitCode()).isEqualTo(1);
        JsonNode report = fx.report();
        assertThat(report.get("outcomes").get(silent.id()).asText()).isEqualTo("TIMEOUT");
        assertThat(report.get("outcomes").get(late.id()).asText()).as(run.out() + run.err()).isEqualTo("READY");
        assertThat(report.get("timeout").asInt()).isEqualTo(1);
        assertThat(report.get("ready").asInt()).isEqualTo(11);
        assertThat(report.get("invokeFailed").asInt()).isZero();
    }

    @Test
    void should_absorb_throttling_and_server_errors() {
        // given
        fixture("throttle").serve(DelayedStatusHandler.always(fx.dataSource, FAST, FAST, Fate.READY));
        fx.faults().injectFaults(FaultPlan.status(429).times(6));
        Path csv = TestWallets.csv(dir, "wallets.csv", WALLETS.subList(0, 6));
        // when
        CommandRun throttled = fx.reinit(csv);
        // then
        assertThat(throttled.exitCode()).as(throttled.err()).isZero();
        assertThat(fx.report().get("ready").asInt()).isEqualTo(6);

        // given 5xx answers for the next wallets
        fx.faults().injectFaults(FaultPlan.status(500).times(4));
        Path more = TestWallets.csv(dir, "more.csv", WALLETS.subList(6, 12));
        // when
        CommandRun errors = fx.reinit(more);
        // then
        assertThat(errors.exitCode()).as(errors.err()).isZero();
        assertThat(fx.report().get("ready").asInt()).isEqualTo(6);
        for (Wallet w : WALLETS) {
            assertThat(fx.server().invocationCount(w.xpubkey())).isEqualTo(1);
        }
    }

    @Test
    void should_mark_a_wallet_invoke_failed_and_restore_its_row_when_invocations_keep_failing() {
        // given a wallet in error whose invocations all fail
        Wallet w = WALLETS.get(3);
        fixture("invoke_failed").serve(DelayedStatusHandler.always(fx.dataSource, FAST, FAST, Fate.READY));
        fx.insertWallet(w, "error", 2);
        fx.faults().injectFaults(FaultPlan.status(500).forDuration(Duration.ofMinutes(5)));
        // when
        CommandRun run = fx.reinit(TestWallets.csv(dir, "one.csv", List.of(w)));
        // then
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(fx.report().get("outcomes").get(w.id()).asText()).isEqualTo("INVOKE_FAILED");
        assertThat(fx.report().get("timeout").asInt()).isZero();
        assertThat(fx.status(w.id())).isEqualTo("error");
        assertThat(fx.retryCount(w.id())).isEqualTo(2);
        // the attempt is closed, so a rerun does not take it for a live invocation
        assertThat(fx.queryString("SELECT outcome FROM reinit_attempt WHERE wallet_id = ?", w.id()))
                .isEqualTo("INVOKE_FAILED");
    }

    @Test
    void should_abort_with_exit_2_and_touch_nothing_when_the_function_does_not_exist() {
        // given
        fixture("not_found").serve(DelayedStatusHandler.always(fx.dataSource, FAST, FAST, Fate.READY));
        fx.server().setFunctionExists(false);
        // when
        CommandRun run = fx.reinit(TestWallets.csv(dir, "wallets.csv", WALLETS));
        // then
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip().lines().count()).isEqualTo(1);
        assertThat(run.err()).contains(PipelineFixture.FUNCTION);
        assertThat(fx.count("SELECT COUNT(*) FROM wallet")).isZero();
        assertThat(fx.server().invocations()).isEmpty();
    }

    @Test
    void should_resume_after_a_crash_without_invoking_live_or_ready_wallets_again() throws Exception {
        // given: the state a crashed run leaves behind
        Wallet live = WALLETS.get(0);
        Wallet stale = WALLETS.get(1);
        Wallet ready = WALLETS.get(2);
        Wallet fresh = WALLETS.get(3);
        // the live invocation completes on its own while the run is under way (when the run invokes others)
        fixture("resume").serve(invocation -> {
            fx.exec("UPDATE wallet SET status = 'ready' WHERE id = ?", live.id());
            DelayedStatusHandler.always(fx.dataSource, FAST, FAST, Fate.READY).onEvent(invocation);
        });
        fx.insertWallet(live, "creating", 0);
        fx.insertWallet(stale, "creating", 0);
        fx.insertWallet(ready, "ready", 0);
        Journal journal = new Journal(fx.database);
        journal.createTablesIfAbsent();
        long now = System.currentTimeMillis();
        long liveAttempt = journal.recordInvocation("crashed", live.id(), java.time.Instant.ofEpochMilli(now), 0);
        journal.markSent(liveAttempt, java.time.Instant.ofEpochMilli(now));
        long staleAttempt = journal.recordInvocation("crashed", stale.id(), java.time.Instant.ofEpochMilli(now - 3_600_000), 0);
        journal.markSent(staleAttempt, java.time.Instant.ofEpochMilli(now - 3_600_000));
        // when
        CommandRun run = fx.reinit(TestWallets.csv(dir, "wallets.csv", List.of(live, stale, ready, fresh)));
        // then
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(fx.server().invocationCount(live.xpubkey())).isZero();
        assertThat(fx.server().invocationCount(ready.xpubkey())).isZero();
        assertThat(fx.server().invocationCount(stale.xpubkey())).isEqualTo(1);
        assertThat(fx.server().invocationCount(fresh.xpubkey())).isEqualTo(1);
        JsonNode outcomes = fx.report().get("outcomes");
        assertThat(outcomes.get(live.id()).asText()).isEqualTo("READY");
        assertThat(outcomes.get(ready.id()).asText()).isEqualTo("SKIPPED_READY");
        // the adopted wallet's end is written to the attempt that started it
        assertThat(fx.queryString("SELECT outcome FROM reinit_attempt WHERE run_id = 'crashed' AND wallet_id = ?",
                live.id())).isEqualTo("READY");
    }

    @Test
    void should_report_conflicts_and_never_invoke_them() {
        // given: the id exists with another xpubkey
        Wallet w = WALLETS.get(4);
        fixture("conflict").serve(DelayedStatusHandler.always(fx.dataSource, FAST, FAST, Fate.READY));
        fx.exec("INSERT INTO wallet (id, xpubkey, status, max_gap, created_at, auth_xpubkey)"
                + " VALUES (?, ?, 'error', 20, 1, ?)", w.id(), WALLETS.get(5).xpubkey(), w.authXpubkey());
        // when
        CommandRun run = fx.reinit(TestWallets.csv(dir, "wallets.csv", List.of(w, WALLETS.get(6))));
        // then
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(fx.report().get("conflicts").asInt()).isEqualTo(1);
        assertThat(fx.report().get("outcomes").get(w.id()).asText()).isEqualTo("CONFLICT");
        assertThat(fx.server().invocationCount(WALLETS.get(5).xpubkey())).isZero();
        assertThat(fx.status(w.id())).isEqualTo("error");
    }

    @Test
    void should_retry_wallets_from_a_list_of_ids_and_respect_the_retry_cap() {
        // given
        fixture("ids").serve(DelayedStatusHandler.always(fx.dataSource, FAST, FAST, Fate.READY));
        fx.insertWallet(WALLETS.get(0), "error", 1);
        fx.insertWallet(WALLETS.get(1), "error", 5);
        fx.insertWallet(WALLETS.get(2), "ready", 0);
        Path ids = TestWallets.idList(dir, "failed.txt", WALLETS.subList(0, 3));
        // when
        CommandRun run = fx.reinit(ids);
        // then
        assertThat(run.exitCode()).isEqualTo(1);
        JsonNode outcomes = fx.report().get("outcomes");
        assertThat(outcomes.get(WALLETS.get(0).id()).asText()).isEqualTo("READY");
        assertThat(outcomes.get(WALLETS.get(1).id()).asText()).isEqualTo("ERROR");
        assertThat(outcomes.get(WALLETS.get(2).id()).asText()).isEqualTo("SKIPPED_READY");
        assertThat(fx.server().invocationCount(WALLETS.get(1).xpubkey())).isZero();

        // when forced
        CommandRun forced = fx.reinit(ids, "--force-retry");
        // then
        assertThat(forced.exitCode()).as(forced.err()).isZero();
        assertThat(fx.status(WALLETS.get(1).id())).isEqualTo("ready");
    }

    @Test
    void should_give_the_same_result_with_batch_and_window_schedules() {
        for (String schedule : new String[] {"batch", "window"}) {
            // given
            fixture("schedule_" + schedule).serve(DelayedStatusHandler.always(fx.dataSource, Duration.ofMillis(50),
                    Duration.ofMillis(400), Fate.READY));
            // when
            CommandRun run = fx.reinit(TestWallets.csv(dir, schedule + ".csv", WALLETS), "--schedule", schedule,
                    "--batch-size", "4", "--batch-delay", "100ms");
            // then
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(fx.report().get("ready").asInt()).isEqualTo(12);
            assertThat(WALLETS.stream().map(w -> fx.server().invocationCount(w.xpubkey())).collect(Collectors.toSet()))
                    .containsExactly(1);
            fx.close();
            fx = null;
        }
    }

    @Test
    void should_refuse_to_start_when_a_pre_run_check_fails_unless_told_to_skip_them() {
        // given: the HTR token row is missing (the daemon would lose its counts)
        fixture("checks").serve(DelayedStatusHandler.always(fx.dataSource, FAST, FAST, Fate.READY));
        fx.exec("DELETE FROM token WHERE id = '00'");
        Path csv = TestWallets.csv(dir, "wallets.csv", WALLETS.subList(0, 2));
        // when
        CommandRun refused = fx.reinit(csv);
        // then
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("FAIL  HTR token row", "refusing to start", "--skip-checks");
        assertThat(fx.count("SELECT COUNT(*) FROM wallet")).isZero();
        assertThat(fx.server().invocations()).isEmpty();

        // when
        CommandRun skipped = fx.reinit(csv, "--skip-checks");
        // then
        assertThat(skipped.exitCode()).as(skipped.err()).isZero();
        assertThat(fx.report().get("ready").asInt()).isEqualTo(2);
    }

    @Test
    void should_still_report_what_was_done_when_the_function_disappears_mid_run() throws Exception {
        // given: the function is deleted after the third invocation
        java.util.concurrent.atomic.AtomicInteger events = new java.util.concurrent.atomic.AtomicInteger();
        fixture("mid_run_config").serve(invocation -> {
            if (events.incrementAndGet() == 3) {
                fx.server().setFunctionExists(false);
            }
            DelayedStatusHandler.always(fx.dataSource, FAST, FAST, Fate.READY).onEvent(invocation);
        });
        // when
        CommandRun run = fx.reinit(TestWallets.csv(dir, "wallets.csv", WALLETS), "--batch-size", "1");
        // then: exit 2 with one line, and the report of the wallets done before it
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Function not found");
        JsonNode report = fx.report();
        assertThat(report.get("aborted").asBoolean()).isTrue();
        assertThat(report.get("ready").asInt()).isEqualTo(3);
        assertThat(report.get("notFinished").size()).isEqualTo(9);
        assertThat(fx.count("SELECT COUNT(*) FROM wallet WHERE status = 'creating'")).isEqualTo(9);
        // the ids are listed in a file of their own too, one per line, the same as in the report
        java.util.List<String> listed = java.nio.file.Files.readAllLines(
                java.nio.file.Path.of(report.get("notFinishedFile").asText()));
        assertThat(listed).hasSize(9);
        report.get("notFinished").forEach(id -> assertThat(listed).contains(id.asText()));
        assertThat(run.out()).contains("not finished:   9 in ");
    }
}

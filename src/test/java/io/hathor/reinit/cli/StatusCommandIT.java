package io.hathor.reinit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hathor.reinit.db.Journal;
import io.hathor.reinit.support.CommandRun;
import io.hathor.reinit.support.PipelineFixture;
import io.hathor.reinit.support.PipelineFixtures;
import io.hathor.reinit.support.RunbookCommands;
import io.hathor.reinit.support.TestWallets;
import io.hathor.reinit.support.TestWallets.Wallet;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class StatusCommandIT {
    private static final List<Wallet> WALLETS = TestWallets.all();

    @TempDir
    Path dir;

    private PipelineFixture fx;

    @RegisterExtension
    final PipelineFixtures fixtures = new PipelineFixtures();

    @Test
    void should_show_counts_coverage_stuck_repairable_and_the_running_run() throws Exception {
        // given: 3 ready, 1 error holding history (repairable), 2 creating (one invoked just now, one not yet invoked
        // though created an hour ago), 1 missing; a run of 6 wallets with 3 invoked
        fx = fixtures.open("status", dir);
        long nowSeconds = Instant.now().getEpochSecond();
        for (int i = 0; i < 6; i++) {
            Wallet w = WALLETS.get(i);
            String status = i < 3 ? "ready" : i == 3 ? "error" : "creating";
            fx.exec("INSERT INTO wallet (id, xpubkey, status, max_gap, created_at, auth_xpubkey) VALUES (?, ?, ?, 20, ?, ?)",
                    w.id(), w.xpubkey(), status, nowSeconds - 3600, w.authXpubkey());
        }
        fx.exec("INSERT INTO wallet_tx_history (wallet_id, token_id, tx_id, balance, timestamp) VALUES (?, '00', 't', 1, 1)",
                WALLETS.get(3).id());
        Journal journal = new Journal(fx.database);
        journal.createTablesIfAbsent();
        Instant started = Instant.now().minusSeconds(120);
        journal.startRun("run-1", started, "host-a", null, "{}");
        journal.recordPlan("run-1", 6, 0, 0, 0);
        long a1 = journal.recordInvocation("run-1", WALLETS.get(0).id(), started.plusSeconds(1), 0);
        long a2 = journal.recordInvocation("run-1", WALLETS.get(1).id(), started.plusSeconds(2), 0);
        journal.recordInvocation("run-1", WALLETS.get(5).id(), Instant.now(), 0);
        journal.recordOutcome(a1, "READY", started.plusSeconds(30), null);
        journal.recordOutcome(a2, "READY", started.plusSeconds(40), null);
        Path csv = TestWallets.csv(dir, "seven.csv", WALLETS.subList(0, 7));
        // when
        CommandRun run = new RunbookCommands(fx).run("status", "--csv", csv.toString(), "--timeout", "10m");
        CommandRun json = new RunbookCommands(fx).run("status", "--csv", csv.toString(), "--json");
        // then
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("wallets:    6 (creating 2, ready 3, error 1)",
                "7 wallets, ready 3 (42.86%), creating 2, error 1, missing 1",
                "stuck:      0 creating longer than 600s", "not invoked: 1 creating",
                "repairable: 1", "run-1 running on host-a", "2/6 done, 1 loading, 3 not yet invoked, 3 attempts");
        assertThat(run.out()).doesNotContain(WALLETS.get(4).id()).doesNotContain(WALLETS.get(5).id());
        JsonNode report = new ObjectMapper().readTree(json.out());
        assertThat(report.get("coverage").get("missing").asLong()).isEqualTo(1);
        assertThat(report.get("stuck").asLong()).isZero();
        assertThat(report.get("notInvoked").asLong()).isEqualTo(1);
        assertThat(report.get("repairable").asLong()).isEqualTo(1);
        assertThat(report.get("run").get("done").asLong()).isEqualTo(2);
        assertThat(report.get("run").get("total").asLong()).isEqualTo(6);
        assertThat(report.get("run").get("notYetInvoked").asLong()).isEqualTo(3);
        assertThat(report.get("run").get("etaSeconds").isNumber()).isTrue();
    }

    @Test
    void should_show_an_empty_database_without_a_journal() {
        // given
        fx = fixtures.open("status_empty", dir);
        // when
        CommandRun run = new RunbookCommands(fx).run("status");
        // then
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("wallets:    0", "run:        none in the journal");
    }

    @Test
    void should_show_a_finished_run() throws Exception {
        // given
        fx = fixtures.open("status_done", dir);
        Journal journal = new Journal(fx.database);
        journal.createTablesIfAbsent();
        Instant started = Instant.now().minusSeconds(600);
        journal.startRun("run-2", started, "host-b", null, "{}");
        journal.finishRun("run-2", started.plusSeconds(300), "finished",
                new Journal.RunCounts(10, 9, 1, 0, 0, 0, 0, 0, 2), null);
        // when
        CommandRun run = new RunbookCommands(fx).run("status", "--json");
        // then
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("\"state\" : \"finished\"", "\"walletsPerMinute\" : 2.0", "\"repaired\" : 2");
    }
}

package io.hathor.reinit.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import io.hathor.reinit.db.ServerInspection;
import io.hathor.reinit.db.ServerInspection.ServerFacts;
import org.junit.jupiter.api.Test;

class ServerSettingsCheckTest {
    private static final String MYSQL8_MODE = "ONLY_FULL_GROUP_BY,STRICT_TRANS_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,"
            + "ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION";

    private static ServerFacts mysql(int maxConnections, int threadsConnected, boolean logBin, String binlogFormat,
            String isolation) {
        return new ServerFacts("8.0.39", "MySQL Community Server - GPL", "10.0.3.7", "", maxConnections, 0,
                threadsConnected, logBin, binlogFormat, MYSQL8_MODE, isolation);
    }

    private static final RunPlan LAMBDA_50 = new RunPlan(false, 50, 4);

    @Test
    void should_pass_a_window_that_fits_beside_the_others_and_the_headroom() {
        // given: 50 loads + pool 36 + lock 1 + headroom 20 = 107; 151 - 44 others = 107 free
        ServerFacts facts = mysql(151, 45, true, "ROW", "REPEATABLE-READ");
        // when
        CheckResult r = Checks.connections(facts, LAMBDA_50);
        // then
        assertThat(r.level()).isEqualTo(CheckResult.Level.PASS);
        assertThat(r.detail()).contains("max_connections 151, 44 in use by others", "needs 87", "headroom 20");
    }

    @Test
    void should_fail_a_window_that_does_not_fit_and_name_the_largest_batch_size_that_does() {
        // given: 25 connections, 3 in use by others: 22 free, 2 left after the headroom (a window of 1 needs 7)
        ServerFacts small = mysql(25, 4, true, "ROW", "REPEATABLE-READ");
        ServerFacts medium = mysql(100, 11, true, "ROW", "REPEATABLE-READ");
        // when
        CheckResult none = Checks.connections(small, LAMBDA_50);
        CheckResult some = Checks.connections(medium, LAMBDA_50);
        // then: 90 free - 20 headroom = 70 = b + min(b, 32) + 5 -> b = 33
        assertThat(none.level()).isEqualTo(CheckResult.Level.FAIL);
        assertThat(none.detail()).contains("no --batch-size fits");
        assertThat(some.level()).isEqualTo(CheckResult.Level.FAIL);
        assertThat(some.detail()).endsWith("--batch-size 33 is the largest that fits");
        assertThat(new RunPlan(false, 33, 1).connections() + RunPlan.HEADROOM).isEqualTo(90);
    }

    @Test
    void should_count_the_workers_of_the_direct_loader_and_name_the_largest_workers() {
        // given: 30 free, 10 after the headroom = workers + 2 + 1 -> 7 workers
        ServerFacts facts = mysql(40, 11, false, "ROW", "REPEATABLE-READ");
        // when
        CheckResult r = Checks.connections(facts, new RunPlan(true, 50, 16));
        // then
        assertThat(r.level()).isEqualTo(CheckResult.Level.FAIL);
        assertThat(r.detail()).contains("pool 18 (16 workers) + run lock 1").endsWith("--workers 7 is the largest that fits");
    }

    @Test
    void should_fail_when_the_account_may_not_open_the_tools_own_connections() {
        // given: the account may open 10 connections; pool 36 + run lock 1
        ServerFacts facts = new ServerFacts("8.0.39", "MySQL Community Server - GPL", "10.0.3.7", "", 1000, 10, 5,
                false, "ROW", MYSQL8_MODE, "REPEATABLE-READ");
        // when
        CheckResult r = Checks.connections(facts, LAMBDA_50);
        // then
        assertThat(r.level()).isEqualTo(CheckResult.Level.FAIL);
        assertThat(r.detail()).contains("max_user_connections 10", "need 37");
    }

    @Test
    void should_fail_statement_binlog_for_the_direct_loader_only() {
        // given
        ServerFacts facts = mysql(151, 5, true, "STATEMENT", "REPEATABLE-READ");
        // when
        CheckResult direct = Checks.binlog(facts, new RunPlan(true, 50, 4));
        CheckResult lambda = Checks.binlog(facts, LAMBDA_50);
        // then
        assertThat(direct.level()).isEqualTo(CheckResult.Level.FAIL);
        assertThat(direct.detail()).contains("1665", "binlog_format ROW", "--loader lambda");
        assertThat(lambda.level()).isEqualTo(CheckResult.Level.PASS);
        assertThat(lambda.detail()).contains("--loader direct would be refused");
    }

    @Test
    void should_fail_statement_binlog_for_every_loader_when_the_server_defaults_to_read_committed() {
        // when
        CheckResult r = Checks.binlog(mysql(151, 5, true, "STATEMENT", "READ-COMMITTED"), LAMBDA_50);
        // then
        assertThat(r.level()).isEqualTo(CheckResult.Level.FAIL);
        assertThat(r.detail()).contains("READ-COMMITTED", "1665");
    }

    @Test
    void should_pass_row_or_mixed_binlog_and_no_binlog_for_the_direct_loader() {
        // given
        RunPlan direct = new RunPlan(true, 50, 4);
        // then
        assertThat(Checks.binlog(mysql(151, 5, true, "ROW", "REPEATABLE-READ"), direct).level())
                .isEqualTo(CheckResult.Level.PASS);
        assertThat(Checks.binlog(mysql(151, 5, true, "MIXED", "REPEATABLE-READ"), direct).level())
                .isEqualTo(CheckResult.Level.PASS);
        assertThat(Checks.binlog(mysql(151, 5, false, "STATEMENT", "READ-COMMITTED"), direct).detail())
                .isEqualTo("log_bin OFF");
    }

    @Test
    void should_warn_about_an_unencrypted_remote_mysql8_connection_with_the_fix() {
        // when
        CheckResult remote = Checks.encryption(mysql(151, 5, true, "ROW", "REPEATABLE-READ"));
        CheckResult tls = Checks.encryption(new ServerFacts("8.4.3", "MySQL Community Server - GPL", "10.0.3.7",
                "TLS_AES_128_GCM_SHA256", 151, 0, 5, true, "ROW", MYSQL8_MODE, "REPEATABLE-READ"));
        CheckResult local = Checks.encryption(new ServerFacts("11.4.5-MariaDB", "MariaDB Server", "localhost", "",
                151, 0, 5, false, "MIXED", MYSQL8_MODE, "REPEATABLE-READ"));
        // then
        assertThat(remote.level()).isEqualTo(CheckResult.Level.WARN);
        assertThat(remote.detail()).contains("--db-ssl-mode REQUIRED", "caching_sha2_password",
                "allowPublicKeyRetrieval=true");
        assertThat(tls.level()).isEqualTo(CheckResult.Level.PASS);
        assertThat(tls.detail()).contains("TLS_AES_128_GCM_SHA256");
        assertThat(local.level()).isEqualTo(CheckResult.Level.PASS);
    }

    @Test
    void should_report_flavor_version_and_sql_mode() {
        // when
        var results = Checks.serverSettings(new ServerFacts("11.4.5-MariaDB-log", "MariaDB Server", "127.0.0.1", "",
                500, 0, 3, true, "MIXED", MYSQL8_MODE, "REPEATABLE-READ"), LAMBDA_50);
        // then
        assertThat(results).extracting(CheckResult::name).containsExactly(Checks.SERVER, Checks.TLS,
                Checks.CONNECTIONS, Checks.BINLOG, Checks.SQL_MODE);
        assertThat(results.get(0).detail()).isEqualTo("MariaDB 11.4.5 (MariaDB Server)");
        assertThat(results.get(4).detail()).isEqualTo(MYSQL8_MODE);
    }

    @Test
    void should_pass_a_buffer_pool_that_holds_the_load_tables() {
        // given: 1 GB against 310 MB
        ServerInspection.Memory memory = new ServerInspection.Memory(1L << 30, 310L << 20);
        // when
        CheckResult r = Checks.bufferPool(memory, new RunPlan(true, 50, 2));
        // then
        assertThat(r.level()).isEqualTo(CheckResult.Level.PASS);
        assertThat(r.detail()).startsWith("innodb_buffer_pool_size 1024 MB, the address and wallet tables with their"
                + " indexes 310 MB");
    }

    @Test
    void should_warn_when_the_buffer_pool_is_smaller_than_the_load_tables() {
        // given: the embedded server's 128 MB against 310 MB
        ServerInspection.Memory memory = new ServerInspection.Memory(128L << 20, 310L << 20);
        // when
        CheckResult direct = Checks.bufferPool(memory, new RunPlan(true, 50, 2));
        CheckResult lambda = Checks.bufferPool(memory, LAMBDA_50);
        // then
        assertThat(direct.level()).isEqualTo(CheckResult.Level.WARN);
        assertThat(direct.detail()).contains("128 MB", "310 MB", "in-process loader reads pages back from disk");
        assertThat(lambda.level()).isEqualTo(CheckResult.Level.WARN);
        assertThat(lambda.detail()).contains("the loads read pages back from disk").doesNotContain("in-process");
    }
}

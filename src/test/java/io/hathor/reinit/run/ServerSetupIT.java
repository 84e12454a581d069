package io.hathor.reinit.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hathor.reinit.support.CommandRun;
import io.hathor.reinit.support.DedicatedServer;
import io.hathor.reinit.support.TestWallets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server set up the way that breaks runs (a server of its own, not the shared test server): binary logging in
 * STATEMENT format, which refuses every write of a READ COMMITTED transaction with error 1665, and room for only 40
 * connections.
 */
class ServerSetupIT {
    @RegisterExtension
    static final DedicatedServer SERVER = DedicatedServer.withOptions("--log-bin", "--binlog-format=STATEMENT",
            "--max-connections=40");

    @TempDir
    Path dir;

    private static String newSchema(String name) throws Exception {
        return SERVER.newSchema(name);
    }

    private static CommandRun command(String url, String... args) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.addAll(List.of("--db-url", url, "--db-user", "root"));
        return CommandRun.of(all.toArray(String[]::new));
    }

    private CommandRun directRun(String url, String... extra) {
        List<String> args = new ArrayList<>(List.of("--csv", TestWallets.csv(dir, "w.csv", TestWallets.all()).toString(),
                "--loader", "direct", "--workers", "2", "--network", "mainnet", "--log-dir",
                dir.resolve("logs").toString(), "--report-json", dir.resolve("report.json").toString(),
                "--polling-interval", "200ms"));
        args.addAll(Arrays.asList(extra));
        return command(url, args.toArray(String[]::new));
    }

    private static List<String> walletStates(String url) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, "root", "");
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT status, retry_count FROM wallet ORDER BY id")) {
            while (rs.next()) {
                out.add(rs.getString(1) + "/" + rs.getInt(2));
            }
        }
        return out;
    }

    @Test
    void should_fail_the_check_of_a_direct_run_on_statement_binlog() throws Exception {
        // given
        String url = newSchema("setup_check_direct");
        // when
        CommandRun direct = command(url, "check", "--skip-lambda", "--loader", "direct", "--workers", "2");
        CommandRun lambda = command(url, "check", "--skip-lambda", "--batch-size", "2");
        // then
        assertThat(direct.exitCode()).as(direct.out() + direct.err()).isEqualTo(1);
        assertThat(direct.out()).containsPattern("FAIL +binary log +log_bin ON, binlog_format STATEMENT: .*1665")
                .contains("PASS  connections");
        assertThat(lambda.exitCode()).as(lambda.out() + lambda.err()).isZero();
        assertThat(lambda.out()).containsPattern("PASS +binary log +.*--loader direct would be refused");
    }

    @Test
    void should_fail_a_batch_size_that_does_not_fit_and_name_the_largest_that_does() throws Exception {
        // given: 40 connections, each Lambda load holds one, the pool holds one per launch, 20 kept for the others
        String url = newSchema("setup_check_connections");
        // when
        CommandRun run = command(url, "check", "--skip-lambda", "--batch-size", "50");
        // then
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.out()).containsPattern("FAIL +connections +max_connections 40, \\d+ in use by others; the run"
                + " needs 87 \\(50 Lambda loads \\+ pool 36 \\+ run lock 1\\) \\+ headroom 20 for the daemon and the"
                + " API: --batch-size [1-7] is the largest that fits");
    }

    @Test
    void should_refuse_a_direct_run_on_statement_binlog_before_writing_anything() throws Exception {
        // given
        String url = newSchema("setup_refuse");
        // when
        CommandRun run = directRun(url);
        // then
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(run.err()).contains("FAIL  binary log", "refusing to start");
        assertThat(walletStates(url)).isEmpty();
    }

    @Test
    void should_abort_without_marking_any_wallet_when_the_server_refuses_the_loads() throws Exception {
        // given: the checks are skipped, so the loads meet error 1665
        String url = newSchema("setup_skip_checks");
        // when
        CommandRun run = directRun(url, "--skip-checks");
        // then: the run stops; no wallet is error and no retry_count moved
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(3);
        assertThat(walletStates(url)).hasSize(TestWallets.all().size()).allMatch(s -> s.equals("creating/0"));
        JsonNode report = new ObjectMapper().readTree(dir.resolve("report.json").toFile());
        assertThat(report.get("aborted").asBoolean()).isTrue();
        assertThat(report.get("error").asInt()).isZero();
        assertThat(report.get("abortReason").asText()).contains("1665", "no wallet was marked error");
    }
}

package io.hathor.reinit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.hathor.reinit.demo.LocalInvokeServer;
import io.hathor.reinit.support.CommandRun;
import io.hathor.reinit.support.PipelineFixture;
import io.hathor.reinit.support.PipelineFixtures;
import io.hathor.reinit.support.RunbookCommands;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class CheckCommandIT {
    @TempDir
    Path dir;

    private PipelineFixture fx;
    private RunbookCommands reinit;
    private HttpServer fullnode;
    private final AtomicLong latestEventId = new AtomicLong();

    @RegisterExtension
    final PipelineFixtures fixtures = new PipelineFixtures();

    @AfterEach
    void stopFullnode() {
        if (fullnode != null) {
            fullnode.stop(0);
        }
    }

    private void healthy(String name) {
        fx = fixtures.open(name, dir);
        reinit = new RunbookCommands(fx);
        fx.exec("REPLACE INTO sync_metadata (id, last_event_id) VALUES (0, 1000)");
    }

    private String startFullnode() throws Exception {
        fullnode = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        fullnode.createContext("/v1a/event", exchange -> {
            byte[] body = ("{\"latest_event_id\": " + latestEventId.get() + ", \"events\": []}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        fullnode.start();
        return "http://127.0.0.1:" + fullnode.getAddress().getPort();
    }

    @Test
    void should_pass_a_healthy_database() {
        // given
        healthy("check_ok");
        // when
        CommandRun run = reinit.run("check", "--skip-lambda");
        // then
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("PASS  database reachable", "PASS  table wallet", "PASS  table sync_metadata",
                "last_event_id 1000", "PASS  HTR token row", "WARN  Lambda function", "PASS  run lock", "0 FAIL");
        assertThat(run.out()).contains("PASS  server", "PASS  connection encryption", "PASS  connections",
                "PASS  binary log", "PASS  sql_mode").contains("ONLY_FULL_GROUP_BY", "STRICT_TRANS_TABLES");
        assertThat(run.out()).containsPattern("PASS +buffer pool +innodb_buffer_pool_size \\d+ MB, the address and"
                + " wallet tables with their indexes \\d+ MB");
    }

    @Test
    void should_fail_a_planned_window_the_server_cannot_hold() {
        // given: the test server allows 500 connections
        healthy("check_window");
        // when
        CommandRun lambda = reinit.run("check", "--skip-lambda", "--batch-size", "1000");
        CommandRun direct = reinit.run("check", "--skip-lambda", "--loader", "direct", "--workers", "1000");
        // then
        assertThat(lambda.exitCode()).as(lambda.out() + lambda.err()).isEqualTo(1);
        assertThat(lambda.out()).containsPattern("FAIL +connections +max_connections 500, .*1000 Lambda loads.*"
                + "--batch-size \\d+ is the largest that fits");
        assertThat(direct.exitCode()).as(direct.out() + direct.err()).isEqualTo(1);
        assertThat(direct.out()).containsPattern("FAIL +connections +.*\\(1000 workers\\).*--workers \\d+ is the"
                + " largest that fits");
    }

    @Test
    void should_fail_without_the_htr_row_and_print_json() throws Exception {
        // given
        healthy("check_htr");
        fx.exec("DELETE FROM token WHERE id = '00'");
        // when
        CommandRun text = reinit.run("check", "--skip-lambda");
        CommandRun json = reinit.run("check", "--skip-lambda", "--json");
        // then
        assertThat(text.exitCode()).isEqualTo(1);
        assertThat(text.out()).contains("FAIL  HTR token row", "seed-htr");
        JsonNode report = new ObjectMapper().readTree(json.out());
        assertThat(json.exitCode()).isEqualTo(1);
        assertThat(report.get("passed").asBoolean()).isFalse();
        assertThat(report.get("results").findValuesAsText("level")).contains("FAIL");
    }

    @Test
    void should_fail_a_missing_column_and_a_missing_sync_row() {
        // given
        healthy("check_column");
        fx.exec("ALTER TABLE wallet DROP COLUMN retry_count");
        fx.exec("DELETE FROM sync_metadata");
        // when
        CommandRun run = reinit.run("check", "--skip-lambda");
        // then
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("FAIL  table wallet", "missing columns: retry_count",
                "FAIL  sync_metadata", "not synced");
    }

    @Test
    void should_compare_the_daemon_with_the_fullnode_event_id() throws Exception {
        // given
        healthy("check_fullnode");
        String url = startFullnode();
        // when
        latestEventId.set(1005);
        CommandRun near = reinit.run("check", "--skip-lambda", "--fullnode-url", url, "--settle-seconds", "0");
        latestEventId.set(1500);
        CommandRun far = reinit.run("check", "--skip-lambda", "--fullnode-url", url + "/", "--settle-seconds", "0",
                "--max-event-lag", "10");
        // then
        assertThat(near.exitCode()).as(near.out()).isZero();
        assertThat(near.out()).contains("PASS  daemon caught up", "5 behind", "PASS  daemon settled");
        assertThat(far.exitCode()).isEqualTo(1);
        assertThat(far.out()).contains("FAIL  daemon caught up", "500 behind");
    }

    @Test
    void should_fail_when_the_fullnode_does_not_answer() {
        // given
        healthy("check_fullnode_down");
        // when
        CommandRun run = reinit.run("check", "--skip-lambda", "--fullnode-url", "http://127.0.0.1:9",
                "--settle-seconds", "0");
        // then
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("FAIL  daemon caught up", "cannot read http://127.0.0.1:9/v1a/event?size=1");
    }

    @Test
    void should_dry_run_the_lambda() {
        // given
        healthy("check_lambda");
        LocalInvokeServer server = fx.serve(invocation -> {});
        String[] lambda = {"--function-name", PipelineFixture.FUNCTION, "--lambda-endpoint",
            server.endpoint().toString()};
        // when
        CommandRun present = reinit.run("check", lambda);
        server.setFunctionExists(false);
        CommandRun absent = reinit.run("check", lambda);
        // then
        assertThat(present.exitCode()).as(present.out()).isZero();
        assertThat(present.out()).contains("PASS  Lambda function", PipelineFixture.FUNCTION);
        assertThat(absent.exitCode()).isEqualTo(1);
        assertThat(absent.out()).contains("FAIL  Lambda function", PipelineFixture.FUNCTION);
    }

    @Test
    void should_fail_while_another_session_holds_the_run_lock() throws Exception {
        // given
        healthy("check_lock");
        try (Connection other = fx.dataSource.getConnection();
                PreparedStatement ps = other.prepareStatement("SELECT GET_LOCK(?, 0)")) {
            ps.setString(1, io.hathor.reinit.db.RunLock.nameFor(fx.schema.name()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
            // when
            CommandRun run = reinit.run("check", "--skip-lambda");
            // then
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.out()).contains("FAIL  run lock", "another reinit run is active");
        }
    }

    @Test
    void should_report_an_unreachable_database_as_a_fail() {
        // given
        healthy("check_down");
        // when
        CommandRun run = CommandRun.of("check", "--skip-lambda", "--db-url", "jdbc:mysql://127.0.0.1:9/nothing",
                "--db-user", "nobody", "--log-dir", dir.resolve("logs").toString());
        // then
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("FAIL  database reachable");
    }
}

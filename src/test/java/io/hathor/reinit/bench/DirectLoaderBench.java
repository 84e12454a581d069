package io.hathor.reinit.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.hathor.reinit.db.SchemaScript;
import io.hathor.reinit.demo.EmbeddedDatabase;
import io.hathor.reinit.demo.SyntheticChain;
import io.hathor.reinit.loader.DirectLoader;
import io.hathor.reinit.loader.LoadRequest;
import io.hathor.reinit.loader.LoadSummary;
import io.hathor.reinit.loader.ParallelLoader;
import io.hathor.reinit.wallet.Network;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Figures, not a test: embedded MariaDB, 15,000 synthetic wallets, {@code --loader direct} with N workers.
 * Arguments: [wallets] [workers]; defaults 15000 and the number of processors. {@code -Dbench.relaxedDurability=true}
 * sets innodb_flush_log_at_trx_commit = 2 to show how much of the SQL time is the per-commit fsync.
 */
public final class DirectLoaderBench {
    private DirectLoaderBench() {}

    /** CPU time of this JVM (all threads): robust to other load on the machine, unlike wall time. */
    private static long jvmCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** CPU time of the embedded server (a child process of this JVM). */
    private static long serverCpuNanos() {
        return ProcessHandle.current().descendants()
                .mapToLong(p -> p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L)).sum();
    }

    public static void main(String[] args) throws Exception {
        int wallets = args.length > 0 ? Integer.parseInt(args[0]) : 15_000;
        int workers = args.length > 1 ? Integer.parseInt(args[1]) : ParallelLoader.defaultWorkers();
        try (EmbeddedDatabase db = EmbeddedDatabase.start(null)) {
            try (Connection c = DriverManager.getConnection(db.jdbcUrl(""), "root", "");
                    Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE bench CHARACTER SET utf8mb4");
                if (Boolean.getBoolean("bench.relaxedDurability")) {
                    // no fsync per COMMIT (log flushed once a second), as many managed MySQL setups allow
                    st.execute("SET GLOBAL innodb_flush_log_at_trx_commit = 2");
                    System.out.println("innodb_flush_log_at_trx_commit = 2");
                }
            }
            try (Connection c = DriverManager.getConnection(db.jdbcUrl("bench"), "root", "")) {
                SchemaScript.apply(c);
            }
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(db.jdbcUrl("bench") + "?rewriteBatchedStatements=true&useServerPrepStmts=false&cachePrepStmts=true");
            config.setUsername("root");
            config.setPassword("");
            config.setMaximumPoolSize(workers + 2);
            config.setPoolName("bench");
            try (HikariDataSource ds = new HikariDataSource(config)) {
                long g0 = System.nanoTime();
                SyntheticChain.Summary chain = SyntheticChain.generate(ds, wallets, 2026L, Network.MAINNET);
                System.out.printf("generated %s in %.1f s%n", chain, (System.nanoTime() - g0) / 1e9);
                List<LoadRequest> requests = new ArrayList<>();
                try (Connection c = ds.getConnection(); Statement st = c.createStatement();
                        ResultSet rs = st.executeQuery("SELECT id, xpubkey, max_gap FROM wallet")) {
                    while (rs.next()) {
                        requests.add(new LoadRequest(rs.getString(1), rs.getString(2), rs.getInt(3)));
                    }
                }
                AtomicInteger failures = new AtomicInteger();
                if (System.getProperty("bench.generalLog") != null) {
                    try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
                        st.execute("SET GLOBAL general_log_file = '" + System.getProperty("bench.generalLog") + "'");
                        st.execute("SET GLOBAL general_log = 1");
                    }
                }
                long jvmCpu0 = jvmCpuNanos();
                long serverCpu0 = serverCpuNanos();
                LoadSummary s;
                try (ParallelLoader loader = new ParallelLoader(new DirectLoader(ds, Network.MAINNET), workers, Duration.ofSeconds(30))) {
                    s = loader.loadAll(requests, r -> {
                        if (!r.success() && failures.incrementAndGet() <= 5) {
                            System.out.println("failed: " + r.walletId() + ": " + r.error());
                        }
                    });
                }
                double jvmCpu = (jvmCpuNanos() - jvmCpu0) / 1e9;
                double serverCpu = (serverCpuNanos() - serverCpu0) / 1e9;
                double seconds = s.elapsed().toNanos() / 1e9;
                double derive = s.deriveNanos() / 1e9;
                double sql = s.sqlNanos() / 1e9;
                System.out.printf("loaded %d wallets (%d ok, %d failed) with %d workers in %.1f s: %.0f wallets/s%n",
                        s.wallets(), s.succeeded(), s.failed(), workers, seconds, s.walletsPerSecond());
                System.out.printf("addresses derived %d (%.1f per wallet), claimed %d: %.0f derivations/s wall%n",
                        s.addressesDerived(), (double) s.addressesDerived() / s.wallets(), s.addressesClaimed(), s.derivationsPerSecond());
                System.out.printf("worker time: derivation %.1f s (%.0f%%), SQL %.1f s (%.0f%%); %.1f µs per derivation%n",
                        derive, 100 * derive / (derive + sql), sql, 100 * sql / (derive + sql), 1e6 * derive / s.addressesDerived());
                System.out.printf("CPU during the load: JVM %.1f s, MariaDB server %.1f s, total %.1f s = %.0f µs per wallet "
                        + "(%.0f s of wall time on %d idle cores)%n", jvmCpu, serverCpu, jvmCpu + serverCpu,
                        1e6 * (jvmCpu + serverCpu) / s.wallets(), (jvmCpu + serverCpu) / workers, workers);
                try (Connection c = ds.getConnection(); Statement st = c.createStatement();
                        ResultSet rs = st.executeQuery("SELECT status, COUNT(*) FROM wallet GROUP BY status")) {
                    while (rs.next()) {
                        System.out.printf("status %s: %d%n", rs.getString(1), rs.getInt(2));
                    }
                }
            }
        }
    }
}

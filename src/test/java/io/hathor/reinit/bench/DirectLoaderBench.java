package io.hathor.reinit.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.hathor.reinit.db.Database;
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
 * Figures, not a test: embedded MariaDB, 15,000 synthetic wallets, {@code --loader direct}. Arguments: [wallets]
 * [configurations] [rounds]; defaults 15000, {@code <processors>x50} and 1. A configuration is
 * {@code WORKERSxGROUP} (group 1 = one transaction per wallet, as before groups); several, comma-separated, are
 * run one after the other on the same chain (reset to its generated state before each load) and the whole list is
 * repeated {@code rounds} times, so levers are compared under the same load of the machine.
 * {@code -Dbench.relaxedDurability=true} sets innodb_flush_log_at_trx_commit = 2 to show how much of the SQL time
 * is the per-commit fsync; {@code -Dbench.jdbcParameters=?…} replaces the driver properties the tool uses;
 * {@code -Dbench.statements=true} prints the server time of each statement shape (performance_schema);
 * {@code -Dbench.serverOptions=--a=1,--b=2} replaces the server options (default {@link #PRODUCTION_OPTIONS}; empty for
 * the embedded server's own defaults, a 128 MB buffer pool).
 */
public final class DirectLoaderBench {
    private DirectLoaderBench() {}

    /** CPU time of this JVM (all threads): robust to other load on the machine, unlike wall time. */
    static long jvmCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** CPU time of the embedded server (a child process of this JVM). */
    static long serverCpuNanos() {
        return ProcessHandle.current().descendants()
                .mapToLong(p -> p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L)).sum();
    }

    /** The 1, 5 and 15 minute load averages: how busy the shared machine was. */
    static String loadAverage() {
        try {
            String[] fields = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    /** The embedded server; a start that times out on a busy machine is tried again, up to six times. */
    static EmbeddedDatabase startDatabase() {
        for (int attempt = 1; ; attempt++) {
            try {
                List<String> options = new ArrayList<>(serverOptions());
                if (Boolean.getBoolean("bench.statements")) {
                    options.add("--performance-schema=ON");
                }
                return EmbeddedDatabase.start(null, options);
            } catch (IllegalStateException e) {
                if (attempt == 6) {
                    throw e;
                }
                System.out.println("the embedded server did not start in time; trying again");
            }
        }
    }

    /**
     * A production-sized InnoDB setup: a buffer pool that holds the loaded tables (the 15,000-wallet chain's address
     * table and indexes pass 128 MB, the embedded server's default) and a redo log to match. Production servers size
     * the pool from their memory (RDS: three quarters of it).
     */
    static final String PRODUCTION_OPTIONS = "--innodb-buffer-pool-size=1G,--innodb-log-file-size=512M";

    /**
     * Server options: {@link #PRODUCTION_OPTIONS} unless {@code -Dbench.serverOptions} gives others (comma-separated;
     * empty for the embedded server's defaults); printed.
     */
    static List<String> serverOptions() {
        String value = System.getProperty("bench.serverOptions", PRODUCTION_OPTIONS).trim();
        List<String> options = value.isEmpty() ? List.of() : List.of(value.split(","));
        System.out.println("server options: " + (options.isEmpty() ? "(embedded defaults)" : String.join(" ", options)));
        return options;
    }

    /** A fresh schema {@code bench} on the embedded server. */
    static void createSchema(EmbeddedDatabase db) throws Exception {
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
    }

    /** The pool the tool itself would open (same driver properties as DataSources). */
    static HikariDataSource pool(EmbeddedDatabase db, int workers) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(db.jdbcUrl("bench") + System.getProperty("bench.jdbcParameters",
                "?rewriteBatchedStatements=true&useServerPrepStmts=false&cachePrepStmts=true"));
        config.setUsername("root");
        config.setPassword("");
        config.setMaximumPoolSize(workers + 2);
        config.setPoolName("bench");
        return new HikariDataSource(config);
    }

    /** Every wallet row as a load request, in primary-key order. */
    static List<LoadRequest> requests(HikariDataSource ds) throws Exception {
        List<LoadRequest> requests = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT id, xpubkey, max_gap FROM wallet ORDER BY id")) {
            while (rs.next()) {
                requests.add(new LoadRequest(rs.getString(1), rs.getString(2), rs.getInt(3)));
            }
        }
        return requests;
    }

    static void printStatuses(HikariDataSource ds) throws Exception {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT status, COUNT(*) FROM wallet GROUP BY status")) {
            while (rs.next()) {
                System.out.printf("status %s: %d%n", rs.getString(1), rs.getInt(2));
            }
        }
    }

    /** Copies of the tables a load writes, as generated; {@link #reset} puts them back. */
    private static final List<String> LOADED_TABLES = List.of("address", "wallet");

    static void keepGenerated(HikariDataSource ds) throws Exception {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            for (String table : LOADED_TABLES) {
                st.execute("CREATE TABLE generated_" + table + " AS SELECT * FROM `" + table + "`");
            }
        }
    }

    static void reset(HikariDataSource ds) throws Exception {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute("DELETE FROM wallet_balance");
            st.execute("DELETE FROM wallet_tx_history");
            for (String table : LOADED_TABLES) {
                st.execute("DELETE FROM `" + table + "`");
                st.execute("INSERT INTO `" + table + "` SELECT * FROM generated_" + table);
            }
        }
    }

    public static void main(String[] args) throws Exception {
        int wallets = args.length > 0 ? Integer.parseInt(args[0]) : 15_000;
        String[] configs = (args.length > 1 ? args[1] : ParallelLoader.defaultWorkers() + "x" + ParallelLoader.DEFAULT_GROUP_SIZE)
                .split(",");
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        int maxWorkers = 1;
        for (String config : configs) {
            maxWorkers = Math.max(maxWorkers, Integer.parseInt(config.split("x")[0]));
        }
        try (EmbeddedDatabase db = startDatabase()) {
            createSchema(db);
            try (HikariDataSource ds = pool(db, maxWorkers)) {
                long g0 = System.nanoTime();
                SyntheticChain.Summary chain = SyntheticChain.generate(ds, wallets, 2026L, Network.MAINNET);
                System.out.printf("generated %s in %.1f s%n", chain, (System.nanoTime() - g0) / 1e9);
                if (configs.length * rounds > 1) {
                    keepGenerated(ds);
                }
                List<LoadRequest> requests = requests(ds);
                boolean first = true;
                for (int round = 1; round <= rounds; round++) {
                    for (String config : configs) {
                        if (!first) {
                            reset(ds);
                        }
                        first = false;
                        String[] parts = config.split("x");
                        System.out.printf("%n-- round %d, %s workers, groups of %s%n", round, parts[0], parts[1]);
                        loadOnce(ds, requests, Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
                    }
                }
            }
        }
    }

    private static void loadOnce(HikariDataSource ds, List<LoadRequest> requests, int workers, int groupSize) throws Exception {
        AtomicInteger failures = new AtomicInteger();
        if (System.getProperty("bench.generalLog") != null) {
            try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
                st.execute("SET GLOBAL general_log_file = '" + System.getProperty("bench.generalLog") + "'");
                st.execute("SET GLOBAL general_log = 1");
            }
        }
        boolean statements = Boolean.getBoolean("bench.statements");
        if (statements) {
            try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
                st.execute("TRUNCATE performance_schema.events_statements_summary_by_digest");
            }
        }
        System.out.println("load average before: " + loadAverage());
        long jvmCpu0 = jvmCpuNanos();
        long serverCpu0 = serverCpuNanos();
        LoadSummary s;
        try (ParallelLoader loader = new ParallelLoader(new DirectLoader(Database.on(ds), Network.MAINNET), workers, groupSize,
                Duration.ofSeconds(30))) {
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
        System.out.printf("loaded %d wallets (%d ok, %d failed) with %d workers, groups of %d, in %.1f s: %.0f wallets/s%n",
                s.wallets(), s.succeeded(), s.failed(), workers, groupSize, seconds, s.walletsPerSecond());
        System.out.printf("addresses derived %d (%.1f per wallet), claimed %d: %.0f derivations/s wall%n",
                s.addressesDerived(), (double) s.addressesDerived() / s.wallets(), s.addressesClaimed(), s.derivationsPerSecond());
        System.out.printf("worker time: derivation %.1f s (%.0f%%), SQL %.1f s (%.0f%%); %.1f µs per derivation%n",
                derive, 100 * derive / (derive + sql), sql, 100 * sql / (derive + sql), 1e6 * derive / s.addressesDerived());
        System.out.printf("CPU during the load: JVM %.1f s, MariaDB server %.1f s, total %.1f s = %.0f µs per wallet "
                + "(%.0f s of wall time on %d idle cores)%n", jvmCpu, serverCpu, jvmCpu + serverCpu,
                1e6 * (jvmCpu + serverCpu) / s.wallets(), (jvmCpu + serverCpu) / workers, workers);
        System.out.println("load average after: " + loadAverage());
        if (statements) {
            printStatementProfile(ds);
        }
        printStatuses(ds);
    }

    /** Server time per statement shape during the load (performance_schema digests), the costliest first. */
    private static void printStatementProfile(HikariDataSource ds) throws Exception {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("""
                        SELECT COUNT_STAR, SUM_TIMER_WAIT / 1e12, SUM_ROWS_AFFECTED, SUM_ROWS_EXAMINED,
                               LEFT(REPLACE(REPLACE(DIGEST_TEXT, '?, ', ''), '\n', ' '), 110)
                          FROM performance_schema.events_statements_summary_by_digest
                         WHERE SCHEMA_NAME = 'bench' ORDER BY SUM_TIMER_WAIT DESC LIMIT 12""")) {
            System.out.println("server time by statement (count, seconds, rows affected, rows examined, statement):");
            while (rs.next()) {
                System.out.printf("  %7d %7.2f s %9d %10d  %s%n", rs.getLong(1), rs.getDouble(2), rs.getLong(3),
                        rs.getLong(4), rs.getString(5));
            }
        }
    }
}

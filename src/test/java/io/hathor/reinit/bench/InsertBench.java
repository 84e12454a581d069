package io.hathor.reinit.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.hathor.reinit.config.DatabaseSettings;
import io.hathor.reinit.db.DataSources;
import io.hathor.reinit.db.Database;
import io.hathor.reinit.db.SchemaScript;
import io.hathor.reinit.db.WalletRepository;
import io.hathor.reinit.demo.EmbeddedDatabase;
import io.hathor.reinit.demo.SyntheticChain;
import io.hathor.reinit.wallet.WalletId;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Figures, not a test: how long {@link WalletRepository#insertAbsent} takes to write the wallet rows of a run
 * (multi-row INSERTs of 500, one transaction) on an embedded MariaDB with the wallet-service schema, through the
 * run's own pool settings ({@link DataSources#open}). Rows are valid-looking: distinct depth-3 account xpubs from
 * {@link SyntheticChain#xpub} with their real {@link WalletId}, max_gap 20, a distinct auth xpub.
 *
 * <p>Calls: (1) cold, into the empty table, as in a run right after a reset; then three rounds of (2) the same list
 * again, every row already present — the idempotent no-op a rerun pays — and (3) after {@code DELETE FROM wallet},
 * the same insert with a warm JVM and server (three rounds show the noise of a shared machine). Prints seconds,
 * rows/s, and the CPU time of this JVM and of the server.
 *
 * <p>Arguments: [wallets]; default 15000.
 */
public final class InsertBench {
    private InsertBench() {}

    public static void main(String[] args) throws Exception {
        int wallets = args.length > 0 ? Integer.parseInt(args[0]) : 15_000;
        long g0 = System.nanoTime();
        Random random = new Random(2026L);
        List<WalletRepository.NewWallet> rows = new ArrayList<>(wallets);
        for (int i = 0; i < wallets; i++) {
            String xpub = SyntheticChain.xpub(random);
            rows.add(new WalletRepository.NewWallet(WalletId.of(xpub), xpub, 20, 1_700_000_000L + i,
                    SyntheticChain.xpub(random)));
        }
        System.out.printf("generated %,d wallet rows (xpub, id, auth xpub) in %.1f s%n", wallets,
                (System.nanoTime() - g0) / 1e9);

        long s0 = System.nanoTime();
        try (EmbeddedDatabase db = EmbeddedDatabase.start(null)) {
            try (Connection c = DriverManager.getConnection(db.jdbcUrl(""), "root", "");
                    Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE bench CHARACTER SET utf8mb4");
            }
            try (Connection c = DriverManager.getConnection(db.jdbcUrl("bench"), "root", "")) {
                SchemaScript.apply(c);
            }
            System.out.printf("embedded MariaDB started and schema applied in %.1f s%n",
                    (System.nanoTime() - s0) / 1e9);
            DatabaseSettings settings = new DatabaseSettings(db.jdbcUrl("bench"), "root", "", null, 4);
            try (HikariDataSource ds = DataSources.open(settings)) {
                WalletRepository repository = new WalletRepository(Database.on(ds));
                measure("1. cold insert into the empty table", repository, rows, ds);
                for (int round = 1; round <= 3; round++) {
                    measure("2. same rows again, no-op (round " + round + ")", repository, rows, ds);
                    try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
                        st.execute("DELETE FROM wallet");
                    }
                    measure("3. warm insert after DELETE (round " + round + ")", repository, rows, ds);
                }
            }
        }
    }

    private static void measure(String name, WalletRepository repository, List<WalletRepository.NewWallet> rows,
            HikariDataSource ds) throws Exception {
        long jvm0 = jvmCpuNanos();
        long server0 = serverCpuNanos();
        long t0 = System.nanoTime();
        repository.insertAbsent(rows);
        double seconds = (System.nanoTime() - t0) / 1e9;
        double jvm = (jvmCpuNanos() - jvm0) / 1e9;
        double server = (serverCpuNanos() - server0) / 1e9;
        long count;
        try (Connection c = ds.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM wallet")) {
            rs.next();
            count = rs.getLong(1);
        }
        System.out.printf("%-44s %7.3f s = %,9.0f rows/s; CPU: JVM %.2f s, MariaDB %.2f s; table now %,d rows%n", name,
                seconds, rows.size() / seconds, jvm, server, count);
        if (count != rows.size()) {
            System.out.printf("  !! expected %,d rows%n", rows.size());
        }
    }

    private static long jvmCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** CPU time of the embedded server (a child process of this JVM). */
    private static long serverCpuNanos() {
        return ProcessHandle.current().descendants()
                .mapToLong(p -> p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L)).sum();
    }
}

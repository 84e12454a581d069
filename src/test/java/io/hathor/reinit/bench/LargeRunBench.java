package io.hathor.reinit.bench;

import io.hathor.reinit.cli.Cli;
import io.hathor.reinit.db.SchemaSetup;
import io.hathor.reinit.demo.EmbeddedDatabase;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.Collections;

/**
 * Figures, not a test: a real run over a large export in a small heap. Generates N distinct valid wallets (the
 * OUTFILE format of {@link CsvValidationBench}), starts an embedded MariaDB, inserts every wallet already
 * {@code ready} (so the run invokes nothing), then runs {@code reinit --csv FILE --loader direct} in this JVM and
 * prints its duration, exit code and the peak heap of the run. Run it with the heap to prove, e.g. {@code -Xmx96m}
 * for 200,000 rows and {@code -Xmx256m} for 1,000,000.
 *
 * <p>Arguments: [rows], a multiple of 1,000; default 200000.
 */
public final class LargeRunBench {
    private static final int INSERT_ROWS = 1_000;

    private LargeRunBench() {}

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        if (rows <= 0 || rows % INSERT_ROWS != 0) {
            throw new IllegalArgumentException("rows must be a positive multiple of " + INSERT_ROWS);
        }
        Path dir = Files.createTempDirectory("reinit-large-run");
        Path csv = dir.resolve("wallets.csv");
        Path password = Files.writeString(dir.resolve("password"), "");
        long t0 = System.nanoTime();
        CsvValidationBench.generate(csv, rows);
        System.out.printf("generated %,d rows (%,d MB) in %.1f s%n", rows, Files.size(csv) >> 20,
                (System.nanoTime() - t0) / 1e9);
        int code;
        try (EmbeddedDatabase db = startServer()) {
            SchemaSetup.recreate("jdbc:mysql://127.0.0.1:" + db.port() + "/", "root", "", "large_run");
            String url = db.jdbcUrl("large_run");
            long t1 = System.nanoTime();
            insertReady(url, csv);
            System.out.printf("inserted %,d ready wallets in %.1f s%n", rows, (System.nanoTime() - t1) / 1e9);
            System.gc();
            HeapSampler heap = new HeapSampler();
            heap.start();
            long t2 = System.nanoTime();
            code = Cli.newCommandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true)).execute(
                    "--csv", csv.toString(), "--db-url", url, "--db-user", "root", "--db-password-file",
                    password.toString(), "--loader", "direct", "--skip-checks", "--log-dir",
                    dir.resolve("logs").toString());
            double seconds = (System.nanoTime() - t2) / 1e9;
            heap.interrupt();
            System.out.printf("run of %,d rows: exit %d in %.1f s; peak heap in use %,d MB (sampled every 5 ms),"
                    + " max heap %,d MB%n", rows, code, seconds, heap.peak >> 20, Runtime.getRuntime().maxMemory() >> 20);
        }
        System.exit(code);
    }

    /** A loaded machine can miss the server's 30 s start-up wait: five tries. */
    private static EmbeddedDatabase startServer() {
        for (int attempt = 1; ; attempt++) {
            try {
                return EmbeddedDatabase.start(null);
            } catch (IllegalStateException e) {
                if (attempt == 5) {
                    throw e;
                }
                System.out.println("the embedded server did not start (" + attempt + "/5); trying again");
            }
        }
    }

    /** Streams the export into the wallet table as ready rows, in multi-row inserts. */
    private static void insertReady(String url, Path csv) throws Exception {
        String row = "(?, ?, 'ready', 20, 1651234567, 1651234601, 0, ?)";
        String sql = "INSERT INTO wallet (id, xpubkey, status, max_gap, created_at, ready_at, retry_count, auth_xpubkey)"
                + " VALUES " + String.join(",", Collections.nCopies(INSERT_ROWS, row));
        try (Connection c = DriverManager.getConnection(url, "root", "");
                BufferedReader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
                PreparedStatement ps = c.prepareStatement(sql)) {
            int n = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] cells = line.split(",");
                ps.setString(3 * n + 1, unquote(cells[0]));
                ps.setString(3 * n + 2, unquote(cells[1]));
                ps.setString(3 * n + 3, unquote(cells[7]));
                if (++n == INSERT_ROWS) {
                    ps.executeUpdate();
                    n = 0;
                }
            }
        }
    }

    private static String unquote(String cell) {
        return cell.substring(1, cell.length() - 1);
    }

    /** The largest heap in use seen during the run (per-pool peaks would add up peaks of different moments). */
    private static final class HeapSampler extends Thread {
        volatile long peak;

        HeapSampler() {
            setDaemon(true);
        }

        @Override
        public void run() {
            while (!isInterrupted()) {
                peak = Math.max(peak, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }
}

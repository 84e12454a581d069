package io.hathor.reinit.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.hathor.reinit.cli.Cli;
import io.hathor.reinit.config.DatabaseSettings;
import io.hathor.reinit.db.DataSources;
import io.hathor.reinit.db.SchemaSetup;
import io.hathor.reinit.demo.EmbeddedDatabase;
import io.hathor.reinit.demo.LocalInvokeServer;
import io.hathor.reinit.lambda.DelayedStatusHandler;
import io.hathor.reinit.lambda.DelayedStatusHandler.Fate;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Figures, not a test: a real run over a large export in a small heap. Generates N distinct valid wallets (the
 * OUTFILE format of {@link CsvValidationBench}) and starts an embedded MariaDB. Mode {@code ready} inserts every
 * wallet already {@code ready} (so the run invokes nothing) and runs {@code reinit --csv FILE --loader direct}; mode
 * {@code load} leaves the table empty, so the run inserts every wallet and loads all of them through the Lambda path:
 * the real AWS SDK against a local Invoke API in a child JVM whose handler sets each wallet ready at once (its
 * memory is not the tool's). The run goes in this JVM; the bench prints its duration, exit code and peak heap. Run
 * it with the heap to prove, e.g. {@code -Xmx96m} for 200,000 rows and {@code -Xmx256m} for 1,000,000.
 *
 * <p>Arguments: [rows], a multiple of 1,000, default 200000; [ready|load], default ready.
 */
public final class LargeRunBench {
    private static final int INSERT_ROWS = 1_000;
    private static final String FUNCTION = "hathor-wallet-service-bench-loadWalletAsync";
    private static final String ENDPOINT_LINE = "local Invoke API at ";

    private LargeRunBench() {}

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        if (rows <= 0 || rows % INSERT_ROWS != 0) {
            throw new IllegalArgumentException("rows must be a positive multiple of " + INSERT_ROWS);
        }
        boolean load = args.length > 1 && args[1].equals("load");
        if (args.length > 1 && !load && !args[1].equals("ready")) {
            throw new IllegalArgumentException("mode must be ready or load, was " + args[1]);
        }
        Path dir = Files.createTempDirectory("reinit-large-run");
        Path csv = dir.resolve("wallets.csv");
        Path password = Files.writeString(dir.resolve("password"), "");
        long t0 = System.nanoTime();
        CsvValidationBench.generate(csv, rows);
        System.out.printf("generated %,d rows (%,d MB) in %.1f s%n", rows, Files.size(csv) >> 20,
                (System.nanoTime() - t0) / 1e9);
        int code;
        try (EmbeddedDatabase db = startServer(load)) {
            code = run(db, csv, password, dir, rows, load);
        } finally {
            // The export (up to 330 MB for 1,000,000 rows) and the run's files go with the bench.
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
        System.exit(code);
    }

    /** One run of the tool over the export, with the Lambda stand-in for the loads; returns its exit code. */
    private static int run(EmbeddedDatabase db, Path csv, Path password, Path dir, int rows, boolean load)
            throws Exception {
        int code;
        SchemaSetup.recreate("jdbc:mysql://127.0.0.1:" + db.port() + "/", "root", "", "large_run");
        String url = db.jdbcUrl("large_run");
        List<String> command = new ArrayList<>(List.of("--csv", csv.toString(), "--db-url", url, "--db-user",
                "root", "--db-password-file", password.toString(), "--skip-checks", "--log-dir",
                dir.resolve("logs").toString()));
        Process lambda = null;
        if (load) {
            lambda = startLambda(url);
            command.addAll(List.of("--loader", "lambda", "--function-name", FUNCTION, "--region",
                    "eu-central-1", "--lambda-endpoint", endpointOf(lambda), "--batch-size", "500",
                    "--polling-interval", "200ms"));
            // The SDK's default chain wants credentials; the local API ignores them.
            System.setProperty("aws.accessKeyId", "bench-access-key");
            System.setProperty("aws.secretAccessKey", "bench-secret-key");
        } else {
            long t1 = System.nanoTime();
            insertReady(url, csv);
            System.out.printf("inserted %,d ready wallets in %.1f s%n", rows, (System.nanoTime() - t1) / 1e9);
            command.addAll(List.of("--loader", "direct"));
        }
        try {
            System.gc();
            HeapSampler heap = new HeapSampler();
            heap.start();
            AfterCollections afterGc = new AfterCollections();
            long t2 = System.nanoTime();
            code = Cli.newCommandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true))
                    .execute(command.toArray(String[]::new));
            double seconds = (System.nanoTime() - t2) / 1e9;
            heap.interrupt();
            afterGc.close();
            System.out.printf("run of %,d rows (%s): exit %d in %.1f s; peak heap in use %,d MB (sampled every"
                    + " 5 ms), max heap %,d MB%n", rows, load ? "every wallet loaded through the Lambda path"
                    : "every wallet already ready", code, seconds, heap.peak >> 20,
                    Runtime.getRuntime().maxMemory() >> 20);
            System.out.printf("largest heap left after a collection: %,d MB = %,d bytes a row (%d collections)%n",
                    afterGc.max >> 20, afterGc.max / rows, afterGc.collections);
            if (load) {
                System.out.printf("wallets ready after the run: %,d of %,d%n", countReady(url), rows);
            }
        } finally {
            if (lambda != null) {
                lambda.getOutputStream().close();
                lambda.waitFor(30, TimeUnit.SECONDS);
                lambda.destroy();
            }
        }
        return code;
    }

    /** The local Invoke API in a child JVM (its own heap), on this run's database. */
    private static Process startLambda(String url) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                LambdaStandIn.class.getName(), url).redirectErrorStream(true).start();
    }

    /** Reads the child's output until it names its endpoint; the rest of its output is drained in the background. */
    private static String endpointOf(Process lambda) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(lambda.getInputStream(),
                StandardCharsets.UTF_8));
        String last = null;
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            last = line;
            int at = line.indexOf(ENDPOINT_LINE);
            if (at >= 0) {
                Thread drain = new Thread(() -> {
                    try {
                        for (String next = out.readLine(); next != null; next = out.readLine()) {
                            if (next.contains(" WARN ") || next.contains(" ERROR ")) {
                                System.err.println("local Invoke API: " + next);
                            }
                        }
                    } catch (IOException e) {
                        // the child ended
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return line.substring(at + ENDPOINT_LINE.length()).trim();
            }
        }
        throw new IllegalStateException("the local Invoke API ended before it named its endpoint: " + last);
    }

    private static int countReady(String url) throws Exception {
        try (Connection c = DriverManager.getConnection(url, "root", "");
                PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM wallet WHERE status = 'ready'");
                java.sql.ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /**
     * The loadWalletAsync stand-in: a local Invoke API whose handler sets each wallet ready at once, as the released
     * load code ends. Runs until its standard input closes. Argument: the JDBC URL of the run's database.
     */
    public static final class LambdaStandIn {
        private LambdaStandIn() {}

        public static void main(String[] args) throws Exception {
            try (HikariDataSource pool = DataSources.open(new DatabaseSettings(args[0], "root", "", null, 8));
                    LocalInvokeServer server = LocalInvokeServer.builder(FUNCTION)
                            .handler(DelayedStatusHandler.always(pool, Duration.ZERO, Duration.ZERO, Fate.READY))
                            .start()) {
                System.out.println(ENDPOINT_LINE + server.endpoint());
                System.out.flush();
                while (System.in.read() >= 0) {
                    // until the bench closes our input
                }
            }
        }
    }

    /**
     * A loaded machine can miss the server's 30 s start-up wait: five tries. For the loads, commits are not flushed
     * to disk one by one (each load commits 3 to 4 times), and the buffer pool holds the wallet and journal tables of
     * a million wallets: the figure here is the tool's heap, not the disk's speed.
     */
    private static EmbeddedDatabase startServer(boolean load) {
        List<String> options = load ? List.of("--innodb-flush-log-at-trx-commit=0", "--innodb-buffer-pool-size=1G")
                : List.of();
        for (int attempt = 1; ; attempt++) {
            try {
                return EmbeddedDatabase.start(null, options);
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

    /**
     * The largest heap still in use right after a collection, over the collections of the run: what the run holds
     * (plus garbage an old-generation collection has not reached yet), without the garbage between collections.
     */
    private static final class AfterCollections implements NotificationListener {
        private final Set<String> heapPools = new HashSet<>();
        volatile long max;
        volatile int collections;

        AfterCollections() {
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    heapPools.add(pool.getName());
                }
            }
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                ((NotificationEmitter) gc).addNotificationListener(this, null, null);
            }
        }

        @Override
        public void handleNotification(Notification notification, Object handback) {
            if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                return;
            }
            GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from(
                    (CompositeData) notification.getUserData());
            long used = 0;
            for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                if (heapPools.contains(pool.getKey())) {
                    used += pool.getValue().getUsed();
                }
            }
            max = Math.max(max, used);
            collections++;
        }

        void close() throws ListenerNotFoundException {
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                ((NotificationEmitter) gc).removeNotificationListener(this);
            }
        }
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

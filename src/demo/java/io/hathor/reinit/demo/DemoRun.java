package io.hathor.reinit.demo;

import com.zaxxer.hikari.HikariDataSource;
import io.hathor.reinit.config.DatabaseSettings;
import io.hathor.reinit.config.ExitStatus;
import io.hathor.reinit.config.ReinitException;
import io.hathor.reinit.config.RunSettings;
import io.hathor.reinit.csv.OutfileWriter;
import io.hathor.reinit.db.DataSources;
import io.hathor.reinit.db.Database;
import io.hathor.reinit.db.DatabaseException;
import io.hathor.reinit.db.DerivedTables;
import io.hathor.reinit.db.SchemaFlavor;
import io.hathor.reinit.db.SchemaSetup;
import io.hathor.reinit.db.WalletRepository;
import io.hathor.reinit.loader.DirectLoader;
import io.hathor.reinit.loader.LoadRequest;
import io.hathor.reinit.loader.LoadSummary;
import io.hathor.reinit.loader.ParallelLoader;
import io.hathor.reinit.wallet.Hashes;
import io.hathor.reinit.wallet.Network;
import io.hathor.reinit.wallet.ShieldedKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code reinit demo}: the whole story on one machine with nothing installed. An embedded MariaDB gets the
 * wallet-service schema and a synthetic chain; every wallet is loaded once and the derived tables are snapshotted;
 * the wallet table is exported with the tool's own writer and the database is reset the way an operator resets it;
 * then the real {@code reinit --csv} command line re-initializes from that file (through a local Lambda Invoke API
 * running the real load, or in-process), and the derived tables are compared with the snapshot.
 */
public final class DemoRun {
    public static final String SCHEMA = "wallet_service";
    public static final String FUNCTION = "hathor-wallet-service-demo-loadWalletAsync";
    public static final String REGION = "eu-central-1";
    static final Network NETWORK = Network.MAINNET;
    static final int BATCH_SIZE = 50;
    static final String POLLING_INTERVAL = "200ms";
    static final String TIMEOUT = "2m";
    static final Duration MIN_LAMBDA_DELAY = Duration.ofMillis(50);
    static final Duration MAX_LAMBDA_DELAY = Duration.ofMillis(300);
    /** Local Lambda handlers at once: every wallet of a batch runs at once, as on AWS without reserved concurrency. */
    static final int LAMBDA_CONCURRENCY = BATCH_SIZE;
    /** Connections of the local Lambda's own pool (each real Lambda opens its own). */
    static final int LAMBDA_POOL_SIZE = 16;
    static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);
    static final int STEPS = 6;

    private static final Logger LOG = LoggerFactory.getLogger(DemoRun.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss");

    private final DemoSettings settings;
    private final PipelineRunner pipeline;
    private final DemoListener listener;
    private final int workers;
    private final List<DemoResult.Step> steps = new ArrayList<>();
    private int stepNumber;
    private long stepStart;

    /** @param workers parallel loads for the initial load and for {@code --loader direct} */
    public DemoRun(DemoSettings settings, PipelineRunner pipeline, DemoListener listener, int workers) {
        this.settings = settings;
        this.pipeline = pipeline;
        this.listener = listener == null ? DemoListener.NONE : listener;
        this.workers = Math.max(1, workers);
    }

    public DemoResult run() throws InterruptedException {
        Path dir = settings.logDir().resolve("demo_" + LocalDateTime.now().format(STAMP)).toAbsolutePath();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw ReinitException.configuration("cannot create " + dir + ": " + e.getMessage());
        }
        start("starting an embedded MariaDB (no install, no Docker)");
        try (EmbeddedDatabase db = EmbeddedDatabase.start(settings.keepDir())) {
            String serverUrl = "jdbc:mysql://127.0.0.1:" + db.port() + "/";
            SchemaSetup.recreate(serverUrl, "root", "", SCHEMA, settings.shielded() ? SchemaFlavor.SHIELDED
                    : SchemaFlavor.LEGACY);
            String url = db.jdbcUrl(SCHEMA);
            finish("MariaDB on port " + db.port() + ", schema " + SCHEMA + " from sql/schema.sql"
                    + (settings.shielded() ? " + sql/schema-shielded.sql" : "")
                    + (settings.keepDir() != null ? "; its data files are copied to " + settings.keepDir()
                            + " when it stops" : ""));
            try (HikariDataSource pool = DataSources.open(new DatabaseSettings(url, "root", "", null, workers + 4))) {
                return runOn(pool, url, dir);
            }
        } catch (SQLException | DatabaseException e) {
            throw new ReinitException(ExitStatus.FAILED, "demo database error: " + e.getMessage(), e);
        }
    }

    private DemoResult runOn(HikariDataSource pool, String url, Path dir) throws SQLException, InterruptedException {
        DerivedTables tables = new DerivedTables(pool);
        WalletRepository wallets = new WalletRepository(Database.on(pool));

        start("generating a synthetic chain of " + settings.wallets() + " wallets (seed " + settings.seed() + ")");
        SyntheticChain.Summary chain = SyntheticChain.generate(pool, settings.wallets(), settings.seed(), NETWORK);
        tables.rememberChainAddresses();
        finish(chain.transactions() + " transactions, " + chain.addresses() + " addresses, " + chain.tokens()
                + " tokens, " + chain.addressTxHistoryRows() + " address_tx_history rows; " + chain.usedWallets()
                + " wallets with history");

        start("loading every wallet once (in-process, " + workers + " workers) and snapshotting the derived tables");
        LoadSummary first = loadAll(pool, wallets);
        if (first.succeeded() != settings.wallets()) {
            throw new ReinitException(ExitStatus.FAILED, "the initial load failed for " + first.failed()
                    + " wallet(s); see the log");
        }
        int withKeys = settings.shielded() ? giveShieldedKeys(tables, wallets) : 0;
        Map<String, List<String>> before = tables.snapshot();
        finish(String.format("%d wallets ready in %.1f s (%.0f wallets/s); %d owned addresses, %d wallet_balance, %d"
                + " wallet_tx_history rows", first.succeeded(), first.elapsed().toNanos() / 1e9,
                first.walletsPerSecond(), before.get("address (ownership)").size(), before.get("wallet_balance").size(),
                before.get("wallet_tx_history").size()) + (settings.shielded() ? "; " + withKeys
                        + " wallets with shielded keys" : ""));

        start("exporting the wallet table (documented OUTFILE format) and resetting the database");
        Path csv = dir.resolve("wallets.csv");
        long exported;
        try (OutfileWriter writer = new OutfileWriter(csv, false, settings.shielded())) {
            exported = wallets.forEachWallet(writer::write);
        }
        tables.reset();
        finish(exported + " rows in " + csv + "; wallet, wallet_balance, wallet_tx_history emptied, address ownership"
                + " released (chain tables untouched)");

        start("re-initializing with the real pipeline (" + (settings.loader() == RunSettings.LoaderKind.DIRECT
                ? "--loader direct" : "local Lambda Invoke API, real load after a " + MIN_LAMBDA_DELAY.toMillis() + "-"
                + MAX_LAMBDA_DELAY.toMillis() + " ms delay") + ")");
        List<String> args = pipelineArgs(csv, url, dir);
        int exit;
        String command;
        if (settings.loader() == RunSettings.LoaderKind.DIRECT) {
            command = commandLine(args);
            exit = pipeline.run(args);
        } else {
            try (HikariDataSource lambdaPool = DataSources.open(new DatabaseSettings(url, "root", "", null,
                    LAMBDA_POOL_SIZE))) {
                DerivedTables lambdaTables = new DerivedTables(lambdaPool);
                LocalLoadWallet handler = new LocalLoadWallet(new DirectLoader(Database.on(lambdaPool), NETWORK), MIN_LAMBDA_DELAY,
                        MAX_LAMBDA_DELAY, settings.shielded() ? lambdaTables::finishShieldedSide
                                : LocalLoadWallet.ShieldedPass.NONE);
                try (LocalInvokeServer server = LocalInvokeServer.builder(FUNCTION).handler(handler)
                        .handlerConcurrency(LAMBDA_CONCURRENCY).region(REGION).closeTimeout(SHUTDOWN_TIMEOUT).start()) {
                    args.addAll(List.of("--function-name", FUNCTION, "--region", REGION,
                            "--lambda-endpoint", server.endpoint().toString()));
                    command = commandLine(args);
                    exit = pipeline.run(args);
                    if (!server.awaitHandlers(SHUTDOWN_TIMEOUT)) {
                        LOG.warn("local Lambda handlers still running after {}", SHUTDOWN_TIMEOUT);
                    }
                    LOG.info("local loadWalletAsync: {} events, {} loads ready, {} in error", server.invocations().size(),
                            handler.loaded(), handler.failed());
                }
            }
        }
        finish("reinit exited with " + exit);

        start("comparing the derived tables with the snapshot");
        Map<String, List<String>> after = tables.snapshot();
        List<TableCheck> checks = new ArrayList<>();
        before.forEach((table, rows) -> checks.add(compare(table, rows, after.get(table))));
        long matching = checks.stream().filter(TableCheck::matches).count();
        finish(matching + " of " + checks.size() + " tables match");
        return new DemoResult(settings, chain, List.copyOf(steps), exit, checks, csv, command);
    }

    /** Every third wallet (in id order) gets seeded shielded keys, its shielded side ready. */
    private int giveShieldedKeys(DerivedTables tables, WalletRepository wallets) throws SQLException {
        Random random = new Random(settings.seed());
        Map<String, ShieldedKeys> keys = new LinkedHashMap<>();
        int[] n = new int[1];
        wallets.forEachWallet(row -> {
            if (n[0]++ % 3 == 0) {
                keys.put(row.id(), DemoShieldedKeys.random(random));
            }
        });
        tables.giveShieldedKeys(keys);
        return keys.size();
    }

    private LoadSummary loadAll(HikariDataSource pool, WalletRepository wallets) throws SQLException {
        List<LoadRequest> requests = new ArrayList<>();
        wallets.forEachWallet(row -> requests.add(new LoadRequest(row.id(), row.xpubkey(), row.maxGap())));
        AtomicInteger done = new AtomicInteger();
        try (ParallelLoader loader = new ParallelLoader(new DirectLoader(Database.on(pool), NETWORK), workers, SHUTDOWN_TIMEOUT)) {
            LoadSummary summary = loader.loadAll(requests, r -> listener.loaded(done.incrementAndGet(), requests.size()));
            if (summary.interrupted()) {
                throw new ReinitException(ExitStatus.ABORTED, "interrupted during the initial load");
            }
            return summary;
        }
    }

    /** The operator's command: same database, fast polling, the demo's folder for every file. */
    private List<String> pipelineArgs(Path csv, String url, Path dir) {
        Path passwordFile = dir.resolve("db-password");
        try {
            Files.writeString(passwordFile, "", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + passwordFile, e);
        }
        List<String> args = new ArrayList<>(List.of("--csv", csv.toString(), "--db-url", url, "--db-user", "root",
                "--db-password-file", passwordFile.toString(), "--log-dir", settings.logDir().toString(),
                "--report-json", dir.resolve("report.json").toString(), "--network", NETWORK.name().toLowerCase(),
                "--batch-size", Integer.toString(BATCH_SIZE), "--polling-interval", POLLING_INTERVAL,
                "--timeout", TIMEOUT, "--loader", settings.loader().name().toLowerCase()));
        if (settings.loader() == RunSettings.LoaderKind.DIRECT) {
            args.addAll(List.of("--workers", Integer.toString(workers)));
        }
        if (settings.verbose()) {
            args.add("--verbose");
        }
        return args;
    }

    static TableCheck compare(String table, List<String> before, List<String> after) {
        List<String> a = new ArrayList<>(before);
        List<String> b = new ArrayList<>(after);
        Collections.sort(a);
        Collections.sort(b);
        int matching = 0;
        int i = 0;
        int j = 0;
        while (i < a.size() && j < b.size()) {
            int c = a.get(i).compareTo(b.get(j));
            if (c == 0) {
                matching++;
                i++;
                j++;
            } else if (c < 0) {
                LOG.debug("{}: only before: {}", table, a.get(i++));
            } else {
                LOG.debug("{}: only after: {}", table, b.get(j++));
            }
        }
        return new TableCheck(table, a.size(), b.size(), matching, digest(a), digest(b));
    }

    private static String digest(List<String> sortedRows) {
        return Hashes.hex(Hashes.sha256(String.join("\n", sortedRows).getBytes(StandardCharsets.UTF_8)));
    }

    private static String commandLine(List<String> args) {
        return "reinit " + String.join(" ", args);
    }

    private void start(String what) {
        stepNumber++;
        stepStart = System.nanoTime();
        LOG.debug("step {}/{}: {}", stepNumber, STEPS, what);
        listener.stepStarted(stepNumber, STEPS, what);
    }

    private void finish(String detail) {
        Duration elapsed = Duration.ofNanos(System.nanoTime() - stepStart);
        steps.add(new DemoResult.Step(stepName(stepNumber), elapsed, detail));
        LOG.debug("step {}/{} done in {} ms: {}", stepNumber, STEPS, elapsed.toMillis(), detail);
        listener.stepFinished(stepNumber, elapsed, detail);
    }

    private static String stepName(int number) {
        return switch (number) {
            case 1 -> "start MariaDB + schema";
            case 2 -> "generate chain";
            case 3 -> "initial load + snapshot";
            case 4 -> "export + reset";
            case 5 -> "re-initialize (reinit --csv)";
            case 6 -> "verify";
            default -> "step " + number;
        };
    }
}

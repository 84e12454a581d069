package io.hathor.reinit.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import io.hathor.reinit.config.DatabaseSettings;
import io.hathor.reinit.db.DataSources;
import io.hathor.reinit.db.Database;
import io.hathor.reinit.db.SchemaFlavor;
import io.hathor.reinit.demo.LocalInvokeServer;
import io.hathor.reinit.lambda.FaultInjector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A fresh schema, a pool on it, a local Invoke API server, and the command line pointed at both. */
public final class PipelineFixture implements AutoCloseable {
    public static final String FUNCTION = "hathor-wallet-service-test-loadWalletAsync";

    public final TestDatabase.Schema schema;
    public final HikariDataSource dataSource;
    /** The same pool as the tool's classes take it. */
    public final Database database;
    public final Path dir;
    private LocalInvokeServer server;
    private final FaultInjector faults = new FaultInjector();

    public PipelineFixture(String name, Path dir) {
        this(name, dir, SchemaFlavor.LEGACY);
    }

    public PipelineFixture(String name, Path dir, SchemaFlavor flavor) {
        this.schema = TestDatabase.newSchema(name, flavor);
        this.dir = dir;
        // The simulated Lambda handlers share this pool with the test's own queries: room for both under load.
        this.dataSource = DataSources.open(new DatabaseSettings(schema.url(), schema.server().user(),
                schema.server().password(), null, 8));
        this.database = Database.on(dataSource);
        // As after the sync daemon's first event: the pre-run checks want sync_metadata.
        exec("INSERT INTO sync_metadata (id, last_event_id) VALUES (0, 1)");
    }

    public LocalInvokeServer serve(LocalInvokeServer.InvocationHandler handler) {
        faults.setFaultsForEventsOnly(true);
        server = LocalInvokeServer.builder(FUNCTION).handler(handler).handlerConcurrency(64).requestFilter(faults)
                .start();
        return server;
    }

    public LocalInvokeServer server() {
        return server;
    }

    /** Faults the server answers to Event invocations (the DryRun check passes). */
    public FaultInjector faults() {
        return faults;
    }

    /** Runs {@code reinit} with the fixture's database, endpoint, fast polling and a 5 s timeout; extra flags win. */
    public CommandRun reinit(Path csv, String... extra) {
        List<String> args = new ArrayList<>(List.of("--csv", csv.toString(),
                "--db-url", schema.url(), "--db-user", schema.server().user(),
                "--db-password-file", passwordFile().toString(),
                "--function-name", FUNCTION, "--log-dir", dir.resolve("logs").toString(),
                "--report-json", dir.resolve("report.json").toString(),
                "--polling-interval", "100ms", "--timeout", "5s"));
        if (server != null) {
            args.addAll(List.of("--lambda-endpoint", server.endpoint().toString()));
        }
        args.addAll(Arrays.asList(extra));
        return CommandRun.of(args.toArray(String[]::new));
    }

    public JsonNode report() {
        try {
            return new ObjectMapper().readTree(dir.resolve("report.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String status(String walletId) {
        return queryString("SELECT status FROM wallet WHERE id = ?", walletId);
    }

    public int retryCount(String walletId) {
        return Integer.parseInt(queryString("SELECT retry_count FROM wallet WHERE id = ?", walletId));
    }

    public int count(String sql, Object... params) {
        return Integer.parseInt(queryString(sql, params));
    }

    public String queryString(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public void exec(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Inserts a wallet row as the service would hold it. */
    public void insertWallet(TestWallets.Wallet w, String status, int retryCount) {
        exec("INSERT INTO wallet (id, xpubkey, status, max_gap, created_at, retry_count, auth_xpubkey)"
                + " VALUES (?, ?, ?, 20, 1700000000, ?, ?)", w.id(), w.xpubkey(), status, retryCount, w.authXpubkey());
    }

    private Path passwordFile() {
        try {
            Path file = dir.resolve("db-password");
            Files.writeString(file, schema.server().password());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the Invoke API and closes the pool; safe to call twice. */
    @Override
    public void close() {
        if (server != null) {
            server.close();
            server = null;
        }
        dataSource.close();
    }
}

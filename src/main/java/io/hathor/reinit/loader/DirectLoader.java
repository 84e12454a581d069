package io.hathor.reinit.loader;

import io.hathor.reinit.db.LoadRepository;
import io.hathor.reinit.db.SchemaFlavor;
import io.hathor.reinit.db.SchemaInspector;
import io.hathor.reinit.db.ServerSetupException;
import io.hathor.reinit.wallet.AddressDeriver;
import io.hathor.reinit.wallet.Network;
import io.hathor.reinit.wallet.WalletId;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The wallet-service's transparent (legacy) wallet load, done in-process and idempotently (fact sheet §4, era-C
 * semantics without the shielded pass):
 * <ol>
 *   <li>one read of the wallet row (and whether the wallet already has wallet_balance / wallet_tx_history rows);</li>
 *   <li>gap scan (§4.2) in autocommit mode, no transaction is open while addresses are derived;</li>
 *   <li>one short transaction, claim then settle: upsert new addresses, claim existing rows; lock the kept
 *       addresses' address_balance rows, rebuild wallet_balance and wallet_tx_history (stale rows deleted, so a
 *       rerun gives the same rows); raise last_used_address_index and mark ready. It never spans the
 *       derivation. Statements that are provably no-ops are skipped (stale-row deletes for a wallet that had no
 *       such rows, the balance upsert when the kept addresses have no address_balance row).</li>
 * </ol>
 * The transaction runs at READ COMMITTED, so InnoDB takes record locks but no gap locks for the range scans,
 * and it is retried a few times on a deadlock or lock-wait timeout. Thread-safe: one instance serves all
 * workers, each load borrows one connection from the data source.
 */
public final class DirectLoader {
    private static final Logger LOG = LoggerFactory.getLogger(DirectLoader.class);
    private static final int TRANSACTION_ATTEMPTS = 3;
    private static final int MAX_ERROR_LENGTH = 300;
    private static final String SET_READ_COMMITTED = "SET TRANSACTION ISOLATION LEVEL READ COMMITTED";

    private final DataSource dataSource;
    private final Network network;
    private final LoadRepository repository;

    /** Detects the schema flavor once; throws when the database cannot be read. */
    public DirectLoader(DataSource dataSource, Network network) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.network = Objects.requireNonNull(network, "network");
        this.repository = new LoadRepository(SchemaInspector.flavor(dataSource));
        LOG.debug("direct loader on a {} schema, network {}", repository.flavor(), network);
    }

    public SchemaFlavor flavor() {
        return repository.flavor();
    }

    /**
     * Loads one wallet whose row exists; never throws for a wallet-level failure: marks status error,
     * retry_count+1, ready_at now, and returns success=false with the error.
     *
     * @throws ServerSetupException when the server's setup refused the load (e.g. error 1665); nothing is marked
     */
    public LoadResult load(LoadRequest request) {
        Timer timer = new Timer();
        int[] derived = {0};
        try {
            return loadOrThrow(request, timer, derived);
        } catch (Exception e) {
            if (ServerSetupException.causedBySetup(e)) {
                throw new ServerSetupException(oneLine(e), e);
            }
            String error = oneLine(e);
            LOG.warn("wallet {} failed to load: {}", request.walletId(), error);
            LOG.debug("wallet {} load failure", request.walletId(), e);
            error = markError(request.walletId(), error);
            return LoadResult.failed(request.walletId(), error, derived[0], timer.deriveNanos, timer.sqlNanos);
        }
    }

    private LoadResult loadOrThrow(LoadRequest request, Timer timer, int[] derived) throws SQLException {
        String walletId = request.walletId();
        if (request.maxGap() < 1) {
            throw new IllegalArgumentException("maxGap must be at least 1, got " + request.maxGap());
        }
        if (request.xpubkey() == null || !WalletId.of(request.xpubkey()).equals(walletId)) {
            throw new IllegalArgumentException("wallet id is not sha256d of the given xpubkey");
        }
        AddressDeriver deriver = AddressDeriver.forXpub(request.xpubkey(), network);
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.getAutoCommit()) {
                connection.setAutoCommit(true);
            }
            long t0 = System.nanoTime();
            LoadRepository.WalletState state = repository.walletState(connection, walletId);
            timer.sqlNanos += System.nanoTime() - t0;
            if (state == null) {
                throw new IllegalStateException("wallet row not found");
            }
            GapScan.Result scan = GapScan.scan(request.maxGap(),
                    (from, count) -> {
                        long start = System.nanoTime();
                        String[] addresses = deriver.addresses(from, count);
                        timer.deriveNanos += System.nanoTime() - start;
                        derived[0] += count;
                        return addresses;
                    },
                    chunk -> {
                        long start = System.nanoTime();
                        try {
                            return repository.addressTransactions(connection, chunk);
                        } finally {
                            timer.sqlNanos += System.nanoTime() - start;
                        }
                    });
            long start = System.nanoTime();
            try {
                inTransaction(connection, () -> repository.claimAndSettle(connection, walletId, scan.newAddresses(),
                        scan.existing(), scan.lastUsed(), scan.kept(), state));
            } finally {
                timer.sqlNanos += System.nanoTime() - start;
            }
            return new LoadResult(walletId, true, null, scan.derived(), scan.newAddresses().size() + scan.existing().size(),
                    scan.lastUsed(), timer.deriveNanos, timer.sqlNanos);
        }
    }

    @FunctionalInterface
    private interface Work {
        void run() throws SQLException;
    }

    /**
     * Runs {@code work} in one READ COMMITTED transaction; rolls back on any failure and retries on deadlock or
     * lock timeout. The transaction is opened with SQL statements while JDBC autocommit stays on: the one-shot
     * {@code SET TRANSACTION ISOLATION LEVEL} applies to the following {@code START TRANSACTION} only, so the
     * pooled connection's session state is never changed and needs no reset (3 round trips per transaction
     * instead of 6 for setTransactionIsolation, setAutoCommit twice and the pool's isolation reset).
     */
    private static void inTransaction(Connection connection, Work work) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try (Statement control = connection.createStatement()) {
                control.execute(SET_READ_COMMITTED);
                control.execute("START TRANSACTION");
                try {
                    work.run();
                    control.execute("COMMIT");
                    return;
                } catch (SQLException | RuntimeException e) {
                    rollbackQuietly(control, e);
                    if (attempt < TRANSACTION_ATTEMPTS && e instanceof SQLException sql && isRetryable(sql)) {
                        LOG.debug("retrying a transaction after {} (attempt {})", sql.getMessage(), attempt);
                        continue;
                    }
                    throw e;
                }
            }
        }
    }

    static boolean isRetryable(SQLException e) {
        // 1213 deadlock, 1205 lock wait timeout; SQLState 40001 = serialization failure
        return e.getErrorCode() == 1213 || e.getErrorCode() == 1205 || "40001".equals(e.getSQLState());
    }

    private static void rollbackQuietly(Statement control, Exception cause) {
        try {
            control.execute("ROLLBACK");
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    /** In its own statement and connection, after the load's rollback; returns the error text to report. */
    private String markError(String walletId, String error) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            int rows = repository.markError(connection, walletId);
            if (rows == 0) {
                LOG.debug("wallet {} has no row to mark as error", walletId);
            }
            return error;
        } catch (SQLException e) {
            LOG.warn("wallet {}: could not mark the wallet as error: {}", walletId, oneLine(e));
            return error + " (and marking it as error failed: " + oneLine(e) + ")";
        }
    }

    static String oneLine(Throwable e) {
        String message = e.getMessage();
        String text = message == null || message.isBlank() ? e.getClass().getSimpleName()
                : e.getClass().getSimpleName() + ": " + message.strip().lines().findFirst().orElse("");
        if (e instanceof SQLException sql && sql.getErrorCode() != 0) {
            text = text + " [" + sql.getErrorCode() + "/" + sql.getSQLState() + "]";
        }
        return text.length() <= MAX_ERROR_LENGTH ? text : text.substring(0, MAX_ERROR_LENGTH - 1) + "…";
    }

    /** Per-load counters; used by one thread only. */
    private static final class Timer {
        long deriveNanos;
        long sqlNanos;
    }
}

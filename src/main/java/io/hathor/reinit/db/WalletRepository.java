package io.hathor.reinit.db;

import io.hathor.reinit.wallet.WalletRow;
import io.hathor.reinit.wallet.WalletStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** Reads and writes {@code wallet} rows; every multi-wallet statement is chunked and bound. */
public final class WalletRepository {
    private static final int INSERT_CHUNK = 500;

    private static final String SELECT_ROWS = """
            SELECT id, xpubkey, status, max_gap, created_at, ready_at, retry_count, auth_xpubkey,
                   last_used_address_index
            FROM wallet WHERE id IN (%s)""";

    private static final String SELECT_ALL = """
            SELECT id, xpubkey, status, max_gap, created_at, ready_at, retry_count, auth_xpubkey,
                   last_used_address_index
            FROM wallet ORDER BY id""";

    private static final String SELECT_STATUS = "SELECT id, status FROM wallet WHERE id IN (%s)";

    /** A row that exists is never overwritten: the no-op update only makes the insert idempotent. */
    private static final String INSERT_PREFIX = """
            INSERT INTO wallet (id, xpubkey, status, max_gap, created_at, ready_at, retry_count, auth_xpubkey,
                                last_used_address_index)
            VALUES """;
    private static final String INSERT_ROW = "(?, ?, 'creating', ?, ?, NULL, 0, ?, -1)";
    private static final String INSERT_SUFFIX = " ON DUPLICATE KEY UPDATE id = id";

    private static final String CAS_TO_CREATING =
            "UPDATE wallet SET status = 'creating' WHERE id = ? AND status = ? AND retry_count = ?";
    private static final String DELETE_TX_HISTORY = "DELETE FROM wallet_tx_history WHERE wallet_id = ?";
    private static final String DELETE_BALANCE = "DELETE FROM wallet_balance WHERE wallet_id = ?";

    private static final String RESTORE = """
            UPDATE wallet SET status = ?, retry_count = ?, ready_at = ?
            WHERE id = ? AND status = 'creating'""";

    private final DataSource dataSource;

    public WalletRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A wallet to insert when absent. */
    public record NewWallet(String id, String xpubkey, int maxGap, long createdAt, String authXpubkey) {}

    /** Hands the wallets to insert to the repository, a chunk at a time. */
    @FunctionalInterface
    public interface NewWallets {
        void forEachChunk(ChunkSink sink) throws SQLException;
    }

    /** Receives one chunk of wallets to insert. */
    @FunctionalInterface
    public interface ChunkSink {
        void accept(List<NewWallet> chunk) throws SQLException;
    }

    /** Inserts the wallets that are absent, in multi-row chunks, one transaction; existing rows stay untouched. */
    public void insertAbsent(List<NewWallet> wallets) throws SQLException {
        insertAbsent(sink -> sink.accept(wallets));
    }

    /**
     * The same for a stream of chunks of any length: only one chunk is in memory at a time, and the whole stream is
     * still one transaction that rolls back on failure.
     */
    public void insertAbsent(NewWallets wallets) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                wallets.forEachChunk(chunk -> insertChunks(c, chunk));
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static void insertChunks(Connection c, List<NewWallet> wallets) throws SQLException {
        for (int from = 0; from < wallets.size(); from += INSERT_CHUNK) {
            List<NewWallet> chunk = wallets.subList(from, Math.min(wallets.size(), from + INSERT_CHUNK));
            String sql = INSERT_PREFIX + String.join(",", java.util.Collections.nCopies(chunk.size(), INSERT_ROW))
                    + INSERT_SUFFIX;
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                for (NewWallet w : chunk) {
                    ps.setString(i++, w.id());
                    ps.setString(i++, w.xpubkey());
                    ps.setInt(i++, w.maxGap());
                    ps.setLong(i++, w.createdAt());
                    ps.setString(i++, w.authXpubkey());
                }
                ps.executeUpdate();
            }
        }
    }

    /** The rows for these ids (absent ids are missing from the map). */
    public Map<String, WalletRow> rows(List<String> ids) throws SQLException {
        Map<String, WalletRow> out = new HashMap<>(ids.size() * 2);
        try (Connection c = dataSource.getConnection()) {
            for (List<String> chunk : chunks(ids)) {
                try (PreparedStatement ps = c.prepareStatement(SELECT_ROWS.formatted(Sql.placeholders(chunk.size())))) {
                    bind(ps, chunk);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            WalletRow row = mapRow(rs);
                            out.put(row.id(), row);
                        }
                    }
                }
            }
        }
        return out;
    }

    /** Streams every wallet row in id order without holding the table in memory (driver row streaming). */
    public long forEachWallet(java.util.function.Consumer<WalletRow> consumer) throws SQLException {
        long n = 0;
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(SELECT_ALL, ResultSet.TYPE_FORWARD_ONLY,
                        ResultSet.CONCUR_READ_ONLY)) {
            ps.setFetchSize(Integer.MIN_VALUE);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    consumer.accept(mapRow(rs));
                    n++;
                }
            }
        }
        return n;
    }

    /** Current status per id: one query per ≤ 1,000 ids. */
    public Map<String, WalletStatus> statuses(List<String> ids) throws SQLException {
        Map<String, WalletStatus> out = new HashMap<>(ids.size() * 2);
        try (Connection c = dataSource.getConnection()) {
            for (List<String> chunk : chunks(ids)) {
                try (PreparedStatement ps = c.prepareStatement(SELECT_STATUS.formatted(Sql.placeholders(chunk.size())))) {
                    bind(ps, chunk);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.put(rs.getString("id"), WalletStatus.fromSql(rs.getString("status")));
                        }
                    }
                }
            }
        }
        return out;
    }

    /**
     * Prepares a not-ready wallet for a load: compare-and-set to {@code creating} (from the status and retry count
     * we saw) and, in the same transaction, delete its wallet_tx_history and wallet_balance rows, which every load
     * rebuilds in full and which make the released load code fail on duplicate keys.
     *
     * @return rows deleted, or -1 when the row changed since it was read (someone else is loading it)
     */
    public int claimForLoad(WalletRow seen) throws SQLException {
        if (seen.status() == WalletStatus.READY) {
            throw new IllegalArgumentException("a ready wallet is never prepared for a load");
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                int changed;
                try (PreparedStatement ps = c.prepareStatement(CAS_TO_CREATING)) {
                    ps.setString(1, seen.id());
                    ps.setString(2, seen.status().sql());
                    ps.setInt(3, seen.retryCount());
                    changed = ps.executeUpdate();
                }
                if (changed == 0) {
                    c.rollback();
                    return -1;
                }
                int deleted = 0;
                for (String sql : new String[] {DELETE_TX_HISTORY, DELETE_BALANCE}) {
                    try (PreparedStatement ps = c.prepareStatement(sql)) {
                        ps.setString(1, seen.id());
                        deleted += ps.executeUpdate();
                    }
                }
                c.commit();
                return deleted;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** Puts a row back as it was before {@link #claimForLoad} when its invocation failed. */
    public void restore(WalletRow before) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(RESTORE)) {
            ps.setString(1, before.status().sql());
            ps.setInt(2, before.retryCount());
            if (before.readyAt() == null) {
                ps.setNull(3, Types.BIGINT);
            } else {
                ps.setLong(3, before.readyAt());
            }
            ps.setString(4, before.id());
            ps.executeUpdate();
        }
    }

    static WalletRow mapRow(ResultSet rs) throws SQLException {
        long readyAt = rs.getLong("ready_at");
        Long readyAtOrNull = rs.wasNull() ? null : readyAt;
        return new WalletRow(
                rs.getString("id"),
                rs.getString("xpubkey"),
                WalletStatus.fromSql(rs.getString("status")),
                rs.getInt("max_gap"),
                rs.getLong("created_at"),
                readyAtOrNull,
                rs.getInt("retry_count"),
                rs.getString("auth_xpubkey"),
                rs.getInt("last_used_address_index"));
    }

    static List<List<String>> chunks(List<String> ids) {
        List<List<String>> out = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += Sql.IN_CHUNK) {
            out.add(ids.subList(from, Math.min(ids.size(), from + Sql.IN_CHUNK)));
        }
        return out;
    }

    private static void bind(PreparedStatement ps, List<String> values) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            ps.setString(i + 1, values.get(i));
        }
    }
}

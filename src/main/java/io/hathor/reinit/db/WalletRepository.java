package io.hathor.reinit.db;

import io.hathor.reinit.wallet.ShieldedKeys;
import io.hathor.reinit.wallet.ShieldedState;
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

    private static final String COLUMNS = """
            id, xpubkey, status, max_gap, created_at, ready_at, retry_count, auth_xpubkey, last_used_address_index""";
    private static final String SHIELDED_COLUMNS = ", ct_status, scan_xpriv, spend_xpub, shielded_max_gap, "
            + UnifiedStatus.SHIELDED_EXPRESSION + " AS unified_status";

    private static final String SELECT_ROWS = "SELECT %s FROM wallet WHERE id IN (%s)";
    private static final String SELECT_ALL = "SELECT %s FROM wallet ORDER BY id";
    private static final String SELECT_STATUS = "SELECT id, %s AS status FROM wallet WHERE id IN (%s)";

    /** A row that exists is never overwritten: the no-op update only makes the insert idempotent. */
    private static final String INSERT_PREFIX = """
            INSERT INTO wallet (id, xpubkey, status, max_gap, created_at, ready_at, retry_count, auth_xpubkey,
                                last_used_address_index)
            VALUES """;
    private static final String INSERT_ROW = "(?, ?, 'creating', ?, ?, NULL, 0, ?, -1)";
    /** Shielded schema: the keys too; ct_status 'creating' with keys, 'none' without; the shielded index is derived. */
    private static final String INSERT_SHIELDED_PREFIX = """
            INSERT INTO wallet (id, xpubkey, status, max_gap, created_at, ready_at, retry_count, auth_xpubkey,
                                last_used_address_index, scan_xpriv, spend_xpub, shielded_max_gap,
                                last_used_shielded_index, ct_status)
            VALUES """;
    private static final String INSERT_SHIELDED_ROW = "(?, ?, 'creating', ?, ?, NULL, 0, ?, -1, ?, ?, ?, NULL, ?)";
    private static final String INSERT_SUFFIX = " ON DUPLICATE KEY UPDATE id = id";

    private static final String CAS_TO_CREATING =
            "UPDATE wallet SET status = 'creating' WHERE id = ? AND status = ? AND retry_count = ?";
    /** Both sides back to creating (a side without keys stays 'none'). */
    private static final String CAS_BOTH_TO_CREATING = """
            UPDATE wallet SET status = 'creating', ct_status = IF(ct_status = 'none', 'none', 'creating')
            WHERE id = ? AND status = ? AND ct_status = ? AND retry_count = ?""";
    /** The legacy side is ready: only the shielded side is reloaded, and the wallet's rows stay. */
    private static final String CAS_SHIELDED_TO_CREATING = """
            UPDATE wallet SET ct_status = 'creating'
            WHERE id = ? AND status = 'ready' AND ct_status = ? AND retry_count = ?""";
    private static final String DELETE_TX_HISTORY = "DELETE FROM wallet_tx_history WHERE wallet_id = ?";
    private static final String DELETE_BALANCE = "DELETE FROM wallet_balance WHERE wallet_id = ?";

    private static final String RESTORE = """
            UPDATE wallet SET status = ?, retry_count = ?, ready_at = ?
            WHERE id = ? AND status = 'creating'""";
    private static final String RESTORE_SHIELDED = """
            UPDATE wallet SET status = ?, retry_count = ?, ready_at = ?, ct_status = ?
            WHERE id = ? AND (status = 'creating' OR ct_status = 'creating')""";

    private final DataSource dataSource;
    private volatile SchemaFlavor flavor;

    public WalletRepository(Database database) {
        this(database.dataSource());
    }

    WalletRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The schema flavor, read from information_schema on first use. */
    public SchemaFlavor flavor() {
        SchemaFlavor f = flavor;
        if (f == null) {
            try (Connection c = dataSource.getConnection()) {
                f = SchemaInspector.flavor(c);
            } catch (SQLException e) {
                throw DatabaseException.of(e);
            }
            flavor = f;
        }
        return f;
    }

    private boolean shielded() {
        return flavor() == SchemaFlavor.SHIELDED;
    }

    private String columns() {
        return shielded() ? COLUMNS + SHIELDED_COLUMNS : COLUMNS;
    }

    /**
     * A wallet to insert when absent.
     *
     * @param keys the shielded keys, or null (only stored on the shielded schema)
     */
    public record NewWallet(String id, String xpubkey, int maxGap, long createdAt, String authXpubkey,
            ShieldedKeys keys) {
        public NewWallet(String id, String xpubkey, int maxGap, long createdAt, String authXpubkey) {
            this(id, xpubkey, maxGap, createdAt, authXpubkey, null);
        }
    }

    /** Hands the wallets to insert to the repository, a chunk at a time. */
    @FunctionalInterface
    public interface NewWallets {
        void forEachChunk(ChunkSink sink);
    }

    /** Receives one chunk of wallets to insert. */
    @FunctionalInterface
    public interface ChunkSink {
        void accept(List<NewWallet> chunk);
    }

    /** Inserts the wallets that are absent, in multi-row chunks, one transaction; existing rows stay untouched. */
    public void insertAbsent(List<NewWallet> wallets) {
        insertAbsent(sink -> sink.accept(wallets));
    }

    /**
     * The same for a stream of chunks of any length: only one chunk is in memory at a time, and the whole stream is
     * still one transaction that rolls back on failure.
     */
    public void insertAbsent(NewWallets wallets) {
        try (Connection c = dataSource.getConnection()) {
            boolean shielded = shielded();
            c.setAutoCommit(false);
            try {
                wallets.forEachChunk(chunk -> {
                    try {
                        insertChunks(c, chunk, shielded);
                    } catch (SQLException e) {
                        throw DatabaseException.of(e);
                    }
                });
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw DatabaseException.of(e);
        }
    }

    private void insertChunks(Connection c, List<NewWallet> wallets, boolean shielded) throws SQLException {
        for (int from = 0; from < wallets.size(); from += INSERT_CHUNK) {
            List<NewWallet> chunk = wallets.subList(from, Math.min(wallets.size(), from + INSERT_CHUNK));
            String sql = (shielded ? INSERT_SHIELDED_PREFIX : INSERT_PREFIX) + String.join(",",
                    java.util.Collections.nCopies(chunk.size(), shielded ? INSERT_SHIELDED_ROW : INSERT_ROW))
                    + INSERT_SUFFIX;
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                for (NewWallet w : chunk) {
                    ps.setString(i++, w.id());
                    ps.setString(i++, w.xpubkey());
                    ps.setInt(i++, w.maxGap());
                    ps.setLong(i++, w.createdAt());
                    ps.setString(i++, w.authXpubkey());
                    if (shielded) {
                        i = bindKeys(ps, i, w.keys());
                    }
                }
                ps.executeUpdate();
            }
        }
    }

    private static int bindKeys(PreparedStatement ps, int i, ShieldedKeys keys) throws SQLException {
        if (keys == null) {
            ps.setNull(i++, Types.BLOB);
            ps.setNull(i++, Types.VARCHAR);
            ps.setInt(i++, ShieldedKeys.DEFAULT_SHIELDED_MAX_GAP);
            ps.setString(i++, "none");
        } else {
            ps.setBytes(i++, keys.scanXpriv());
            ps.setString(i++, keys.spendXpub());
            ps.setInt(i++, keys.shieldedMaxGap() == null ? ShieldedKeys.DEFAULT_SHIELDED_MAX_GAP
                    : keys.shieldedMaxGap());
            ps.setString(i++, "creating");
        }
        return i;
    }

    /** The rows for these ids (absent ids are missing from the map); status is the unified one. */
    public Map<String, WalletRow> rows(List<String> ids) {
        Map<String, WalletRow> out = new HashMap<>(ids.size() * 2);
        String columns = columns();
        try (Connection c = dataSource.getConnection()) {
            for (List<String> chunk : chunks(ids)) {
                try (PreparedStatement ps = c.prepareStatement(SELECT_ROWS.formatted(columns,
                        Sql.placeholders(chunk.size())))) {
                    bind(ps, chunk);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            WalletRow row = mapRow(rs);
                            out.put(row.id(), row);
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw DatabaseException.of(e);
        }
        return out;
    }

    /** Streams every wallet row in id order without holding the table in memory (driver row streaming). */
    public long forEachWallet(java.util.function.Consumer<WalletRow> consumer) {
        long n = 0;
        String sql = SELECT_ALL.formatted(columns());
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY,
                        ResultSet.CONCUR_READ_ONLY)) {
            ps.setFetchSize(Integer.MIN_VALUE);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    consumer.accept(mapRow(rs));
                    n++;
                }
            }
        } catch (SQLException e) {
            throw DatabaseException.of(e);
        }
        return n;
    }

    /** Current (unified) status per id: one query per ≤ 1,000 ids. */
    public Map<String, WalletStatus> statuses(List<String> ids) {
        Map<String, WalletStatus> out = new HashMap<>(ids.size() * 2);
        String status = UnifiedStatus.expression(flavor());
        try (Connection c = dataSource.getConnection()) {
            for (List<String> chunk : chunks(ids)) {
                try (PreparedStatement ps = c.prepareStatement(SELECT_STATUS.formatted(status,
                        Sql.placeholders(chunk.size())))) {
                    bind(ps, chunk);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.put(rs.getString("id"), WalletStatus.fromSql(rs.getString("status")));
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw DatabaseException.of(e);
        }
        return out;
    }

    /**
     * Prepares a not-ready wallet for a load: compare-and-set to {@code creating} (from the status and retry count
     * we saw) and, in the same transaction, delete its wallet_tx_history and wallet_balance rows, which every load
     * rebuilds in full and which make the released load code fail on duplicate keys. On the shielded schema the
     * compare-and-set covers both sides; a wallet whose legacy side is ready only has ct_status set back to
     * creating, and its rows are kept.
     *
     * @return rows deleted, or -1 when the row changed since it was read (someone else is loading it)
     */
    public int claimForLoad(ClaimState seen) {
        if (seen.status() == WalletStatus.READY) {
            throw new IllegalArgumentException("a ready wallet is never prepared for a load");
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                int changed = compareAndSet(c, seen);
                if (changed == 0) {
                    c.rollback();
                    return -1;
                }
                if (seen.sides() != null && seen.sides().onlyShieldedSide()) {
                    c.commit();
                    return 0;
                }
                int deleted = 0;
                for (String sql : new String[] {DELETE_TX_HISTORY, DELETE_BALANCE}) {
                    try (PreparedStatement ps = c.prepareStatement(sql)) {
                        ps.setString(1, seen.walletId());
                        deleted += ps.executeUpdate();
                    }
                }
                c.commit();
                return deleted;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw DatabaseException.of(e);
        }
    }

    private static int compareAndSet(Connection c, ClaimState seen) throws SQLException {
        ClaimState.Sides sides = seen.sides();
        if (sides == null) {
            try (PreparedStatement ps = c.prepareStatement(CAS_TO_CREATING)) {
                ps.setString(1, seen.walletId());
                ps.setString(2, seen.status().sql());
                ps.setInt(3, seen.retryCount());
                return ps.executeUpdate();
            }
        }
        if (sides.onlyShieldedSide()) {
            try (PreparedStatement ps = c.prepareStatement(CAS_SHIELDED_TO_CREATING)) {
                ps.setString(1, seen.walletId());
                ps.setString(2, ctSql(sides.ctStatus()));
                ps.setInt(3, seen.retryCount());
                return ps.executeUpdate();
            }
        }
        try (PreparedStatement ps = c.prepareStatement(CAS_BOTH_TO_CREATING)) {
            ps.setString(1, seen.walletId());
            ps.setString(2, sides.legacyStatus().sql());
            ps.setString(3, ctSql(sides.ctStatus()));
            ps.setInt(4, seen.retryCount());
            return ps.executeUpdate();
        }
    }

    private static String ctSql(WalletStatus ctStatus) {
        return ctStatus == null ? "none" : ctStatus.sql();
    }

    /** Puts a row back as it was before {@link #claimForLoad} when its invocation failed. */
    public void restore(ClaimState before) {
        if (before.sides() != null) {
            restoreBothSides(before);
            return;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(RESTORE)) {
            ps.setString(1, before.status().sql());
            ps.setInt(2, before.retryCount());
            if (before.readyAt() == null) {
                ps.setNull(3, Types.BIGINT);
            } else {
                ps.setLong(3, before.readyAt());
            }
            ps.setString(4, before.walletId());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw DatabaseException.of(e);
        }
    }

    private void restoreBothSides(ClaimState before) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(RESTORE_SHIELDED)) {
            ps.setString(1, before.sides().legacyStatus().sql());
            ps.setInt(2, before.retryCount());
            if (before.readyAt() == null) {
                ps.setNull(3, Types.BIGINT);
            } else {
                ps.setLong(3, before.readyAt());
            }
            ps.setString(4, ctSql(before.sides().ctStatus()));
            ps.setString(5, before.walletId());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw DatabaseException.of(e);
        }
    }

    /** A row of either flavor; on the shielded schema status is the unified one and both sides are kept. */
    static WalletRow mapRow(ResultSet rs) throws SQLException {
        long readyAt = rs.getLong("ready_at");
        Long readyAtOrNull = rs.wasNull() ? null : readyAt;
        WalletStatus legacy = WalletStatus.fromSql(rs.getString("status"));
        ShieldedState sides = null;
        WalletStatus status = legacy;
        if (rs.getMetaData().getColumnCount() > 9) {
            byte[] scanXpriv = rs.getBytes("scan_xpriv");
            int gap = rs.getInt("shielded_max_gap");
            Integer gapOrNull = rs.wasNull() ? null : gap;
            ShieldedKeys keys = scanXpriv == null ? null
                    : new ShieldedKeys(scanXpriv, rs.getString("spend_xpub"), gapOrNull);
            sides = new ShieldedState(legacy, WalletStatus.fromSql(rs.getString("ct_status")), keys);
            status = WalletStatus.fromSql(rs.getString("unified_status"));
        }
        return new WalletRow(
                rs.getString("id"),
                rs.getString("xpubkey"),
                status,
                rs.getInt("max_gap"),
                rs.getLong("created_at"),
                readyAtOrNull,
                rs.getInt("retry_count"),
                rs.getString("auth_xpubkey"),
                rs.getInt("last_used_address_index"),
                sides);
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

package io.hathor.reinit.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/** The HTR token row ('00'), read and reseeded as the wallet-service seeder does. */
public final class TokenRepository {
    public static final String HTR_ID = "00";

    private static final String SELECT_HTR = "SELECT transactions FROM token WHERE id = ? FOR UPDATE";
    private static final String READ_HTR = "SELECT transactions FROM token WHERE id = ?";

    /** The seeder's count: distinct txs with an HTR output; no voided filter, spend-only txs not counted. */
    private static final String COUNT_HTR_TXS = "SELECT COUNT(DISTINCT tx_id) FROM tx_output WHERE token_id = ?";

    private static final String INSERT_HTR_WITH_VERSION = """
            INSERT INTO token (id, name, symbol, transactions, version) VALUES (?, 'Hathor', 'HTR', ?, 0)""";
    private static final String INSERT_HTR = """
            INSERT INTO token (id, name, symbol, transactions) VALUES (?, 'Hathor', 'HTR', ?)""";

    private final DataSource dataSource;

    public TokenRepository(Database database) {
        this(database.dataSource());
    }

    TokenRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** What {@link #seedHtr()} did. */
    public record Seeded(boolean inserted, long transactions, boolean withVersion) {}

    /** The HTR row's transactions count, or null when the row is absent. */
    public Long htrTransactions() {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(READ_HTR)) {
            ps.setString(1, HTR_ID);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        } catch (SQLException e) {
            throw DatabaseException.of(e);
        }
    }

    /** Inserts the HTR row when absent, in one transaction; an existing row is left as it is. */
    public Seeded seedHtr() {
        try (Connection c = dataSource.getConnection()) {
            boolean withVersion = SchemaCatalog.hasColumn(c, "token", "version");
            c.setAutoCommit(false);
            try {
                try (PreparedStatement ps = c.prepareStatement(SELECT_HTR)) {
                    ps.setString(1, HTR_ID);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            long existing = rs.getLong(1);
                            c.commit();
                            return new Seeded(false, existing, withVersion);
                        }
                    }
                }
                long count;
                try (PreparedStatement ps = c.prepareStatement(COUNT_HTR_TXS)) {
                    ps.setString(1, HTR_ID);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        count = rs.getLong(1);
                    }
                }
                try (PreparedStatement ps = c.prepareStatement(withVersion ? INSERT_HTR_WITH_VERSION : INSERT_HTR)) {
                    ps.setString(1, HTR_ID);
                    ps.setLong(2, count);
                    ps.executeUpdate();
                }
                c.commit();
                return new Seeded(true, count, withVersion);
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw DatabaseException.of(e);
        }
    }
}

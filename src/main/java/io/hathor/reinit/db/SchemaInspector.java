package io.hathor.reinit.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Reads the schema flavor, and whether an index exists, from {@code information_schema} of the current schema. */
public final class SchemaInspector {
    static final String COUNT_SHIELDED_COLUMNS = """
            SELECT COUNT(*) AS shielded_columns
              FROM information_schema.COLUMNS
             WHERE TABLE_SCHEMA = DATABASE()
               AND ((TABLE_NAME = 'wallet' AND COLUMN_NAME = 'ct_status')
                 OR (TABLE_NAME = 'address' AND COLUMN_NAME = 'bip32_account'))
            """;

    static final String COUNT_INDEX_COLUMNS = """
            SELECT COUNT(*) FROM information_schema.STATISTICS
             WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND INDEX_NAME = ?
            """;

    private SchemaInspector() {}

    /** True when the current schema's {@code table} has an index named {@code index}. */
    public static boolean hasIndex(DataSource dataSource, String table, String index) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement ps = connection.prepareStatement(COUNT_INDEX_COLUMNS)) {
            ps.setString(1, table);
            ps.setString(2, index);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1) > 0;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the indexes of " + table + " from information_schema: "
                    + e.getMessage(), e);
        }
    }

    /** SHIELDED when {@code wallet.ct_status} or {@code address.bip32_account} exists, else LEGACY. */
    public static SchemaFlavor flavor(Database database) {
        return flavor(database.dataSource());
    }

    /** The same on a pool of the caller's (the loader). */
    public static SchemaFlavor flavor(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return flavor(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the schema flavor from information_schema: " + e.getMessage(), e);
        }
    }

    public static SchemaFlavor flavor(Connection connection) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(COUNT_SHIELDED_COLUMNS);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt("shielded_columns") > 0 ? SchemaFlavor.SHIELDED : SchemaFlavor.LEGACY;
        }
    }
}

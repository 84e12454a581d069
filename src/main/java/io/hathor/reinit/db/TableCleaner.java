package io.hathor.reinit.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Empties the wallet-service tables of {@link SchemaCatalog#CLEANUP_TABLES} that exist, in one session with foreign
 * key checks off, as the wallet-service README's reset does.
 */
public final class TableCleaner {
    private static final String FK_CHECKS_OFF = "SET FOREIGN_KEY_CHECKS = 0";
    private static final String FK_CHECKS_ON = "SET FOREIGN_KEY_CHECKS = 1";
    /** Per table name from {@link SchemaCatalog#CLEANUP_TABLES} only. */
    private static final String TRUNCATE = "TRUNCATE TABLE `%s`";

    private final DataSource dataSource;

    public TableCleaner(Database database) {
        this(database.dataSource());
    }

    TableCleaner(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Existing cleanup tables → exact row count, in the fixed list's order. */
    public Map<String, Long> plan() {
        Map<String, Long> out = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection()) {
            for (String table : SchemaCatalog.existing(c, SchemaCatalog.CLEANUP_TABLES)) {
                out.put(table, TableStats.count(c, table));
            }
        } catch (SQLException e) {
            throw DatabaseException.of(e);
        }
        return out;
    }

    /** Truncates {@code tables} (each must be in the fixed list) in one session; FK checks are on again after. */
    public void truncate(List<String> tables) {
        for (String t : tables) {
            if (!SchemaCatalog.CLEANUP_TABLES.contains(t)) {
                throw new IllegalArgumentException("not a cleanup table: " + t);
            }
        }
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute(FK_CHECKS_OFF);
            try {
                for (String t : tables) {
                    st.execute(TRUNCATE.formatted(t));
                }
            } finally {
                st.execute(FK_CHECKS_ON);
            }
        } catch (SQLException e) {
            throw DatabaseException.of(e);
        }
    }
}

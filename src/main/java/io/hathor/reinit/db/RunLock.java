package io.hathor.reinit.db;

import io.hathor.reinit.wallet.Hashes;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The MySQL named lock a run holds on its schema ({@code GET_LOCK}); the name lives here only. This class only reads
 * who holds it; taking and releasing it belong to the run.
 */
public final class RunLock {
    /** MySQL refuses lock names longer than this. */
    static final int MAX_NAME_LENGTH = 64;
    private static final String PREFIX = "reinit:";

    private static final String HOLDER = "SELECT IS_USED_LOCK(?) AS holder";

    private RunLock() {}

    /** {@code reinit:<schema>}; a schema name too long for a lock name is replaced by its sha256 prefix. */
    public static String nameFor(String schema) {
        String name = PREFIX + schema;
        if (name.length() <= MAX_NAME_LENGTH) {
            return name;
        }
        return PREFIX + Hashes.hex(Hashes.sha256(schema.getBytes(StandardCharsets.UTF_8)))
                .substring(0, MAX_NAME_LENGTH - PREFIX.length());
    }

    /** The connection id holding the lock of {@code schema}, or null when no session holds it. */
    public static Long holder(Connection connection, String schema) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(HOLDER)) {
            ps.setString(1, nameFor(schema));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long id = rs.getLong("holder");
                return rs.wasNull() ? null : id;
            }
        }
    }
}

package io.hathor.reinit.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Small reads for {@code reinit check}: grants, sync_metadata, the connection id. */
public final class ServerChecks {
    private static final String SHOW_GRANTS = "SHOW GRANTS FOR CURRENT_USER()";
    private static final String LAST_EVENT_ID = "SELECT last_event_id FROM sync_metadata WHERE id = 0";

    private ServerChecks() {}

    /** The lines of SHOW GRANTS for the current user. */
    public static List<String> grants(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(SHOW_GRANTS)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /** sync_metadata.last_event_id of the daemon's row (id 0), or null when the row is absent. */
    public static Long lastEventId(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(LAST_EVENT_ID); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : null;
        }
    }
}

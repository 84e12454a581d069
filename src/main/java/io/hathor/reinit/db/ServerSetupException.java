package io.hathor.reinit.db;

import java.sql.SQLException;
import java.util.Set;

/**
 * A statement refused because of how the server is set up (binary log format, read-only, privileges, connection
 * limits, a full disk), not because of the wallet it was for: the run stops and no wallet is marked error.
 */
public final class ServerSetupException extends DatabaseException {
    private static final long serialVersionUID = 1L;

    /**
     * 1661-1667: the binary log cannot record the statement (1665: binlog_format STATEMENT with READ COMMITTED);
     * 1290 and 1792: read-only server or transaction; 1036: read-only table; 1044, 1142, 1143, 1227: privileges;
     * 1040 and 1203: too many connections; 1021 and 1114: disk or table full.
     */
    private static final Set<Integer> SETUP_ERRORS = Set.of(1661, 1662, 1663, 1664, 1665, 1666, 1667, 1290, 1792,
            1036, 1044, 1142, 1143, 1227, 1040, 1203, 1021, 1114);

    public ServerSetupException(String message, Throwable cause) {
        super(message, cause);
    }

    /** True when {@code e} or one of its causes is a server error caused by the server's setup. */
    public static boolean causedBySetup(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && SETUP_ERRORS.contains(sql.getErrorCode())
                    || t instanceof DatabaseException db && SETUP_ERRORS.contains(db.errorCode())) {
                return true;
            }
        }
        return false;
    }
}

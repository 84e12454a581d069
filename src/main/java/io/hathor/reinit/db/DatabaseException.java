package io.hathor.reinit.db;

import java.sql.SQLException;

/**
 * A database failure as it leaves {@code db}: the driver's message, the server's error code and SQLState, and the
 * driver's exception as the cause (for the log). Unchecked, so no JDBC type appears in a signature outside {@code db}.
 */
public class DatabaseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int errorCode;
    private final String sqlState;

    /** The driver's failure with its message, error code and SQLState. */
    public DatabaseException(SQLException cause) {
        this(cause.getMessage(), cause);
    }

    /** A failure described by {@code message}; code and SQLState from the first SQLException in {@code cause}. */
    public DatabaseException(String message, Throwable cause) {
        super(message, cause);
        SQLException sql = firstSqlException(cause);
        this.errorCode = sql == null ? 0 : sql.getErrorCode();
        this.sqlState = sql == null ? null : sql.getSQLState();
    }

    /** The driver's failure as it leaves {@code db}. */
    public static DatabaseException of(SQLException e) {
        return new DatabaseException(e);
    }

    /** The server's (or driver's) vendor error code, e.g. 1213 for a deadlock; 0 when unknown. */
    public int errorCode() {
        return errorCode;
    }

    /** The SQLState, e.g. "08S01" for a lost connection; null when unknown. */
    public String sqlState() {
        return sqlState;
    }

    /** One line about the failure without credentials, as the connection messages give it. */
    public String describe() {
        SQLException sql = firstSqlException(getCause());
        return sql != null ? DataSources.describe(sql) : String.valueOf(getMessage());
    }

    private static SQLException firstSqlException(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof SQLException sql) {
                return sql;
            }
        }
        return null;
    }
}

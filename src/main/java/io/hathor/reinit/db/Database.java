package io.hathor.reinit.db;

import com.zaxxer.hikari.HikariDataSource;
import io.hathor.reinit.config.DatabaseSettings;
import javax.sql.DataSource;

/**
 * The database a command works on: owns the connection pool, and is what every class outside {@code db} receives
 * instead of a JDBC type. The repositories of {@code db} take it.
 */
public final class Database implements AutoCloseable {
    private final DataSource dataSource;
    /** The pool this handle opened and closes; null when the caller owns it. */
    private final HikariDataSource pool;

    private Database(DataSource dataSource, HikariDataSource pool) {
        this.dataSource = dataSource;
        this.pool = pool;
    }

    /**
     * Opens the pool (named {@code reinit-db}) and proves it with one connection.
     *
     * @throws io.hathor.reinit.config.ReinitException (configuration) naming the URL when it cannot connect
     */
    public static Database open(DatabaseSettings settings) {
        HikariDataSource pool = DataSources.open(settings);
        return new Database(pool, pool);
    }

    /** A handle on a pool that its caller keeps and closes (tests, the demo); {@link #close()} leaves it open. */
    public static Database on(DataSource dataSource) {
        return new Database(dataSource, null);
    }

    /** The pool itself, for the repositories of {@code db}. */
    DataSource dataSource() {
        return dataSource;
    }

    /** Closes the pool when this handle opened it. */
    @Override
    public void close() {
        if (pool != null) {
            pool.close();
        }
    }
}

package io.hathor.reinit.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.hathor.reinit.config.DatabaseSettings;
import io.hathor.reinit.config.JdbcUrls;
import io.hathor.reinit.config.ReinitException;
import java.sql.SQLException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.time.Duration;

/** The one connection pool of a run, named {@code reinit-db}. */
public final class DataSources {
    /** The driver's refusal to fetch the server's RSA key for a caching_sha2_password login without TLS. */
    private static final String PUBLIC_KEY_RETRIEVAL = "Public Key Retrieval is not allowed";
    static final String PUBLIC_KEY_RETRIEVAL_FIX = "the account uses caching_sha2_password (MySQL 8's default) and the"
            + " connection is not encrypted, so the login needs the server's RSA public key: connect with TLS"
            + " (--db-ssl-mode REQUIRED, and have the server offer TLS), or add allowPublicKeyRetrieval=true to"
            + " --db-url on a network you trust";
    private DataSources() {}

    /** Opens the pool and proves it with one connection; a failure is a configuration error naming the URL. */
    public static HikariDataSource open(DatabaseSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("reinit-db");
        config.setJdbcUrl(settings.jdbcUrl());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(settings.poolSize());
        config.setMinimumIdle(1);
        config.setConnectionTimeout(Duration.ofSeconds(5).toMillis());
        config.setInitializationFailTimeout(-1);
        // Batches become multi-row statements; the server's time zone never matters because times are unix seconds.
        config.addDataSourceProperty("rewriteBatchedStatements", "true");
        config.addDataSourceProperty("cachePrepStmts", "true");
        config.addDataSourceProperty("useServerPrepStmts", "false");
        config.addDataSourceProperty("connectTimeout", "10000");
        config.addDataSourceProperty("tcpKeepAlive", "true");
        if (settings.sslMode() != null) {
            config.addDataSourceProperty("sslMode", settings.sslMode());
        }
        HikariDataSource pool = new HikariDataSource(config);
        try (var c = pool.getConnection()) {
            c.isValid(5);
        } catch (SQLException e) {
            pool.close();
            throw ReinitException.configuration("cannot connect to " + JdbcUrls.redacted(settings.jdbcUrl()) + " as " + settings.user()
                    + ": " + describe(e));
        }
        return pool;
    }

    /** One line about a connection failure, without credentials. */
    static String describe(SQLException e) {
        if (e instanceof SQLInvalidAuthorizationSpecException || "28000".equals(e.getSQLState())) {
            return "access denied (check DB_USER / DB_PASS)";
        }
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains(PUBLIC_KEY_RETRIEVAL)) {
                return PUBLIC_KEY_RETRIEVAL_FIX;
            }
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}

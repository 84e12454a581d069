package io.hathor.reinit.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Where the wallet-service database is. The password is never part of {@link #toString()} or {@link #jdbcUrl()}.
 *
 * @param jdbcUrl JDBC URL without credentials (no user-info, no parameter naming a password, even percent-encoded)
 * @param user database user
 * @param password password (may be empty), kept out of every message
 * @param sslMode value for the driver's sslMode, or null to leave the driver's default
 * @param poolSize connections in the pool
 */
public record DatabaseSettings(String jdbcUrl, String user, String password, String sslMode, int poolSize) {

    public DatabaseSettings {
        List<String> problems = new ArrayList<>();
        if (jdbcUrl == null || jdbcUrl.isBlank()) {
            problems.add("no database given: set DB_ENDPOINT and DB_NAME (or pass --db-url)");
        } else if (!jdbcUrl.startsWith("jdbc:mysql:") && !jdbcUrl.startsWith("jdbc:mariadb:")) {
            problems.add("--db-url must be a jdbc:mysql:// URL");
        } else if (JdbcUrls.carriesPassword(jdbcUrl)) {
            problems.add("--db-url must not carry a password; use DB_PASS or --db-password-file");
        }
        if (user == null || user.isBlank()) {
            problems.add("no database user given: set DB_USER (or pass --db-user)");
        }
        if (poolSize < 1) {
            problems.add("database pool size must be at least 1");
        }
        if (!problems.isEmpty()) {
            throw ReinitException.configuration(String.join("; ", problems));
        }
        password = password == null ? "" : password;
    }

    /** Builds a URL from the wallet-service's variables. */
    public static String urlFor(String host, int port, String database) {
        return "jdbc:mysql://" + host + ":" + port + "/" + database;
    }

    /** The schema named in the URL (text after the host part, before any '?'). */
    public String schemaName() {
        String rest = jdbcUrl.replaceFirst("^jdbc:[a-z]+://[^/]*/?", "");
        int q = rest.indexOf('?');
        return q < 0 ? rest : rest.substring(0, q);
    }

    @Override
    public String toString() {
        return "DatabaseSettings[url=" + JdbcUrls.redacted(jdbcUrl) + ", user=" + user + ", password=<masked>, sslMode="
                + (sslMode == null ? "driver default" : sslMode) + ", poolSize=" + poolSize + "]";
    }
}

package io.hathor.reinit.cli;

import io.hathor.reinit.config.DatabaseSettings;
import io.hathor.reinit.config.ReinitException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Database flags; the wallet-service's DB_* variables (and .env) fill in what the flags leave out. */
public final class DatabaseOptions {
    @Option(names = "--db-url", paramLabel = "JDBC_URL",
            description = "Full JDBC URL (default: built from DB_ENDPOINT, DB_PORT, DB_NAME).")
    String url;

    @Option(names = "--db-user", paramLabel = "USER", description = "Database user (default: DB_USER).")
    String user;

    @Option(names = "--db-password-file", paramLabel = "FILE",
            description = "File holding the database password (default: DB_PASS). There is no password flag.")
    Path passwordFile;

    @Option(names = "--db-ssl-mode", paramLabel = "MODE",
            description = "Driver sslMode: DISABLED, PREFERRED, REQUIRED, VERIFY_CA, VERIFY_IDENTITY.")
    String sslMode;

    DatabaseSettings settings(int poolSize) {
        String jdbcUrl = url;
        if (jdbcUrl == null) {
            String host = Environment.get("DB_ENDPOINT");
            String name = Environment.get("DB_NAME");
            if (host == null || name == null) {
                throw ReinitException.configuration("no database given: set "
                        + (host == null ? "DB_ENDPOINT" : "DB_NAME") + " (or pass --db-url)");
            }
            int port = parsePort(Environment.getOr("DB_PORT", "3306"));
            jdbcUrl = DatabaseSettings.urlFor(host, port, name);
        }
        String dbUser = user != null ? user : Environment.get("DB_USER");
        return new DatabaseSettings(jdbcUrl, dbUser, password(), sslMode, poolSize);
    }

    private String password() {
        if (passwordFile == null) {
            return Environment.getOr("DB_PASS", "");
        }
        try {
            return Files.readString(passwordFile, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw ReinitException.configuration("cannot read --db-password-file " + passwordFile + ": "
                    + e.getClass().getSimpleName());
        }
    }

    private static int parsePort(String text) {
        try {
            int port = Integer.parseInt(text.trim());
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw ReinitException.configuration("DB_PORT must be a port number (got '" + text + "')");
        }
    }
}

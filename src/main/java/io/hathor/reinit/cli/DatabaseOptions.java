package io.hathor.reinit.cli;

import io.hathor.reinit.config.DatabaseSettings;
import io.hathor.reinit.config.ReinitException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Database flags; the wallet-service's DB_* variables (and .env) fill in what the flags leave out. */
public final class DatabaseOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

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
        // --db-url and --db-user default to the variables (Environment); here only to say what is missing.
        if (url == null) {
            Environment env = env();
            if (env.get("DB_ENDPOINT") == null || env.get("DB_NAME") == null) {
                throw ReinitException.configuration("no database given: set "
                        + (env.get("DB_ENDPOINT") == null ? "DB_ENDPOINT" : "DB_NAME") + " (or pass --db-url)");
            }
            parsePort(env.getOr("DB_PORT", "3306"));
        }
        return new DatabaseSettings(url, user, password(), sslMode, poolSize);
    }

    private String password() {
        if (passwordFile == null) {
            return env().getOr("DB_PASS", "");
        }
        try {
            return Files.readString(passwordFile, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw ReinitException.configuration("cannot read --db-password-file " + passwordFile + ": "
                    + e.getClass().getSimpleName());
        }
    }

    static int parsePort(String text) {
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

    /** The variables this command's defaults came from. */
    private Environment env() {
        return command != null && command.defaultValueProvider() instanceof Environment env ? env
                : Environment.current();
    }
}

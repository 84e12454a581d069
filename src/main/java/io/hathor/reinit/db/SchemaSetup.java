package io.hathor.reinit.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** Creates an empty wallet-service schema on a server (the demo's and the benchmarks' database). */
public final class SchemaSetup {
    private SchemaSetup() {}

    /**
     * Drops {@code name} if present, creates it (utf8mb4) and applies {@code sql/schema.sql}.
     *
     * @param serverUrl JDBC URL of the server without a schema, e.g. jdbc:mysql://127.0.0.1:3306/
     */
    public static void recreate(String serverUrl, String user, String password, String name) throws SQLException {
        recreate(serverUrl, user, password, name, SchemaFlavor.LEGACY);
    }

    /** As {@link #recreate(String, String, String, String)}, with the tables of {@code flavor}. */
    public static void recreate(String serverUrl, String user, String password, String name, SchemaFlavor flavor)
            throws SQLException {
        if (!name.matches("[A-Za-z0-9_]+")) {
            throw new IllegalArgumentException("schema name must be letters, digits and '_': " + name);
        }
        try (Connection c = DriverManager.getConnection(serverUrl, user, password); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS `" + name + "`");
            st.execute("CREATE DATABASE `" + name + "` CHARACTER SET utf8mb4");
        }
        String url = serverUrl.endsWith("/") ? serverUrl + name : serverUrl + "/" + name;
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            SchemaScript.apply(c, flavor);
        }
    }
}

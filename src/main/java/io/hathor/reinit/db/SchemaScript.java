package io.hathor.reinit.db;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies {@code sql/schema.sql} (packaged in the jar) to a database: the wallet-service tables, legacy flavor; for
 * the shielded flavor {@code sql/schema-shielded.sql} follows.
 */
public final class SchemaScript {
    private static final String RESOURCE = "/sql/schema.sql";
    private static final String SHIELDED_RESOURCE = "/sql/schema-shielded.sql";

    private SchemaScript() {}

    public static void apply(Connection connection) throws SQLException {
        apply(connection, SchemaFlavor.LEGACY);
    }

    public static void apply(Connection connection, SchemaFlavor flavor) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements()) {
                statement.execute(sql);
            }
            if (flavor == SchemaFlavor.SHIELDED) {
                for (String sql : shieldedStatements()) {
                    statement.execute(sql);
                }
            }
        }
    }

    /** The legacy script's statements, split on lines holding only ";" and stripped of comment lines. */
    public static List<String> statements() {
        return statements(RESOURCE);
    }

    /** The statements that turn a legacy schema into the shielded flavor. */
    public static List<String> shieldedStatements() {
        return statements(SHIELDED_RESOURCE);
    }

    private static List<String> statements(String resource) {
        try (InputStream in = SchemaScript.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            List<String> out = new ArrayList<>();
            StringBuilder current = new StringBuilder();
            for (String line : text.split("\n", -1)) {
                if (line.strip().equals(";")) {
                    if (!current.toString().isBlank()) {
                        out.add(current.toString().strip());
                    }
                    current.setLength(0);
                } else if (!line.strip().startsWith("--")) {
                    current.append(line).append('\n');
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.hathor.reinit.support;

import io.hathor.reinit.db.SchemaScript;
import io.hathor.reinit.demo.EmbeddedDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An embedded server of a test class's own, for tests that stop and restart it or that need server options the
 * shared {@link TestDatabase} server must not have; started before the class's first test, stopped after its last.
 * Register it as a static field: {@code @RegisterExtension static final DedicatedServer server =
 * DedicatedServer.withOptions("--log-bin");}.
 */
public final class DedicatedServer implements BeforeAllCallback, AfterAllCallback {
    private final List<String> options;
    private final boolean keepData;
    private Path keepRoot;
    private EmbeddedDatabase db;

    private DedicatedServer(List<String> options, boolean keepData) {
        this.options = List.copyOf(options);
        this.keepData = keepData;
    }

    /** A server started with these options (later ones win over the embedded defaults). */
    public static DedicatedServer withOptions(String... options) {
        return new DedicatedServer(List.of(options), false);
    }

    /** A server whose data files are kept in a folder of the class's own across a stop and a restart. */
    public static DedicatedServer restartable() {
        return new DedicatedServer(List.of(), true);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        if (keepData) {
            keepRoot = Files.createTempDirectory("reinit-dedicated-server");
        }
        db = EmbeddedDatabase.start(keepData ? keepRoot.resolve("data") : null, options);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        try {
            if (db != null) {
                db.close();
            }
        } finally {
            if (keepRoot != null) {
                try (Stream<Path> files = Files.walk(keepRoot)) {
                    files.sorted(Comparator.reverseOrder()).forEach(DedicatedServer::delete);
                }
            }
        }
    }

    public EmbeddedDatabase db() {
        return db;
    }

    /** A fresh schema with the wallet-service's tables and the daemon's sync row (id 0); returns its JDBC URL. */
    public String newSchema(String name) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(""), "root", "");
                Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4");
        }
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(name), "root", "")) {
            SchemaScript.apply(c);
            try (Statement st = c.createStatement()) {
                st.execute("INSERT INTO sync_metadata (id, last_event_id) VALUES (0, 1)");
            }
        }
        return db.jdbcUrl(name);
    }

    private static void delete(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

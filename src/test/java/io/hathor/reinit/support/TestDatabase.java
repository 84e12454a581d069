package io.hathor.reinit.support;

import io.hathor.reinit.db.SchemaFlavor;
import io.hathor.reinit.db.SchemaScript;
import io.hathor.reinit.demo.EmbeddedDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.mysql.MySQLContainer;

/**
 * One MySQL-compatible server per test JVM: {@code REINIT_TEST_JDBC_URL} (a server URL, no schema; user and password
 * in {@code REINIT_TEST_DB_USER} / {@code REINIT_TEST_DB_PASSWORD}) when set; else the server that the system
 * property {@code reinit.test.db} or the variable {@code REINIT_TEST_DB} names: {@code embedded} (the default, an
 * embedded MariaDB with MySQL 8's default sql_mode) or a MySQL image run by Testcontainers, {@code mysql:8.0} or
 * {@code mysql:8.4} (needs a Docker engine). Each test class asks for its own schema.
 */
public final class TestDatabase {
    private static final String EMBEDDED = "embedded";
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static Server server;

    /** Where the server is: base URL without schema, and credentials. */
    public record Server(String baseUrl, String user, String password) {
        public String url(String schema) {
            int query = baseUrl.indexOf('?');
            String base = query < 0 ? baseUrl : baseUrl.substring(0, query);
            String params = query < 0 ? "" : baseUrl.substring(query);
            return (base.endsWith("/") ? base : base + "/") + schema + params;
        }
    }

    /** A fresh schema holding the wallet-service tables (legacy flavor). */
    public record Schema(Server server, String name) {
        public String url() {
            return server.url(name);
        }

        public Connection connect() throws SQLException {
            return DriverManager.getConnection(url(), server.user(), server.password());
        }
    }

    private TestDatabase() {}

    public static synchronized Server server() {
        if (server == null) {
            server = startServer();
        }
        return server;
    }

    /** Creates a new schema named after {@code prefix} with the wallet-service tables. */
    public static Schema newSchema(String prefix) {
        return newSchema(prefix, SchemaFlavor.LEGACY);
    }

    /** Creates a new schema named after {@code prefix} with the wallet-service tables of {@code flavor}. */
    public static Schema newSchema(String prefix, SchemaFlavor flavor) {
        Server s = server();
        String name = (prefix.replaceAll("[^A-Za-z0-9]", "_") + "_" + COUNTER.incrementAndGet()).toLowerCase();
        if (name.length() > 60) {
            name = name.substring(name.length() - 60);
        }
        try (Connection c = DriverManager.getConnection(s.url(""), s.user(), s.password());
                Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS `" + name + "`");
            st.execute("CREATE DATABASE `" + name + "` CHARACTER SET utf8mb4");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test schema " + name, e);
        }
        Schema schema = new Schema(s, name);
        try (Connection c = schema.connect()) {
            SchemaScript.apply(c, flavor);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot apply schema.sql to " + name, e);
        }
        return schema;
    }

    private static Server startServer() {
        String url = System.getenv("REINIT_TEST_JDBC_URL");
        if (url != null && !url.isBlank()) {
            return new Server(url, envOr("REINIT_TEST_DB_USER", "root"), envOr("REINIT_TEST_DB_PASSWORD", ""));
        }
        String kind = System.getProperty("reinit.test.db", envOr("REINIT_TEST_DB", EMBEDDED)).strip();
        if (kind.startsWith("mysql:")) {
            if (!dockerAnswers()) {
                throw new IllegalStateException("reinit.test.db=" + kind + " needs a Docker engine for Testcontainers");
            }
            // The image's defaults: MySQL 8's sql_mode, caching_sha2_password, TLS with its own certificate.
            MySQLContainer mysql = new MySQLContainer(kind).withUsername("root").withPassword("test")
                    .withCommand("--max-connections=500");
            mysql.start();
            String base = "jdbc:mysql://" + mysql.getHost() + ":" + mysql.getMappedPort(3306) + "/";
            return new Server(base, "root", "test");
        }
        if (!kind.equals(EMBEDDED)) {
            throw new IllegalStateException("reinit.test.db must be embedded, mysql:8.0 or mysql:8.4, not " + kind);
        }
        EmbeddedDatabase db = EmbeddedDatabase.start(null);
        Runtime.getRuntime().addShutdownHook(new Thread(db::close, "embedded-mariadb-stop"));
        return new Server("jdbc:mysql://127.0.0.1:" + db.port() + "/", "root", "");
    }

    private static boolean dockerAnswers() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable e) {
            return false;
        }
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}

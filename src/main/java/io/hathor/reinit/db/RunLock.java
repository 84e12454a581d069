package io.hathor.reinit.db;

import io.hathor.reinit.config.DatabaseSettings;
import io.hathor.reinit.config.ExitStatus;
import io.hathor.reinit.config.JdbcUrls;
import io.hathor.reinit.config.ReinitException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run per database: a MySQL advisory lock ({@code GET_LOCK(nameFor(schema), 0)}) held on a connection of its own,
 * outside the pool, for the whole run. The server releases it when that connection ends, so a crashed run never
 * leaves it behind. A watcher checks the connection several times a second; once it is lost, {@link #awaitHeld}
 * blocks every new load until the lock is taken back on a fresh connection, and fails for good when another run
 * took it first.
 */
public final class RunLock implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RunLock.class);
    private static final Duration WATCH_EVERY = Duration.ofMillis(200);
    private static final Duration REGAIN_EVERY = Duration.ofSeconds(1);

    private static final String GET_LOCK = "SELECT GET_LOCK(?, 0), CONNECTION_ID()";
    private static final String RELEASE_LOCK = "SELECT RELEASE_LOCK(?)";
    private static final String HOLDER_IS_ME = "SELECT IS_USED_LOCK(?) = CONNECTION_ID()";
    private static final String RUNNING_RUN = """
            SELECT run_id, host, started_at_ms FROM reinit_run WHERE state = 'running'
            ORDER BY started_at_ms DESC LIMIT 1""";

    /** Where the lock stands. */
    public enum State {
        /** This run holds it. */
        HELD,
        /** Its connection ended; this run is trying to take it back. */
        LOST,
        /** Another session took it after this run lost it: this run must not load anything more. */
        TAKEN
    }

    private final DatabaseSettings settings;
    private final String name;
    private Connection connection;
    private volatile long connectionId;
    private volatile State state = State.HELD;
    private volatile String takenBy;
    private Instant lastRegainAttempt = Instant.EPOCH;
    private LongConsumer onRetaken = id -> { };
    private Thread watcher;

    private RunLock(DatabaseSettings settings, String name, Connection connection, long connectionId) {
        this.settings = settings;
        this.name = name;
        this.connection = connection;
        this.connectionId = connectionId;
    }

    /** MySQL refuses lock names longer than this. */
    static final int MAX_NAME_LENGTH = 64;
    private static final String PREFIX = "reinit:";
    private static final String HOLDER = "SELECT IS_USED_LOCK(?) AS holder";

    /**
     * The lock's name for a schema ({@code reinit:<schema>}); shared with every tool that must not run beside a
     * re-initialization. A schema name too long for a lock name is replaced by its sha256 prefix.
     */
    public static String nameFor(String schema) {
        String name = PREFIX + schema;
        if (name.length() <= MAX_NAME_LENGTH) {
            return name;
        }
        return PREFIX + io.hathor.reinit.wallet.Hashes.hex(io.hathor.reinit.wallet.Hashes.sha256(
                schema.getBytes(java.nio.charset.StandardCharsets.UTF_8))).substring(0, MAX_NAME_LENGTH - PREFIX.length());
    }

    /** The connection id holding the lock of {@code schema}, or null when no session holds it (read only). */
    public static Long holder(Connection connection, String schema) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(HOLDER)) {
            ps.setString(1, nameFor(schema));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long id = rs.getLong("holder");
                return rs.wasNull() ? null : id;
            }
        }
    }

    /**
     * Takes the lock or fails at once.
     *
     * @throws ReinitException USAGE naming the run that holds it (host and run id, from the journal), or when the
     *     database can't be reached
     */
    public static RunLock acquire(DatabaseSettings settings) {
        return acquire(settings, ExitStatus.USAGE);
    }

    /** Takes the lock or fails at once; {@code whenHeld} is the exit status when another session holds it. */
    public static RunLock acquire(DatabaseSettings settings, ExitStatus whenHeld) {
        String name = nameFor(settings.schemaName());
        Connection c = null;
        try {
            c = connect(settings);
            long id = tryLock(c, name);
            if (id >= 0) {
                LOG.info("run lock '{}' taken (connection {})", name, id);
                return new RunLock(settings, name, c, id);
            }
            String holder = describeHolder(c);
            c.close();
            throw new ReinitException(whenHeld, "another reinit run is working on database "
                    + settings.schemaName() + " (" + holder + "); wait for it to end, or stop it first");
        } catch (SQLException e) {
            closeQuietly(c);
            throw ReinitException.configuration("cannot take the run lock on " + JdbcUrls.redacted(settings.jdbcUrl()) + ": "
                    + DataSources.describe(e));
        }
    }

    public String name() {
        return name;
    }

    /** The server's id of the connection that holds the lock now (it changes when the lock is taken back). */
    public long connectionId() {
        return connectionId;
    }

    public State state() {
        return state;
    }

    /** Called with the new connection id each time the lock is taken back after its connection ended. */
    public synchronized void onRetaken(LongConsumer callback) {
        this.onRetaken = callback;
    }

    /** Starts checking the lock connection in the background: a loss stops new loads within a fraction of a second. */
    public synchronized void watch() {
        if (watcher != null) {
            return;
        }
        watcher = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted() && state != State.TAKEN) {
                check();
                try {
                    Thread.sleep(WATCH_EVERY.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "reinit-lock-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    /**
     * Returns once this run holds the lock; with {@code verify}, checks it on the server first (one round trip),
     * else trusts the watcher's last check.
     *
     * @throws ReinitException ABORTED when another session took it, or when it could not be taken back within
     *     {@code maxWait}
     */
    public void awaitHeld(Duration maxWait, boolean verify) throws InterruptedException {
        Instant giveUp = Instant.now().plus(maxWait);
        if (verify || state != State.HELD) {
            check();
        }
        while (state != State.HELD) {
            if (state == State.TAKEN) {
                throw new ReinitException(ExitStatus.ABORTED, "another run took the run lock " + name + " ("
                        + takenBy + ") after this run lost its connection; stopped without loading anything more");
            }
            if (Instant.now().isAfter(giveUp)) {
                throw new ReinitException(ExitStatus.ABORTED, "the run lock " + name
                        + " could not be taken back within " + maxWait.toSeconds() + " s after its connection ended");
            }
            Thread.sleep(100);
            check();
        }
    }

    /**
     * Fails when another session took the lock; a lock being taken back does not fail.
     *
     * @throws ReinitException ABORTED when another session holds it
     */
    public void failIfTaken() {
        if (state == State.TAKEN) {
            throw new ReinitException(ExitStatus.ABORTED, "another run took the run lock " + name + " (" + takenBy
                    + ") after this run lost its connection; stopped without loading anything more");
        }
    }

    /** One step: verify the held lock, or try to take a lost one back (at most once per second). */
    synchronized void check() {
        if (state == State.HELD) {
            if (stillHeld()) {
                return;
            }
            state = State.LOST;
            closeQuietly(connection);
            connection = null;
            LOG.error("run lock '{}' lost: its connection ended; no new loads until it is taken back", name);
        }
        if (state != State.LOST || Instant.now().isBefore(lastRegainAttempt.plus(REGAIN_EVERY))) {
            return;
        }
        lastRegainAttempt = Instant.now();
        Connection c = null;
        try {
            c = connect(settings);
            long id = tryLock(c, name);
            if (id >= 0) {
                connection = c;
                connectionId = id;
                state = State.HELD;
                LOG.warn("run lock '{}' taken back on a fresh connection ({})", name, id);
                onRetaken.accept(id);
                return;
            }
            takenBy = describeHolder(c);
            state = State.TAKEN;
            LOG.error("run lock '{}' is now held by another run ({}): stopping", name, takenBy);
            c.close();
        } catch (SQLException e) {
            closeQuietly(c);
            LOG.warn("cannot take the run lock back yet: {}", DataSources.describe(e));
        }
    }

    private boolean stillHeld() {
        try {
            if (connection != null) {
                try (PreparedStatement ps = connection.prepareStatement(HOLDER_IS_ME)) {
                    ps.setString(1, name);
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next() && rs.getInt(1) == 1;
                    }
                }
            }
        } catch (SQLException e) {
            LOG.debug("run lock check failed: {}", e.getMessage());
            // A query that failed on a live connection (e.g. a timeout on a busy server) loses nothing: the lock
            // goes only with its connection.
            try {
                return connection.isValid(2);
            } catch (SQLException gone) {
                return false;
            }
        }
        return false;
    }

    @Override
    public synchronized void close() {
        if (watcher != null) {
            watcher.interrupt();
            watcher = null;
        }
        if (connection == null) {
            return;
        }
        try (PreparedStatement ps = connection.prepareStatement(RELEASE_LOCK)) {
            ps.setString(1, name);
            ps.executeQuery().close();
        } catch (SQLException e) {
            LOG.debug("releasing the run lock: {}", e.getMessage());
        }
        closeQuietly(connection);
        connection = null;
    }

    private static Connection connect(DatabaseSettings settings) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", settings.user());
        p.setProperty("password", settings.password());
        p.setProperty("connectTimeout", "10000");
        p.setProperty("socketTimeout", "5000"); // a hung server must not hang the lock checks
        p.setProperty("tcpKeepAlive", "true");
        if (settings.sslMode() != null) {
            p.setProperty("sslMode", settings.sslMode());
        }
        return DriverManager.getConnection(settings.jdbcUrl(), p);
    }

    /** The connection's id when it took the lock, else -1. */
    private static long tryLock(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(GET_LOCK)) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getInt(1) == 1 ? rs.getLong(2) : -1;
            }
        }
    }

    private static String describeHolder(Connection c) {
        try (PreparedStatement ps = c.prepareStatement(RUNNING_RUN); ResultSet rs = ps.executeQuery()) {
            if (rs.next()) {
                return "run " + rs.getString("run_id") + " on host " + rs.getString("host") + ", started "
                        + Instant.ofEpochMilli(rs.getLong("started_at_ms"));
            }
        } catch (SQLException e) {
            LOG.debug("cannot read reinit_run: {}", e.getMessage());
        }
        return "run id and host unknown: it has not written its journal row yet";
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                LOG.debug("closing the lock connection: {}", e.getMessage());
            }
        }
    }
}

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
import java.time.Instant;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run per database: a MySQL advisory lock ({@code GET_LOCK(nameFor(schema), 0)}) held on a connection of its own,
 * outside the pool, for the whole run. The server releases it when that connection ends, so a crashed run never
 * leaves it behind. If the connection drops (a server restart), {@link #keepHeld()} takes the lock again.
 */
public final class RunLock implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RunLock.class);

    private static final String GET_LOCK = "SELECT GET_LOCK(?, 0)";
    private static final String RELEASE_LOCK = "SELECT RELEASE_LOCK(?)";
    private static final String HOLDER_IS_ME = "SELECT IS_USED_LOCK(?) = CONNECTION_ID()";
    private static final String RUNNING_RUN = """
            SELECT run_id, host, started_at_ms FROM reinit_run WHERE state = 'running'
            ORDER BY started_at_ms DESC LIMIT 1""";

    private final DatabaseSettings settings;
    private final String name;
    private Connection connection;

    private RunLock(DatabaseSettings settings, String name, Connection connection) {
        this.settings = settings;
        this.name = name;
        this.connection = connection;
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
            if (tryLock(c, name)) {
                LOG.info("run lock '{}' taken", name);
                return new RunLock(settings, name, c);
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

    /**
     * Checks that this connection still holds the lock; after a dropped connection it reconnects and takes it
     * again. Returns false when another run took it meanwhile (the caller should stop).
     */
    public synchronized boolean keepHeld() {
        try {
            if (connection != null && connection.isValid(2)) {
                try (PreparedStatement ps = connection.prepareStatement(HOLDER_IS_ME)) {
                    ps.setString(1, name);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next() && rs.getInt(1) == 1) {
                            return true;
                        }
                    }
                }
            }
        } catch (SQLException e) {
            LOG.debug("run lock check failed: {}", e.getMessage());
        }
        closeQuietly(connection);
        connection = null;
        try {
            Connection c = connect(settings);
            if (tryLock(c, name)) {
                connection = c;
                LOG.warn("run lock '{}' taken again after its connection dropped", name);
                return true;
            }
            LOG.error("run lock '{}' is now held by another run ({})", name, describeHolder(c));
            c.close();
            return false;
        } catch (SQLException e) {
            LOG.warn("cannot take the run lock again yet: {}", DataSources.describe(e));
            return true; // the database is away; the outage handling decides, not the lock
        }
    }

    @Override
    public synchronized void close() {
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
        p.setProperty("tcpKeepAlive", "true");
        if (settings.sslMode() != null) {
            p.setProperty("sslMode", settings.sslMode());
        }
        return DriverManager.getConnection(settings.jdbcUrl(), p);
    }

    private static boolean tryLock(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(GET_LOCK)) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getInt(1) == 1;
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

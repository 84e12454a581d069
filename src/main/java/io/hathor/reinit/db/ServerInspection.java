package io.hathor.reinit.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The server settings a run depends on, read without changing anything: flavor and version, TLS, connection limits,
 * binary logging and sql_mode; and the schema, grants, sync row and run lock that {@code reinit check} reads. Works on MySQL 8.0/8.4 and MariaDB (every variable and status read exists on both).
 */
public final class ServerInspection {
    private static final String VARIABLES = """
            SELECT VERSION() AS version, @@version_comment AS version_comment, USER() AS client,
                   @@max_connections AS max_connections, @@max_user_connections AS max_user_connections,
                   @@log_bin AS log_bin, @@SESSION.binlog_format AS binlog_format, @@SESSION.sql_mode AS sql_mode""";
    private static final String BUFFER_POOL = "SELECT @@innodb_buffer_pool_size";
    /** Data and indexes of the tables a load reads and writes (InnoDB's estimates). */
    private static final String LOAD_TABLE_BYTES = """
            SELECT COALESCE(SUM(DATA_LENGTH + INDEX_LENGTH), 0) FROM information_schema.TABLES
             WHERE TABLE_SCHEMA = DATABASE()
               AND TABLE_NAME IN ('address', 'address_balance', 'address_tx_history', 'wallet', 'wallet_balance',
                                  'wallet_tx_history')""";
    private static final String THREADS_CONNECTED = "SHOW GLOBAL STATUS LIKE 'Threads_connected'";
    private static final String SSL_CIPHER = "SHOW SESSION STATUS LIKE 'Ssl_cipher'";
    /** MySQL 8 and MariaDB 11.1+; older MariaDB only knows tx_isolation. */
    private static final String ISOLATION = "SELECT @@GLOBAL.transaction_isolation";
    private static final String ISOLATION_OLD = "SELECT @@GLOBAL.tx_isolation";

    /**
     * What the server says about itself, seen from one of the tool's connections.
     *
     * @param version VERSION(), e.g. 8.0.39 or 11.4.5-MariaDB
     * @param versionComment @@version_comment, e.g. "MySQL Community Server - GPL"
     * @param clientHost the host the server sees this connection from (USER() after the '@')
     * @param tlsCipher the session's Ssl_cipher, empty when the connection is not encrypted
     * @param maxConnections @@max_connections
     * @param maxUserConnections @@max_user_connections for this account, 0 when unlimited
     * @param threadsConnected Threads_connected: every open connection, this one included
     * @param logBin whether the binary log is on
     * @param binlogFormat the session's binlog_format (ROW, STATEMENT or MIXED)
     * @param sqlMode the session's sql_mode
     * @param isolation the server's default transaction isolation (REPEATABLE-READ, READ-COMMITTED, …)
     */
    public record ServerFacts(String version, String versionComment, String clientHost, String tlsCipher,
            int maxConnections, int maxUserConnections, int threadsConnected, boolean logBin, String binlogFormat,
            String sqlMode, String isolation) {

        public boolean mariaDb() {
            return version.toLowerCase(Locale.ROOT).contains("mariadb")
                    || versionComment.toLowerCase(Locale.ROOT).contains("mariadb");
        }

        /** "MySQL 8.0.39" or "MariaDB 11.4.5". */
        public String product() {
            String bare = version.replaceFirst("-.*$", "");
            return (mariaDb() ? "MariaDB " : "MySQL ") + bare;
        }

        /** The major version: 8 for MySQL 8.0 and 8.4, 11 for MariaDB 11.4. */
        public int major() {
            try {
                return Integer.parseInt(version.replaceFirst("\\..*$", ""));
            } catch (NumberFormatException e) {
                return 0;
            }
        }

        public boolean encrypted() {
            return !tlsCipher.isEmpty();
        }

        /** True when the server sees this connection coming from its own machine. */
        public boolean localClient() {
            String host = clientHost.toLowerCase(Locale.ROOT);
            return host.equals("localhost") || host.equals("127.0.0.1") || host.equals("::1");
        }

        /** Binary logging in STATEMENT format: READ COMMITTED writes to InnoDB fail with error 1665. */
        public boolean statementBinlog() {
            return logBin && "STATEMENT".equalsIgnoreCase(binlogFormat);
        }

        /** READ COMMITTED or READ UNCOMMITTED by default: every session's writes are row-logged only. */
        public boolean readCommittedByDefault() {
            return isolation.toUpperCase(Locale.ROOT).startsWith("READ");
        }
    }

    /**
     * InnoDB's page cache against the tables a load works on.
     *
     * @param poolBytes @@innodb_buffer_pool_size
     * @param tableBytes data and indexes of address, address_balance, address_tx_history and the wallet tables
     */
    public record Memory(long poolBytes, long tableBytes) {}

    private final DataSource dataSource;

    public ServerInspection(Database database) {
        this(database.dataSource());
    }

    ServerInspection(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public ServerFacts facts() {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            String version;
            String comment;
            String client;
            int maxConnections;
            int maxUserConnections;
            boolean logBin;
            String binlogFormat;
            String sqlMode;
            try (ResultSet rs = st.executeQuery(VARIABLES)) {
                rs.next();
                version = nullToEmpty(rs.getString("version"));
                comment = nullToEmpty(rs.getString("version_comment"));
                String user = nullToEmpty(rs.getString("client"));
                client = user.substring(user.lastIndexOf('@') + 1);
                maxConnections = rs.getInt("max_connections");
                maxUserConnections = rs.getInt("max_user_connections");
                logBin = rs.getInt("log_bin") == 1;
                binlogFormat = nullToEmpty(rs.getString("binlog_format"));
                sqlMode = nullToEmpty(rs.getString("sql_mode"));
            }
            int threads = Integer.parseInt(statusValue(st, THREADS_CONNECTED, "0"));
            String cipher = statusValue(st, SSL_CIPHER, "");
            return new ServerFacts(version, comment, client, cipher, maxConnections, maxUserConnections, threads,
                    logBin, binlogFormat, sqlMode, isolation(st));
        } catch (SQLException e) {
            throw DatabaseException.of(e);
        }
    }

    /** The buffer pool and the load tables' current sizes (MySQL's cached table statistics refreshed first). */
    public Memory memory() {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            if (!isMariaDb(st)) {
                // MySQL 8 caches information_schema.TABLES sizes for a day by default
                st.execute("SET SESSION information_schema_stats_expiry = 0");
            }
            long pool;
            try (ResultSet rs = st.executeQuery(BUFFER_POOL)) {
                rs.next();
                pool = rs.getLong(1);
            }
            try (ResultSet rs = st.executeQuery(LOAD_TABLE_BYTES)) {
                rs.next();
                return new Memory(pool, rs.getLong(1));
            }
        } catch (SQLException e) {
            throw DatabaseException.of(e);
        }
    }

    /** The current schema (DATABASE()); null when the URL names none. */
    public String currentSchema() {
        try (Connection c = dataSource.getConnection()) {
            return SchemaCatalog.currentSchema(c);
        } catch (SQLException e) {
            throw DatabaseException.of(e);
        }
    }

    /** The lines of SHOW GRANTS for the current user. */
    public List<String> grants() {
        try (Connection c = dataSource.getConnection()) {
            return ServerChecks.grants(c);
        } catch (SQLException e) {
            throw DatabaseException.of(e);
        }
    }

    public SchemaFlavor schemaFlavor() {
        try (Connection c = dataSource.getConnection()) {
            return SchemaInspector.flavor(c);
        } catch (SQLException e) {
            throw DatabaseException.of(e);
        }
    }

    /** Columns by table of the current schema. */
    public Map<String, Set<String>> columns() {
        try (Connection c = dataSource.getConnection()) {
            return SchemaCatalog.columns(c);
        } catch (SQLException e) {
            throw DatabaseException.of(e);
        }
    }

    /** sync_metadata.last_event_id of the daemon's row (id 0), or null when the row is absent. */
    public Long lastEventId() {
        try (Connection c = dataSource.getConnection()) {
            return ServerChecks.lastEventId(c);
        } catch (SQLException e) {
            throw DatabaseException.of(e);
        }
    }

    /** The connection id holding the run lock of {@code schema}, or null when it is free. */
    public Long lockHolder(String schema) {
        try (Connection c = dataSource.getConnection()) {
            return RunLock.holder(c, schema);
        } catch (SQLException e) {
            throw DatabaseException.of(e);
        }
    }

    private static boolean isMariaDb(Statement st) throws SQLException {
        try (ResultSet rs = st.executeQuery("SELECT VERSION()")) {
            rs.next();
            return nullToEmpty(rs.getString(1)).toLowerCase(Locale.ROOT).contains("mariadb");
        }
    }

    private static String isolation(Statement st) throws SQLException {
        try (ResultSet rs = st.executeQuery(ISOLATION)) {
            rs.next();
            return nullToEmpty(rs.getString(1));
        } catch (SQLException e) {
            try (ResultSet rs = st.executeQuery(ISOLATION_OLD)) {
                rs.next();
                return nullToEmpty(rs.getString(1));
            }
        }
    }

    private static String statusValue(Statement st, String show, String absent) throws SQLException {
        try (ResultSet rs = st.executeQuery(show)) {
            return rs.next() ? nullToEmpty(rs.getString("Value")) : absent;
        }
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}

package io.hathor.reinit.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The tool's own history, kept in the wallet-service database beside its tables (as Flyway keeps its history
 * table): one row per run and one per invocation. It is what lets a rerun after a crash poll a wallet that is
 * still loading instead of invoking it twice.
 */
public final class Journal {
    public static final String RUN_TABLE = "reinit_run";
    public static final String ATTEMPT_TABLE = "reinit_attempt";

    private static final String CREATE_RUN = """
            CREATE TABLE IF NOT EXISTS reinit_run (
              run_id VARCHAR(40) NOT NULL,
              started_at_ms BIGINT NOT NULL,
              ended_at_ms BIGINT NULL,
              host VARCHAR(255) NOT NULL,
              csv_sha256 CHAR(64) NULL,
              options TEXT NOT NULL,
              state VARCHAR(16) NOT NULL,
              total INT NOT NULL DEFAULT 0,
              ready INT NOT NULL DEFAULT 0,
              error INT NOT NULL DEFAULT 0,
              timeout INT NOT NULL DEFAULT 0,
              invoke_failed INT NOT NULL DEFAULT 0,
              skipped_ready INT NOT NULL DEFAULT 0,
              conflicts INT NOT NULL DEFAULT 0,
              invalid INT NOT NULL DEFAULT 0,
              repaired INT NOT NULL DEFAULT 0,
              abort_reason VARCHAR(500) NULL,
              PRIMARY KEY (run_id)
            ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4""";

    private static final String CREATE_ATTEMPT = """
            CREATE TABLE IF NOT EXISTS reinit_attempt (
              attempt_id BIGINT NOT NULL AUTO_INCREMENT,
              run_id VARCHAR(40) NOT NULL,
              wallet_id VARCHAR(64) NOT NULL,
              invoked_at_ms BIGINT NOT NULL,
              repaired_rows INT NOT NULL DEFAULT 0,
              loader VARCHAR(16) NOT NULL DEFAULT 'lambda',
              outcome VARCHAR(20) NULL,
              outcome_at_ms BIGINT NULL,
              detail VARCHAR(500) NULL,
              PRIMARY KEY (attempt_id),
              KEY reinit_attempt_wallet_idx (wallet_id, invoked_at_ms),
              KEY reinit_attempt_run_idx (run_id)
            ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4""";

    private static final String INSERT_RUN = """
            INSERT INTO reinit_run (run_id, started_at_ms, host, csv_sha256, options, state)
            VALUES (?, ?, ?, ?, ?, 'running')
            ON DUPLICATE KEY UPDATE run_id = run_id""";

    /** Runs still marked running while this run holds the run lock ended without closing their row. */
    private static final String MARK_INTERRUPTED = """
            UPDATE reinit_run SET state = 'interrupted', ended_at_ms = ?,
                   abort_reason = 'the process ended without closing its run (killed or crashed)'
            WHERE state = 'running' AND run_id <> ?""";

    private static final String FINISH_RUN = """
            UPDATE reinit_run SET ended_at_ms = ?, state = ?, total = ?, ready = ?, error = ?, timeout = ?,
                   invoke_failed = ?, skipped_ready = ?, conflicts = ?, invalid = ?, repaired = ?, abort_reason = ?
            WHERE run_id = ?""";

    private static final String INSERT_ATTEMPT = """
            INSERT INTO reinit_attempt (run_id, wallet_id, invoked_at_ms, repaired_rows, loader) VALUES (?, ?, ?, ?, ?)""";

    private static final String SET_OUTCOME = """
            UPDATE reinit_attempt SET outcome = ?, outcome_at_ms = ?, detail = ? WHERE attempt_id = ?""";

    /**
     * Invocations that may still be loading: Lambda ones (an in-process load dies with its process, and the run lock
     * says no other process is loading), not known to have failed or been withdrawn, younger than the timeout.
     */
    private static final String LIVE_INVOCATIONS = """
            SELECT wallet_id, MAX(invoked_at_ms) AS invoked_at_ms, MAX(attempt_id) AS attempt_id FROM reinit_attempt
            WHERE invoked_at_ms > ? AND loader = 'lambda' AND (outcome IS NULL OR outcome NOT IN ('INVOKE_FAILED', 'ABORTED'))
              AND wallet_id IN (%s)
            GROUP BY wallet_id""";

    private static final String LAST_RUN = """
            SELECT run_id, started_at_ms, ended_at_ms, host, state, total, ready, error, timeout, invoke_failed,
                   skipped_ready, conflicts, invalid, repaired, abort_reason
            FROM reinit_run ORDER BY started_at_ms DESC LIMIT 1""";

    private final DataSource dataSource;

    public Journal(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Counts written when a run ends. */
    public record RunCounts(int total, int ready, int error, int timeout, int invokeFailed, int skippedReady,
            int conflicts, int invalid, int repaired) {}

    /** A run as recorded. */
    public record RunRecord(String runId, Instant startedAt, Instant endedAt, String host, String state,
            RunCounts counts, String abortReason) {}

    public void createTablesIfAbsent() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute(CREATE_RUN);
            st.execute(CREATE_ATTEMPT);
        }
    }

    public void startRun(String runId, Instant startedAt, String host, String csvSha256, String options)
            throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(INSERT_RUN)) {
            ps.setString(1, runId);
            ps.setLong(2, startedAt.toEpochMilli());
            ps.setString(3, host);
            ps.setString(4, csvSha256);
            ps.setString(5, options);
            ps.executeUpdate();
        }
    }

    public void finishRun(String runId, Instant endedAt, String state, RunCounts n, String abortReason)
            throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(FINISH_RUN)) {
            int i = 1;
            ps.setLong(i++, endedAt.toEpochMilli());
            ps.setString(i++, state);
            for (int v : new int[] {n.total(), n.ready(), n.error(), n.timeout(), n.invokeFailed(), n.skippedReady(),
                n.conflicts(), n.invalid(), n.repaired()}) {
                ps.setInt(i++, v);
            }
            ps.setString(i++, abortReason == null ? null : truncate(abortReason));
            ps.setString(i, runId);
            ps.executeUpdate();
        }
    }

    /**
     * Marks the runs left 'running' by a process that died as 'interrupted'. Call only while holding the run lock:
     * then no other run can be alive.
     *
     * @return rows changed
     */
    public int markInterruptedRuns(String currentRunId, Instant now) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(MARK_INTERRUPTED)) {
            ps.setLong(1, now.toEpochMilli());
            ps.setString(2, currentRunId);
            return ps.executeUpdate();
        }
    }

    /** Records an invocation before it is sent, so a crash right after it is still known to a rerun. */
    public long recordInvocation(String runId, String walletId, Instant at, int repairedRows) throws SQLException {
        return recordInvocation(runId, walletId, at, repairedRows, "lambda");
    }

    /** As above; {@code loader} is "lambda" or "direct". */
    public long recordInvocation(String runId, String walletId, Instant at, int repairedRows, String loader)
            throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(INSERT_ATTEMPT, Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, runId);
            ps.setString(2, walletId);
            ps.setLong(3, at.toEpochMilli());
            ps.setInt(4, repairedRows);
            ps.setString(5, loader);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    public void recordOutcome(long attemptId, String outcome, Instant at, String detail) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(SET_OUTCOME)) {
            ps.setString(1, outcome);
            ps.setLong(2, at.toEpochMilli());
            if (detail == null) {
                ps.setNull(3, Types.VARCHAR);
            } else {
                ps.setString(3, truncate(detail));
            }
            ps.setLong(4, attemptId);
            ps.executeUpdate();
        }
    }

    /** Latest live invocation per wallet among {@code walletIds}, invoked after {@code since}. */
    /** A journaled invocation that may still be loading. */
    public record LiveInvocation(Instant invokedAt, long attemptId) {}

    public Map<String, LiveInvocation> liveInvocations(List<String> walletIds, Instant since) throws SQLException {
        Map<String, LiveInvocation> out = new HashMap<>();
        try (Connection c = dataSource.getConnection()) {
            for (List<String> chunk : WalletRepository.chunks(walletIds)) {
                try (PreparedStatement ps = c.prepareStatement(
                        LIVE_INVOCATIONS.formatted(Sql.placeholders(chunk.size())))) {
                    ps.setLong(1, since.toEpochMilli());
                    for (int i = 0; i < chunk.size(); i++) {
                        ps.setString(i + 2, chunk.get(i));
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.put(rs.getString(1), new LiveInvocation(Instant.ofEpochMilli(rs.getLong(2)),
                                    rs.getLong(3)));
                        }
                    }
                }
            }
        }
        return out;
    }

    /** The most recent run, or null when the journal is empty or absent. */
    public RunRecord lastRun() throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(LAST_RUN);
                ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return null;
            }
            long ended = rs.getLong("ended_at_ms");
            Instant endedAt = rs.wasNull() ? null : Instant.ofEpochMilli(ended);
            RunCounts counts = new RunCounts(rs.getInt("total"), rs.getInt("ready"), rs.getInt("error"),
                    rs.getInt("timeout"), rs.getInt("invoke_failed"), rs.getInt("skipped_ready"),
                    rs.getInt("conflicts"), rs.getInt("invalid"), rs.getInt("repaired"));
            return new RunRecord(rs.getString("run_id"), Instant.ofEpochMilli(rs.getLong("started_at_ms")), endedAt,
                    rs.getString("host"), rs.getString("state"), counts, rs.getString("abort_reason"));
        }
    }

    private static String truncate(String s) {
        return s.length() <= 500 ? s : s.substring(0, 497) + "...";
    }
}

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
              lock_connection_id BIGINT NULL,
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
              sent_at_ms BIGINT NULL,
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

    /**
     * Runs still marked running whose lock connection no longer holds the run lock ended without closing their row.
     * The server names the lock's holder; a run whose recorded connection still holds it is alive.
     */
    private static final String MARK_INTERRUPTED = """
            UPDATE reinit_run SET state = 'interrupted', ended_at_ms = ?,
                   abort_reason = 'the process ended without closing its run (killed or crashed)'
            WHERE state = 'running' AND run_id <> ?
              AND (lock_connection_id IS NULL OR COALESCE(IS_USED_LOCK(?), -1) <> lock_connection_id)""";

    private static final String FINISH_RUN = """
            UPDATE reinit_run SET ended_at_ms = ?, state = ?, total = ?, ready = ?, error = ?, timeout = ?,
                   invoke_failed = ?, skipped_ready = ?, conflicts = ?, invalid = ?, repaired = ?, abort_reason = ?
            WHERE run_id = ?""";

    private static final String INSERT_ATTEMPT = """
            INSERT INTO reinit_attempt (run_id, wallet_id, invoked_at_ms, repaired_rows, loader) VALUES (?, ?, ?, ?, ?)""";

    private static final String SET_OUTCOME = """
            UPDATE reinit_attempt SET outcome = ?, outcome_at_ms = ?, detail = ? WHERE attempt_id = ?""";

    /** The latest attempt of each wallet among a chunk of ids. */
    private static final String LATEST_ATTEMPTS = """
            SELECT a.wallet_id, a.attempt_id, a.invoked_at_ms, a.sent_at_ms, a.outcome, a.loader
            FROM reinit_attempt a
            JOIN (SELECT MAX(attempt_id) AS attempt_id FROM reinit_attempt WHERE wallet_id IN (%s) GROUP BY wallet_id) m
              ON m.attempt_id = a.attempt_id""";

    private static final String MARK_SENT = "UPDATE reinit_attempt SET sent_at_ms = ? WHERE attempt_id = ?";

    /** Journals written before the sent time existed: their open Lambda attempts are taken as sent (the safe side). */
    private static final String ADD_SENT_AT =
            "ALTER TABLE reinit_attempt ADD COLUMN sent_at_ms BIGINT NULL AFTER repaired_rows";
    private static final String BACKFILL_SENT_AT = """
            UPDATE reinit_attempt SET sent_at_ms = invoked_at_ms WHERE loader = 'lambda' AND outcome IS NULL""";
    private static final String ADD_LOCK_CONNECTION =
            "ALTER TABLE reinit_run ADD COLUMN lock_connection_id BIGINT NULL";

    /** A running run's size and the wallets it decided without a load, for the progress that status shows. */
    private static final String RECORD_PLAN = """
            UPDATE reinit_run SET total = ?, skipped_ready = ?, conflicts = ?, error = ? WHERE run_id = ?""";

    private static final String SET_LOCK_CONNECTION = "UPDATE reinit_run SET lock_connection_id = ? WHERE run_id = ?";

    private static final String LAST_RUN = """
            SELECT run_id, started_at_ms, ended_at_ms, host, state, total, ready, error, timeout, invoke_failed,
                   skipped_ready, conflicts, invalid, repaired, abort_reason
            FROM reinit_run ORDER BY started_at_ms DESC LIMIT 1""";

    private final DataSource dataSource;

    public Journal(Database database) {
        this(database.dataSource());
    }

    Journal(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Counts written when a run ends. */
    public record RunCounts(int total, int ready, int error, int timeout, int invokeFailed, int skippedReady,
            int conflicts, int invalid, int repaired) {}

    /** A run as recorded. */
    public record RunRecord(String runId, Instant startedAt, Instant endedAt, String host, String state,
            RunCounts counts, String abortReason) {}

    public void createTablesIfAbsent() {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute(CREATE_RUN);
            st.execute(CREATE_ATTEMPT);
            if (!SchemaCatalog.hasColumn(c, ATTEMPT_TABLE, "sent_at_ms")) {
                st.execute(ADD_SENT_AT);
                st.execute(BACKFILL_SENT_AT);
            }
            if (!SchemaCatalog.hasColumn(c, RUN_TABLE, "lock_connection_id")) {
                st.execute(ADD_LOCK_CONNECTION);
            }
        } catch (SQLException e) {
            throw DatabaseException.of(e);
        }
    }

    public void startRun(String runId, Instant startedAt, String host, String csvSha256, String options) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(INSERT_RUN)) {
            ps.setString(1, runId);
            ps.setLong(2, startedAt.toEpochMilli());
            ps.setString(3, host);
            ps.setString(4, csvSha256);
            ps.setString(5, options);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw DatabaseException.of(e);
        }
    }

    public void finishRun(String runId, Instant endedAt, String state, RunCounts n, String abortReason) {
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
        } catch (SQLException e) {
            throw DatabaseException.of(e);
        }
    }

    /**
     * Marks as 'interrupted' the runs left 'running' whose recorded lock connection does not hold {@code lockName}
     * (the process died, or lost the lock for good). Call while holding the lock.
     *
     * @return rows changed
     */
    public int markInterruptedRuns(String currentRunId, Instant now, String lockName) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(MARK_INTERRUPTED)) {
            ps.setLong(1, now.toEpochMilli());
            ps.setString(2, currentRunId);
            ps.setString(3, lockName);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw DatabaseException.of(e);
        }
    }

    /** Records an invocation before it is sent, so a crash right after it is still known to a rerun. */
    public long recordInvocation(String runId, String walletId, Instant at, int repairedRows) {
        return recordInvocation(runId, walletId, at, repairedRows, "lambda");
    }

    /** As above; {@code loader} is "lambda" or "direct". */
    public long recordInvocation(String runId, String walletId, Instant at, int repairedRows, String loader) {
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
        } catch (SQLException e) {
            throw DatabaseException.of(e);
        }
    }

    public void recordOutcome(long attemptId, String outcome, Instant at, String detail) {
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
        } catch (SQLException e) {
            throw DatabaseException.of(e);
        }
    }

    /** Records that the loader accepted the invocation (Lambda 202): from then on the Event exists. */
    public void markSent(long attemptId, Instant at) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(MARK_SENT)) {
            ps.setLong(1, at.toEpochMilli());
            ps.setLong(2, attemptId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw DatabaseException.of(e);
        }
    }

    /**
     * Records, when a run has decided what to load, how many wallets it has and how many ended without a load (the
     * final counts replace them when the run ends).
     */
    public void recordPlan(String runId, int total, int skippedReady, int conflicts, int error) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(RECORD_PLAN)) {
            ps.setInt(1, total);
            ps.setInt(2, skippedReady);
            ps.setInt(3, conflicts);
            ps.setInt(4, error);
            ps.setString(5, runId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw DatabaseException.of(e);
        }
    }

    /** Records the connection that holds this run's lock, so another run can tell whether it still holds it. */
    public void recordLockConnection(String runId, long connectionId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(SET_LOCK_CONNECTION)) {
            ps.setLong(1, connectionId);
            ps.setString(2, runId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw DatabaseException.of(e);
        }
    }

    /**
     * A wallet's latest attempt.
     *
     * @param sentAt when the loader accepted it, null when it was never sent (or not yet known to be)
     * @param outcome null while the outcome is unknown
     */
    public record LastAttempt(long attemptId, Instant invokedAt, Instant sentAt, String outcome, String loader) {
        /** A Lambda Event that was sent and whose outcome is unknown: it may still be loading. */
        public boolean openEvent() {
            return outcome == null && sentAt != null && "lambda".equals(loader);
        }

        /** Journaled before a send that never happened (the process died in between, or the send is unknown). */
        public boolean neverSent() {
            return outcome == null && sentAt == null && "lambda".equals(loader);
        }
    }

    /** The latest attempt of each of {@code walletIds} that has one. */
    public Map<String, LastAttempt> lastAttempts(List<String> walletIds) {
        Map<String, LastAttempt> out = new HashMap<>();
        try (Connection c = dataSource.getConnection()) {
            for (List<String> chunk : WalletRepository.chunks(walletIds)) {
                try (PreparedStatement ps = c.prepareStatement(
                        LATEST_ATTEMPTS.formatted(Sql.placeholders(chunk.size())))) {
                    for (int i = 0; i < chunk.size(); i++) {
                        ps.setString(i + 1, chunk.get(i));
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            long sent = rs.getLong("sent_at_ms");
                            Instant sentAt = rs.wasNull() ? null : Instant.ofEpochMilli(sent);
                            out.put(rs.getString("wallet_id"), new LastAttempt(rs.getLong("attempt_id"),
                                    Instant.ofEpochMilli(rs.getLong("invoked_at_ms")), sentAt, rs.getString("outcome"),
                                    rs.getString("loader")));
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw DatabaseException.of(e);
        }
        return out;
    }

    /** The most recent run, or null when the journal is empty or absent. */
    public RunRecord lastRun() {
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
        } catch (SQLException e) {
            throw DatabaseException.of(e);
        }
    }

    private static String truncate(String s) {
        return s.length() <= 500 ? s : s.substring(0, 497) + "...";
    }
}

package io.hathor.reinit.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Read-only views over the journal for {@code reinit status}: a run's progress from its attempts, and the wallets
 * stuck in {@code creating}. Works when the journal tables do not exist yet.
 */
public final class JournalReader {
    private static final String RUN_PROGRESS = """
            SELECT COUNT(DISTINCT wallet_id) AS invoked,
                   COUNT(DISTINCT CASE WHEN outcome IS NOT NULL THEN wallet_id END) AS done,
                   COUNT(*) AS attempts
              FROM reinit_attempt WHERE run_id = ?""";

    /** Since when an invoked creating wallet waits: its last invocation (ms); the never-invoked ones are not stuck. */
    private static final String STUCK_WITH_JOURNAL = """
            SELECT w.id, a.last_ms AS since_ms
              FROM wallet w
              JOIN (SELECT wallet_id, MAX(invoked_at_ms) AS last_ms FROM reinit_attempt GROUP BY wallet_id) a
                ON a.wallet_id = w.id
             WHERE %s = 'creating' AND a.last_ms < ?
             ORDER BY since_ms""";

    /** Creating wallets that no run has invoked yet. */
    private static final String NOT_INVOKED = """
            SELECT COUNT(*) FROM wallet w
             WHERE %s = 'creating'
               AND NOT EXISTS (SELECT 1 FROM reinit_attempt a WHERE a.wallet_id = w.id)""";

    private static final String STUCK_WITHOUT_JOURNAL = """
            SELECT w.id, COALESCE(w.ready_at * 1000, w.created_at * 1000) AS since_ms
              FROM wallet w
             WHERE %s = 'creating'
               AND COALESCE(w.ready_at * 1000, w.created_at * 1000) < ?
             ORDER BY since_ms""";

    private final DataSource dataSource;

    public JournalReader(Database database) {
        this(database.dataSource());
    }

    JournalReader(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Distinct wallets invoked by a run, those with a known outcome, and all attempts. */
    public record RunProgress(long invoked, long done, long attempts) {}

    /** A wallet in creating since {@code since}. */
    public record Stuck(String walletId, Instant since) {}

    /** Creating wallets waiting since before {@code cutoff}, oldest first: the total and up to {@code limit}. */
    public record StuckWallets(long count, List<Stuck> oldest) {}

    /** Creating wallets without any invocation in the journal (0 without a journal: nothing is known). */
    public long notInvoked() {
        if (!exists()) {
            return 0;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        NOT_INVOKED.formatted(UnifiedStatus.expression(SchemaInspector.flavor(c))));
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw DatabaseException.of(e);
        }
    }

    public boolean exists() {
        try (Connection c = dataSource.getConnection()) {
            var tables = SchemaCatalog.tables(c);
            return tables.contains(Journal.RUN_TABLE) && tables.contains(Journal.ATTEMPT_TABLE);
        } catch (SQLException e) {
            throw DatabaseException.of(e);
        }
    }

    /** The last run, or null when the journal is absent or empty. */
    public Journal.RunRecord lastRun() {
        return exists() ? new Journal(dataSource).lastRun() : null;
    }

    public RunProgress progress(String runId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(RUN_PROGRESS)) {
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new RunProgress(rs.getLong("invoked"), rs.getLong("done"), rs.getLong("attempts"));
            }
        } catch (SQLException e) {
            throw DatabaseException.of(e);
        }
    }

    public StuckWallets stuck(Instant cutoff, int limit) {
        boolean journal = exists();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement((journal ? STUCK_WITH_JOURNAL : STUCK_WITHOUT_JOURNAL)
                        .formatted(UnifiedStatus.expression(SchemaInspector.flavor(c))))) {
            ps.setLong(1, cutoff.toEpochMilli());
            long count = 0;
            List<Stuck> oldest = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    count++;
                    if (oldest.size() < limit) {
                        oldest.add(new Stuck(rs.getString("id"), Instant.ofEpochMilli(rs.getLong("since_ms"))));
                    }
                }
            }
            return new StuckWallets(count, oldest);
        } catch (SQLException e) {
            throw DatabaseException.of(e);
        }
    }
}

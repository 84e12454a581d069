package io.hathor.reinit.runbook;

import java.nio.file.Path;

import io.hathor.reinit.config.ExitStatus;
import io.hathor.reinit.config.ReinitException;
import io.hathor.reinit.db.RunLock;
import io.hathor.reinit.db.SchemaCatalog;
import io.hathor.reinit.db.TableCleaner;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * {@code reinit cleanup}: empties the wallet-service tables (the wallet-service README's list plus token_creation and
 * shielded_tx_output_data) with foreign key checks off; SequelizeMeta and the journal stay.
 */
public final class Cleanup {
    private Cleanup() {}

    /**
     * What cleanup would empty.
     *
     * @param database the current schema
     * @param rowsBefore existing tables of the list → row count
     * @param absent tables of the list this schema does not have
     * @param lockHolder connection holding the run lock, or null
     */
    public record Plan(String database, Map<String, Long> rowsBefore, List<String> absent, Long lockHolder) {}

    public static Plan plan(DataSource dataSource) throws SQLException {
        Map<String, Long> rows = new TableCleaner(dataSource).plan();
        List<String> absent = new ArrayList<>(SchemaCatalog.CLEANUP_TABLES);
        absent.removeAll(rows.keySet());
        try (Connection c = dataSource.getConnection()) {
            String schema = SchemaCatalog.currentSchema(c);
            return new Plan(schema, rows, absent, RunLock.holder(c, schema));
        }
    }

    /** Refuses (exit 2) unless {@code confirm} is the database's name. */
    public static void requireConfirmation(Plan plan, String confirm) {
        if (confirm == null) {
            throw new ReinitException(ExitStatus.USAGE, "refusing to empty " + plan.rowsBefore().size()
                    + " tables of " + plan.database() + ": pass --confirm " + plan.database() + " (or --dry-run)");
        }
        if (!confirm.equals(plan.database())) {
            throw new ReinitException(ExitStatus.USAGE, "refusing: --confirm '" + confirm
                    + "' is not the database name '" + plan.database() + "'");
        }
    }

    /**
     * Refuses (exit 2) to empty a wallet table that has rows unless an export manifest of this database, covering
     * every current wallet, is given: nobody wipes wallets they did not export.
     */
    public static void requireExport(Plan plan, ExportManifest manifest, java.nio.file.Path manifestPath) {
        long wallets = plan.rowsBefore().getOrDefault("wallet", 0L);
        if (wallets == 0) {
            return;
        }
        if (manifest == null) {
            throw new ReinitException(ExitStatus.USAGE, "refusing: the wallet table of " + plan.database() + " has "
                    + wallets + " rows and no export manifest was given; run 'reinit export --out FILE' and pass"
                    + " --manifest FILE.manifest.json");
        }
        String source = manifest.database() == null ? "" : manifest.database().replaceFirst("\\?.*$", "");
        if (!source.endsWith("/" + plan.database())) {
            throw new ReinitException(ExitStatus.USAGE, "refusing: " + manifestPath + " is an export of "
                    + source + ", not of " + plan.database());
        }
        if (manifest.rows() < wallets) {
            throw new ReinitException(ExitStatus.USAGE, "refusing: " + manifestPath + " holds " + manifest.rows()
                    + " wallets but the table has " + wallets + " now; export again");
        }
        java.nio.file.Path file = java.nio.file.Path.of(manifest.file());
        if (!file.isAbsolute() && manifestPath.getParent() != null) {
            file = manifestPath.getParent().resolve(file.getFileName());
        }
        if (!java.nio.file.Files.isRegularFile(file) && !java.nio.file.Files.isRegularFile(Path.of(manifest.file()))) {
            throw new ReinitException(ExitStatus.USAGE, "refusing: the export file " + manifest.file()
                    + " named in " + manifestPath + " is missing");
        }
    }

    /** Empties the plan's tables in one session; refuses (exit 1) while a run holds the lock. */
    public static void execute(DataSource dataSource, Plan plan, String confirm) throws SQLException {
        requireConfirmation(plan, confirm);
        if (plan.lockHolder() != null) {
            throw new ReinitException(ExitStatus.FAILED, "refusing: connection " + plan.lockHolder()
                    + " holds the run lock " + RunLock.nameFor(plan.database()) + " (a reinit run is active)");
        }
        new TableCleaner(dataSource).truncate(List.copyOf(plan.rowsBefore().keySet()));
    }
}

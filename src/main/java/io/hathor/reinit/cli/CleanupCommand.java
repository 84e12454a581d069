package io.hathor.reinit.cli;

import io.hathor.reinit.config.ExitStatus;
import io.hathor.reinit.config.ReinitException;
import io.hathor.reinit.db.Database;
import io.hathor.reinit.report.RunbookReports;
import io.hathor.reinit.runbook.Cleanup;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import io.hathor.reinit.db.RunLock;
import io.hathor.reinit.runbook.ExportManifest;
import io.hathor.reinit.runbook.ServerIdentity;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code reinit cleanup --confirm DBNAME}: the wallet-service README's reset, plus the newer tables. */
@Command(name = "cleanup", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = "Empties every wallet-service table (the README's reset list plus token_creation and"
                + " shielded_tx_output_data when present) with TRUNCATE, foreign key checks off, in one session."
                + " SequelizeMeta and the journal (reinit_run, reinit_attempt) are kept. Export first"
                + " (reinit export); afterwards run reinit seed-htr before the daemon syncs.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  reinit cleanup --dry-run",
            "  reinit export --out backups.csv",
            "  reinit cleanup --confirm wallet_service_mainnet \\",
            "                 --manifest backups.csv.manifest.json",
            "",
            "Exit codes: 0 emptied (or listed); 1 a run holds the lock, or the export",
            "            does not cover every wallet (other server, changed file, wallet",
            "            missing): nothing deleted; 2 no or wrong --confirm, no --manifest",
            "            while wallets exist, usage or configuration error."
        })
public final class CleanupCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--confirm", paramLabel = "DBNAME", description = "The database's name; required to empty it.")
    String confirm;

    @Option(names = "--manifest", paramLabel = "FILE",
            description = "Manifest of the export of this database (reinit export); required when wallets exist."
                    + " Every wallet in the database must be in that export with the same xpubkey.")
    Path manifest;

    @Option(names = "--dry-run", description = "List the tables and their row counts only.")
    boolean dryRun;

    @Option(names = "--json", description = "Print the tables and counts as JSON.")
    boolean json;

    @Mixin
    LoggingOptions logging;

    @Mixin
    DatabaseOptions database;

    @Override
    public Integer call() {
        var settings = database.settings(1);
        if (confirm == null && !dryRun) {
            throw ReinitException.configuration("refusing to empty the tables of " + settings.schemaName()
                    + ": pass --confirm " + settings.schemaName() + " (or --dry-run to list them)");
        }
        var out = spec.commandLine().getOut();
        try (Database db = Database.open(settings)) {
            Cleanup.Plan plan;
            if (dryRun) {
                plan = Cleanup.plan(db);
                print(out, plan);
            } else {
                // Held from before the export check until the TRUNCATEs end, so no run can start in between.
                try (RunLock lock = RunLock.acquire(settings, ExitStatus.FAILED)) {
                    plan = Cleanup.plan(db);
                    Cleanup.requireConfirmation(plan, confirm);
                    Cleanup.requireExport(db, plan, manifest == null ? null : ExportManifest.read(manifest),
                            manifest, ServerIdentity.fromUrl(settings.jdbcUrl()));
                    print(out, plan);
                    Cleanup.execute(db, plan, confirm, lock);
                }
            }
            if (json) {
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("database", plan.database());
                result.put("dryRun", dryRun);
                result.put("rowsBefore", plan.rowsBefore());
                result.put("absent", plan.absent());
                result.put("emptied", !dryRun);
                out.print(RunbookReports.json(result));
            } else if (!dryRun) {
                out.printf("emptied %d tables. Next: reinit seed-htr, start the daemon, reinit check.%n",
                        plan.rowsBefore().size());
            }
            out.flush();
        }
        return ExitStatus.OK.code();
    }

    private void print(PrintWriter out, Cleanup.Plan plan) {
        if (!json) {
            out.print(RunbookReports.text(plan, dryRun));
            out.flush();
        }
    }
}

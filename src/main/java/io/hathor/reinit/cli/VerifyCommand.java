package io.hathor.reinit.cli;

import io.hathor.reinit.config.ExitStatus;
import io.hathor.reinit.db.Database;
import io.hathor.reinit.report.RunbookReports;
import io.hathor.reinit.runbook.Verifier;
import io.hathor.reinit.runbook.VerifyReport;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code reinit verify --manifest FILE}: does the database hold everything the export had? */
@Command(name = "verify", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = "Compares the database with an export's manifest: every wallet of the export present and"
                + " ready, and the claimed address, wallet_balance and wallet_tx_history row counts at least those"
                + " exported; a shortfall lists the wallets that explain it. Changes nothing.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  reinit verify --manifest backups/wallets.csv.manifest.json",
            "  reinit verify --manifest wallets.csv.manifest.json \\",
            "                --csv /elsewhere/wallets.csv --json",
            "",
            "Exit codes: 0 verified, 1 a shortfall (wallets not ready or missing, fewer rows,",
            "            changed file), 2 usage or configuration error."
        })
public final class VerifyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--manifest", paramLabel = "FILE", required = true, description = "FILE.manifest.json of an export.")
    Path manifest;

    @Option(names = "--csv", paramLabel = "FILE",
            description = "The export to read (default: the file named in the manifest, checked against its sha256).")
    Path csv;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Mixin
    LoggingOptions logging;

    @Mixin
    DatabaseOptions database;

    @Override
    public Integer call() {
        VerifyReport report;
        try (Database db = Database.open(database.settings(2))) {
            report = Verifier.run(db, new Verifier.Options(manifest, csv));
        }
        var out = spec.commandLine().getOut();
        out.print(json ? RunbookReports.json(report) : RunbookReports.text(report));
        out.flush();
        return report.passed() ? ExitStatus.OK.code() : ExitStatus.FAILED.code();
    }
}

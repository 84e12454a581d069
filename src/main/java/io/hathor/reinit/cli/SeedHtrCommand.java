package io.hathor.reinit.cli;

import io.hathor.reinit.config.ExitStatus;
import io.hathor.reinit.db.Database;
import io.hathor.reinit.report.RunbookReports;
import io.hathor.reinit.runbook.HtrSeeder;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code reinit seed-htr}: the wallet-service seeder's HTR token row, inserted only when absent. */
@Command(name = "seed-htr", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = "Inserts the HTR token row ('00', 'Hathor', 'HTR') when it is absent, as the wallet-service"
                + " seeder does: transactions = distinct txs with an HTR output in tx_output, version 0 when the"
                + " column exists. Run it after a TRUNCATE-style reset and before the daemon syncs: the daemon only"
                + " increments the row and loses its counts while it is missing.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  reinit seed-htr",
            "  reinit seed-htr --json",
            "",
            "Exit codes: 0 inserted or already present, 2 usage or configuration error."
        })
public final class SeedHtrCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Mixin
    LoggingOptions logging;

    @Mixin
    DatabaseOptions database;

    @Override
    public Integer call() {
        HtrSeeder.Result result;
        try (Database db = Database.open(database.settings(1))) {
            result = HtrSeeder.run(db);
        }
        var out = spec.commandLine().getOut();
        out.print(json ? RunbookReports.json(result) : RunbookReports.text(result));
        out.flush();
        return ExitStatus.OK.code();
    }
}

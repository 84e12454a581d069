package io.hathor.reinit.cli;

import io.hathor.reinit.config.ExitStatus;
import io.hathor.reinit.config.ReinitException;
import io.hathor.reinit.db.Database;
import io.hathor.reinit.report.RunbookReports;
import io.hathor.reinit.runbook.StatusProbe;
import io.hathor.reinit.runbook.StatusReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code reinit status}: where the wallets are, once or every --watch seconds. Read-only. */
@Command(name = "status", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = "Shows wallets by status; with --csv how many of the file's wallets are ready (coverage),"
                + " creating, error or missing; wallets creating longer than --timeout after their last invocation (stuck)"
                + " and those no run has invoked yet; how many a run would"
                + " repair (not ready yet holding wallet_tx_history or wallet_balance rows); and the current or last"
                + " run from the journal with its rate and ETA. Changes nothing.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  reinit status",
            "  reinit status --csv backups/wallets.csv --watch 10",
            "  reinit status --csv backups/wallets.csv --json --watch 30 >> status.ndjson",
            "",
            "Exit codes: 0 shown, 2 usage or configuration error."
        })
public final class StatusCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--csv", paramLabel = "FILE", description = "Export whose wallets to follow.")
    Path csv;

    @Option(names = "--watch", paramLabel = "SECONDS",
            description = "Refresh every SECONDS until interrupted (in place on a terminal).")
    Integer watchSeconds;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10m",
            converter = DurationConverter.Minutes.class,
            description = "A wallet creating this long after its last invocation is stuck; bare number = minutes (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--json", description = "One JSON object per refresh.")
    boolean json;

    @Mixin
    LoggingOptions logging;

    @Mixin
    DatabaseOptions database;

    @Override
    public Integer call() {
        if (watchSeconds != null && watchSeconds < 1) {
            throw ReinitException.configuration("--watch must be at least 1 second");
        }
        StatusProbe.Options options = new StatusProbe.Options(csv, timeout);
        PrintWriter out = spec.commandLine().getOut();
        boolean terminal = System.console() != null && !json;
        try (Database db = Database.open(database.settings(2))) {
            do {
                StatusReport report = StatusProbe.run(db, options, Clock.systemUTC());
                if (terminal && watchSeconds != null) {
                    out.print("\033[H\033[2J");
                }
                out.print(json ? (watchSeconds != null ? RunbookReports.jsonLine(report) : RunbookReports.json(report))
                        : RunbookReports.text(report) + (watchSeconds != null && !terminal ? "\n" : ""));
                out.flush();
            } while (watchSeconds != null && pause(watchSeconds));
        }
        return ExitStatus.OK.code();
    }

    private static boolean pause(int seconds) {
        try {
            Thread.sleep(seconds * 1000L);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}

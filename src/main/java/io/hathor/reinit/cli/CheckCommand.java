package io.hathor.reinit.cli;

import io.hathor.reinit.config.ExitStatus;
import io.hathor.reinit.config.LambdaSettings;
import io.hathor.reinit.config.ReinitException;
import io.hathor.reinit.config.RunSettings;
import io.hathor.reinit.db.Database;
import io.hathor.reinit.report.RunbookReports;
import io.hathor.reinit.runbook.CheckOptions;
import io.hathor.reinit.runbook.CheckReport;
import io.hathor.reinit.runbook.CheckResult;
import io.hathor.reinit.runbook.Checks;
import io.hathor.reinit.runbook.RunPlan;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code reinit check}: is everything in place for a run? PASS/WARN/FAIL lines, exit 1 on any FAIL. */
@Command(name = "check", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, sortOptions = false,
        usageHelpAutoWidth = true,
        description = "Checks, without changing anything, that a run can start: database, server (version, TLS,"
                + " max_connections against the planned run, binary log against the loader, sql_mode), privileges, schema"
                + " flavor and the tables and columns the tool needs, sync_metadata and (with --fullnode-url) the"
                + " daemon's lag behind the fullnode, the HTR token row, the Lambda (DryRun), wallets by status and"
                + " the run lock.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  reinit check",
            "  reinit check --fullnode-url http://fullnode:8080 \\",
            "               --max-event-lag 10 --settle-seconds 5",
            "  reinit check --skip-lambda --json",
            "  reinit check --batch-size 100     # room on the server for 100 Lambda loads?",
            "  reinit check --loader direct --workers 8",
            "",
            "Exit codes: 0 no FAIL (WARN allowed), 1 some check FAILed,",
            "            2 usage or configuration error."
        })
public final class CheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--fullnode-url", paramLabel = "URL",
            description = "Fullnode base URL; compares its latest_event_id (GET URL/v1a/event?size=1) with"
                    + " sync_metadata.last_event_id.")
    URI fullnodeUrl;

    @Option(names = "--max-event-lag", paramLabel = "N", defaultValue = "10",
            description = "Events the daemon may trail the fullnode by (default: ${DEFAULT-VALUE}).")
    long maxEventLag;

    @Option(names = "--settle-seconds", paramLabel = "SECONDS", defaultValue = "5",
            description = "Seconds between the two samples that tell whether the daemon is still moving"
                    + " (default: ${DEFAULT-VALUE}).")
    long settleSeconds;

    @Option(names = "--skip-lambda", description = "Do not DryRun-invoke the Lambda (WARN instead).")
    boolean skipLambda;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "50",
            description = "The planned run's --batch-size, weighed against max_connections (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--loader", paramLabel = "KIND", defaultValue = "lambda",
            description = "The planned run's loader: lambda or direct (default: ${DEFAULT-VALUE}).")
    RunSettings.LoaderKind loader;

    @Option(names = "--workers", paramLabel = "N",
            description = "The planned run's --workers with --loader direct (default: the number of cores).")
    Integer workers;

    @Option(names = "--json", description = "Print the results as JSON.")
    boolean json;

    @Mixin
    LoggingOptions logging;

    @Mixin
    DatabaseOptions database;

    @Mixin
    LambdaOptions lambda;

    @Override
    public Integer call() {
        RunPlan plan = new RunPlan(loader == RunSettings.LoaderKind.DIRECT, batchSize,
                workers == null ? Runtime.getRuntime().availableProcessors() : workers);
        CheckOptions options = new CheckOptions(fullnodeUrl, maxEventLag, Duration.ofSeconds(settleSeconds),
                skipLambda ? null : lambdaOrNull(), skipLambda, plan);
        CheckReport report;
        var settings = database.settings(2);
        try (Database db = Database.open(settings)) {
            report = Checks.run(db, options);
        } catch (ReinitException e) {
            report = new CheckReport(List.of(CheckResult.fail(Checks.DATABASE, e.getMessage())));
        }
        var out = spec.commandLine().getOut();
        out.print(json ? RunbookReports.json(Map.of("passed", report.passed(), "results", report.results()))
                : RunbookReports.text(report));
        out.flush();
        return report.passed() ? ExitStatus.OK.code() : ExitStatus.FAILED.code();
    }

    /** The configured function, or null when neither --function-name nor SERVICE_NAME and STAGE are set. */
    private LambdaSettings lambdaOrNull() {
        // --function-name defaults to SERVICE_NAME-STAGE-loadWalletAsync when both are set.
        return lambda.functionName != null ? lambda.settings() : null;
    }
}

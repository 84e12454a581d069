package io.hathor.reinit.cli;

import io.hathor.reinit.app.ReinitSettings;
import io.hathor.reinit.config.InputFormat;
import io.hathor.reinit.config.RunSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code reinit --csv FILE}: re-initialize the wallets of an export after a database reset. */
@Command(
        name = "reinit",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        subcommands = {ExportCommand.class, CheckCommand.class, StatusCommand.class, VerifyCommand.class,
            CleanupCommand.class, SeedHtrCommand.class},
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = "Re-initializes Hathor wallet-service wallets after a database reset: validates the exported"
                + " wallet table, re-inserts the rows idempotently, loads every wallet (loadWalletAsync Lambda or"
                + " in-process), waits until each is ready, error or timed out, and writes a report and a"
                + " failed-wallets file that --csv accepts for a retry.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  reinit --csv backups.csv --dry-run",
            "  reinit --csv backups.csv --batch-size 50",
            "  reinit --csv logs/failed_wallets_<run>.csv          # retry what failed",
            "  reinit --csv backups.csv --loader direct --workers 4",
            "",
            "Environment: DB_ENDPOINT DB_PORT DB_NAME DB_USER DB_PASS STAGE SERVICE_NAME",
            "             AWS_REGION NETWORK",
            "(also read from ./.env; flags override them).",
            "",
            "Exit codes: 0 all wallets ready, 1 some wallets failed or invalid input,",
            "            2 usage or configuration error, 3 aborted."
        })
public final class ReinitCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--csv", paramLabel = "FILE", description = "Wallet export (any MySQL export format), a failed-wallets file, or a list of wallet ids.")
    Path csv;

    @Option(names = "--csv-format", paramLabel = "FORMAT", defaultValue = "auto",
            description = "auto, outfile, tab, header or ids (default: ${DEFAULT-VALUE}).")
    InputFormat csvFormat;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "50",
            description = "Wallets loading at once (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--polling-interval", paramLabel = "DURATION", defaultValue = "10s",
            converter = DurationConverter.Seconds.class,
            description = "Time between status polls; a bare number is seconds (default: ${DEFAULT-VALUE}).")
    Duration pollingInterval;

    @Option(names = "--batch-delay", paramLabel = "DURATION", defaultValue = "5s",
            converter = DurationConverter.Seconds.class,
            description = "Pause between batches with --schedule batch; bare number = seconds (default: ${DEFAULT-VALUE}).")
    Duration batchDelay;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10m",
            converter = DurationConverter.Minutes.class,
            description = "How long a wallet may load before it counts as TIMEOUT; bare number = minutes (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--dry-run", description = "Read and validate the file only; touches no database and no AWS.")
    boolean dryRun;

    @Option(names = "--report-json", paramLabel = "FILE", description = "Also write the JSON report here.")
    Path reportJson;

    @Option(names = "--skip-invalid", description = "Proceed with the valid rows; the invalid ones go to logs/rejected_<run>.csv.")
    boolean skipInvalid;

    @Option(names = "--max-retries", paramLabel = "N", defaultValue = "5",
            description = "Wallets whose retry_count reached N are not invoked (default: ${DEFAULT-VALUE}, the service's cap).")
    int maxRetries;

    @Option(names = "--force-retry", description = "Invoke wallets even when they reached --max-retries.")
    boolean forceRetry;

    @Option(names = "--max-gap", paramLabel = "N", description = "maxGap sent to the loader instead of each wallet's max_gap.")
    Integer maxGap;

    @Option(names = "--schedule", paramLabel = "KIND", defaultValue = "window",
            description = "window (keep --batch-size loading) or batch (the reference's batches) (default: ${DEFAULT-VALUE}).")
    RunSettings.Schedule schedule;

    @Option(names = "--order", paramLabel = "ORDER", defaultValue = "heaviest-first",
            description = "heaviest-first (largest last_used_address_index + max_gap of the file first) or file"
                    + " (default: ${DEFAULT-VALUE}).")
    RunSettings.Order order;

    @Option(names = "--no-retry-changed", negatable = false,
            description = "Do not give a wallet that left 'ready' during the run its one extra load; only report it.")
    boolean noRetryChanged;

    @Option(names = "--loader", paramLabel = "KIND", defaultValue = "lambda",
            description = "lambda (invoke loadWalletAsync) or direct (load in this process) (default: ${DEFAULT-VALUE}).")
    RunSettings.LoaderKind loader;

    @Option(names = "--workers", paramLabel = "N",
            description = "Parallel in-process loads with --loader direct (default: the number of cores).")
    Integer workers;

    @Option(names = "--network", paramLabel = "NAME", defaultValue = "mainnet",
            description = "mainnet, testnet or privatenet, for address derivation with --loader direct (default:"
                    + " NETWORK, else mainnet).")
    String network;

    @Option(names = "--max-error-rate", paramLabel = "RATE", defaultValue = "0.5",
            description = "Stop invoking when this share of the last --error-window loads ended in error (default: ${DEFAULT-VALUE}).")
    double maxErrorRate;

    @Option(names = "--error-window", paramLabel = "N", defaultValue = "50",
            description = "Completions the circuit breaker looks at; it acts after at least 20 (default: ${DEFAULT-VALUE}).")
    int errorWindow;

    @Option(names = "--db-outage-timeout", paramLabel = "DURATION", defaultValue = "5m",
            converter = DurationConverter.Minutes.class,
            description = "How long the database may stay unreachable (dropped connection, restart) before the run"
                    + " stops cleanly with exit 3; bare number = minutes (default: ${DEFAULT-VALUE}).")
    Duration dbOutageTimeout;

    @Option(names = "--skip-checks",
            description = "Start even when a pre-run check fails (database, server settings, schema, sync_metadata, HTR row).")
    boolean skipChecks;

    @Option(names = "--without-shielded-keys",
            description = "Go on although wallets would be inserted without their shielded keys (a file without key"
                    + " columns on the shielded schema, or keys on the legacy schema): they lose their shielded side.")
    boolean withoutShieldedKeys;

    @Mixin
    LoggingOptions logging;

    @Mixin
    DatabaseOptions database;

    @Mixin
    LambdaOptions lambda;

    @Override
    public Integer call() {
        ReinitSettings.Builder settings = ReinitSettings.builder().csv(csv).format(csvFormat).batchSize(batchSize)
                .pollingInterval(pollingInterval).batchDelay(batchDelay).timeout(timeout).logDir(logging.logDir)
                .reportJson(reportJson).skipInvalid(skipInvalid).maxRetries(maxRetries).forceRetry(forceRetry)
                .maxGap(maxGap).schedule(schedule).retryChanged(!noRetryChanged).loader(loader).order(order);
        if (dryRun) {
            return DryRunRenderer.run(settings.buildRunSettings(), spec.commandLine().getOut());
        }
        settings.maxErrorRate(maxErrorRate).errorWindow(errorWindow).dbOutageTimeout(dbOutageTimeout)
                .skipChecks(skipChecks).withoutShieldedKeys(withoutShieldedKeys)
                .network(network)
                .database(database::settings).lambda(lambda::settings);
        if (workers != null) {
            settings.workers(workers);
        }
        return PipelineRenderer.run(settings.build(), spec.commandLine().getOut(), spec.commandLine().getErr());
    }
}

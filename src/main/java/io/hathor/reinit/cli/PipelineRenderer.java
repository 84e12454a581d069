package io.hathor.reinit.cli;

import com.zaxxer.hikari.HikariDataSource;
import io.hathor.reinit.config.ReinitException;
import io.hathor.reinit.config.RunSettings;
import io.hathor.reinit.csv.RowError;
import io.hathor.reinit.db.DataSources;
import io.hathor.reinit.db.Retrying;
import io.hathor.reinit.db.RunLock;
import io.hathor.reinit.db.WalletRepository;
import io.hathor.reinit.lambda.InvokeListener;
import io.hathor.reinit.lambda.LoadWalletInvoker;
import io.hathor.reinit.retry.RetryPolicy;
import io.hathor.reinit.loader.DirectLoader;
import io.hathor.reinit.report.RunReport;
import io.hathor.reinit.run.DirectBackend;
import io.hathor.reinit.run.InputReader;
import io.hathor.reinit.run.LambdaBackend;
import io.hathor.reinit.run.LoadBackend;
import io.hathor.reinit.run.Reinitializer;
import io.hathor.reinit.run.RunFailedException;
import io.hathor.reinit.run.RunIds;
import io.hathor.reinit.run.RunInput;
import io.hathor.reinit.run.RunSummary;
import io.hathor.reinit.run.Safeguards;
import io.hathor.reinit.run.ShieldedKeysGuard;
import io.hathor.reinit.schedule.ScheduleSettings;
import io.hathor.reinit.schedule.StopSignal;
import io.hathor.reinit.schedule.ThrottleSignal;
import io.hathor.reinit.wallet.Network;
import io.hathor.reinit.runbook.CheckOptions;
import io.hathor.reinit.runbook.CheckReport;
import io.hathor.reinit.runbook.CheckResult;
import io.hathor.reinit.runbook.Checks;
import io.hathor.reinit.runbook.RunPlan;
import java.io.PrintWriter;
import java.util.List;
import java.time.Clock;
import java.time.Duration;

/** Wires a run: settings, pool, loader backend, progress and signals; prints the summary; returns the exit code. */
final class PipelineRenderer {
    /** Minimum ERROR completions before the circuit breaker may act. */
    private static final int MIN_ERROR_SAMPLES = 20;

    private PipelineRenderer() {}

    /** How long the database may stay away before a run gives up, unless --db-outage-timeout says otherwise. */
    static final Duration DEFAULT_DB_OUTAGE_TIMEOUT = Duration.ofMinutes(5);

    /** Flags that only the wiring needs. */
    record Options(int workers, String network, double maxErrorRate, int errorWindow, Duration dbOutageTimeout,
            boolean skipChecks, boolean withoutShieldedKeys) {

        Options {
            dbOutageTimeout = dbOutageTimeout == null ? DEFAULT_DB_OUTAGE_TIMEOUT : dbOutageTimeout;
        }
    }

    static int run(RunSettings settings, Options options, DatabaseOptions database, LambdaOptions lambda,
            PrintWriter out, PrintWriter err) {
        boolean direct = settings.loader() == RunSettings.LoaderKind.DIRECT;
        if (options.workers() < 1) {
            throw ReinitException.configuration("--workers must be at least 1");
        }
        Network network = parseNetwork(options.network());
        RunPlan plan = new RunPlan(direct, settings.batchSize(), options.workers());
        int window = plan.window();
        var dbSettings = database.settings(plan.poolSize());
        var lambdaSettings = direct ? null : lambda.settings();

        String runId = RunIds.next();
        RunInput input = InputReader.read(settings, runId);
        out.printf("%s: %d rows (%s), %d valid, %d invalid, %d duplicates%n", settings.csv(), input.summary().rows(),
                input.summary().format().name().toLowerCase(), input.summary().valid(), input.summary().invalid(),
                input.summary().duplicates());
        // A file-level problem (format not detectable, unreadable bytes) counts like an invalid row, as in --dry-run.
        if (input.hasInvalidRows() || !input.errors().isEmpty()) {
            for (RowError e : input.errors()) {
                err.println(e.describe());
            }
            if (input.errorCount() > input.errors().size()) {
                err.printf("… %d more in %s%n", input.errorCount() - input.errors().size(), input.rejectedFile());
            }
            if (!settings.skipInvalid() || !input.hasInvalidRows()) {
                // --skip-invalid helps only when some rows are valid and every problem belongs to a row.
                boolean skipHelps = input.summary().valid() > 0 && input.hasInvalidRows()
                        && input.errors().stream().allMatch(e -> e.line() > 0);
                err.printf("reinit: %d problem(s) in the input; nothing was changed (fix them%s; list in %s)%n",
                        Math.max(input.summary().invalid(), input.errorCount()),
                        skipHelps ? ", or pass --skip-invalid" : "", input.rejectedFile());
                input.close();
                return io.hathor.reinit.config.ExitStatus.FAILED.code();
            }
        }
        StopSignal stop = new StopSignal();
        ThrottleSignal throttle = new ThrottleSignal();
        InvokeListener throttleListener = new InvokeListener() {
            @Override
            public void onThrottled(int attempt) {
                throttle.throttled();
            }
        };
        Interrupts interrupts = null;
        if (!options.skipChecks()) {
            refuseOnFailedChecks(dbSettings, plan, err);
        }
        try (RunInput spill = input;
                RunLock lock = RunLock.acquire(dbSettings);
                HikariDataSource pool = DataSources.open(dbSettings);
                LoadBackend backend = direct
                        ? new DirectBackend(new DirectLoader(pool, network))
                        : new LambdaBackend(new LoadWalletInvoker(lambdaSettings, RetryPolicy.defaults(),
                                throttleListener));
                ProgressDisplay progress = ProgressDisplay.create((int) input.wallets().count())) {
            String keysWarning = ShieldedKeysGuard.check(input, new WalletRepository(pool),
                    options.withoutShieldedKeys());
            if (keysWarning != null) {
                err.println(keysWarning);
                err.flush();
            }
            interrupts = Interrupts.install(stop);
            Safeguards safeguards = new Safeguards(new Retrying(options.dbOutageTimeout()), lock,
                    direct ? null : throttle);
            ScheduleSettings schedule = new ScheduleSettings(settings.schedule(), window, settings.pollingInterval(),
                    settings.batchDelay(), settings.timeout(), backend.launchThreads(window), options.maxErrorRate(),
                    options.errorWindow(), MIN_ERROR_SAMPLES);
            Reinitializer run = new Reinitializer(settings, schedule, pool, backend, progress, stop, Clock.systemUTC(),
                    runId, safeguards);
            RunSummary summary;
            try {
                summary = run.run(input);
            } catch (RunFailedException e) {
                progress.close();
                writeReports(settings, e.summary(), out);
                throw e;
            }
            progress.close();
            writeReports(settings, summary, out);
            return summary.exitStatus().code();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReinitException(io.hathor.reinit.config.ExitStatus.ABORTED, "interrupted");
        } finally {
            if (interrupts != null) {
                interrupts.uninstall();
            }
        }
    }

    /**
     * The checks of {@code reinit check} (database, server settings against this run's loader and window, schema,
     * sync_metadata, HTR row, lock) before anything changes; the Lambda is checked by the run itself with a DryRun
     * invocation.
     */
    private static void refuseOnFailedChecks(io.hathor.reinit.config.DatabaseSettings dbSettings, RunPlan plan,
            PrintWriter err) {
        CheckReport report;
        try (HikariDataSource pool = DataSources.open(dbSettings)) {
            report = Checks.run(pool, new CheckOptions(null, 0, Duration.ZERO, null, true, plan));
        }
        // A held lock is reported by the lock itself, with the run id and host holding it.
        List<CheckResult> failed = report.results().stream().filter(r -> r.level() == CheckResult.Level.FAIL)
                .filter(r -> !r.name().equals(Checks.LOCK)).toList();
        for (CheckResult r : failed) {
            err.printf("FAIL  %s: %s%n", r.name(), r.detail());
        }
        if (!failed.isEmpty()) {
            throw ReinitException.configuration("refusing to start: " + failed.size() + " check(s) failed (details:"
                    + " reinit check; to run anyway: --skip-checks)");
        }
    }

    /** The summary first: a report file that cannot be written must not hide the run's result. */
    private static void writeReports(RunSettings settings, RunSummary summary, PrintWriter out) {
        out.print(RunReport.text(summary));
        out.flush();
        RunReport.writeJson(summary, summary.reportFile());
        if (settings.reportJson() != null) {
            RunReport.writeJson(summary, settings.reportJson());
        }
    }

    private static Network parseNetwork(String name) {
        try {
            return Network.parse(name);
        } catch (IllegalArgumentException e) {
            throw ReinitException.configuration(e.getMessage() + " (--network or NETWORK)");
        }
    }
}

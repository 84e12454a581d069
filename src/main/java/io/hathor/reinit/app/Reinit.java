package io.hathor.reinit.app;

import io.hathor.reinit.config.DatabaseSettings;
import io.hathor.reinit.config.ExitStatus;
import io.hathor.reinit.config.ReinitException;
import io.hathor.reinit.db.Database;
import io.hathor.reinit.db.Retrying;
import io.hathor.reinit.db.RunLock;
import io.hathor.reinit.db.WalletRepository;
import io.hathor.reinit.lambda.InvokeListener;
import io.hathor.reinit.lambda.LoadWalletInvoker;
import io.hathor.reinit.loader.DirectLoader;
import io.hathor.reinit.report.RunReport;
import io.hathor.reinit.retry.RetryPolicy;
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
import io.hathor.reinit.runbook.CheckOptions;
import io.hathor.reinit.runbook.CheckReport;
import io.hathor.reinit.runbook.CheckResult;
import io.hathor.reinit.runbook.Checks;
import io.hathor.reinit.runbook.RunPlan;
import io.hathor.reinit.schedule.ScheduleSettings;
import io.hathor.reinit.schedule.SchedulerListener;
import io.hathor.reinit.schedule.StopSignal;
import io.hathor.reinit.schedule.ThrottleSignal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * One re-initialization from validated settings: reads and validates the input, runs the pre-run checks, takes the
 * run lock, opens the pool and the loader backend, runs the {@link Reinitializer} and writes the JSON reports. What a
 * person sees goes through a {@link View}.
 */
public final class Reinit {
    /** Minimum ERROR completions before the circuit breaker may act. */
    private static final int MIN_ERROR_SAMPLES = 20;

    private Reinit() {}

    /** What the caller shows of a run; the facade decides nothing through it. */
    public interface View {
        /** The input was read and validated: counts in {@code input.summary()}, the first problems in errors(). */
        void inputRead(RunInput input);

        /** Pre-run checks that failed; the run will not start. */
        void checksFailed(List<CheckResult> failed);

        /** A warning about the run that goes on. */
        void warning(String line);

        /** Progress of the loads of {@code wallets} wallets, closed before the summary is shown. */
        Progress progress(int wallets);

        /** Makes an interrupt (Ctrl+C) set {@code stop} until the returned action runs. */
        Runnable stopOnInterrupt(StopSignal stop);

        /** The run's summary, also when the run failed; shown before the report files are written. */
        void finished(RunSummary summary);
    }

    /** A progress display for the loads. */
    public interface Progress extends SchedulerListener, AutoCloseable {
        @Override
        void close();
    }

    /**
     * Runs a re-initialization.
     *
     * @return the summary, whose exit status says whether every wallet ended ready
     * @throws ReinitException invalid input (exit 1), failed pre-run checks or configuration (exit 2), interrupt
     * @throws RunFailedException the run stopped early; its summary was shown and written
     */
    public static RunSummary run(ReinitSettings settings, View view) {
        RunPlan plan = settings.plan();
        String runId = RunIds.next();
        RunInput input = InputReader.read(settings.run(), runId);
        try {
            view.inputRead(input);
            refuseOnInvalidInput(settings, input, view);
            if (!settings.skipChecks()) {
                refuseOnFailedChecks(settings.database(), plan, view);
            }
        } catch (RuntimeException e) {
            // The spill file (it may hold shielded keys) goes now, not at the JVM's exit.
            input.close();
            throw e;
        }
        StopSignal stop = new StopSignal();
        ThrottleSignal throttle = new ThrottleSignal();
        InvokeListener throttleListener = new InvokeListener() {
            @Override
            public void onThrottled(int attempt) {
                throttle.throttled();
            }
        };
        Runnable uninstall = null;
        try (RunInput spill = input;
                RunLock lock = RunLock.acquire(settings.database());
                Database database = Database.open(settings.database());
                LoadBackend backend = settings.direct()
                        ? new DirectBackend(new DirectLoader(database, settings.network()))
                        : new LambdaBackend(new LoadWalletInvoker(settings.lambda(), RetryPolicy.defaults(),
                                throttleListener));
                Progress progress = view.progress((int) input.wallets().count())) {
            String keysWarning = ShieldedKeysGuard.check(input, new WalletRepository(database),
                    settings.withoutShieldedKeys());
            if (keysWarning != null) {
                view.warning(keysWarning);
            }
            uninstall = view.stopOnInterrupt(stop);
            Safeguards safeguards = new Safeguards(new Retrying(settings.dbOutageTimeout()), lock,
                    settings.direct() ? null : throttle);
            int window = plan.window();
            ScheduleSettings schedule = new ScheduleSettings(settings.run().schedule(), window,
                    settings.run().pollingInterval(), settings.run().batchDelay(), settings.run().timeout(),
                    backend.launchThreads(window), settings.maxErrorRate(), settings.errorWindow(),
                    MIN_ERROR_SAMPLES);
            Reinitializer run = new Reinitializer(settings.run(), schedule, database, backend, progress, stop,
                    Clock.systemUTC(), runId, safeguards);
            RunSummary summary;
            try {
                summary = run.run(input);
            } catch (RunFailedException e) {
                progress.close();
                report(settings, e.summary(), view);
                throw e;
            }
            progress.close();
            report(settings, summary, view);
            return summary;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReinitException(ExitStatus.ABORTED, "interrupted");
        } finally {
            if (uninstall != null) {
                uninstall.run();
            }
        }
    }

    /** A file-level problem (format not detectable, unreadable bytes) counts like an invalid row, as in a dry run. */
    private static void refuseOnInvalidInput(ReinitSettings settings, RunInput input, View view) {
        if (!input.hasInvalidRows() && input.errors().isEmpty()) {
            return;
        }
        if (settings.run().skipInvalid() && input.hasInvalidRows()) {
            return;
        }
        // --skip-invalid helps only when some rows are valid and every problem belongs to a row.
        boolean skipHelps = input.summary().valid() > 0 && input.hasInvalidRows()
                && input.errors().stream().allMatch(e -> e.line() > 0);
        String message = String.format("%d problem(s) in the input; nothing was changed (fix them%s; list in %s)",
                Math.max(input.summary().invalid(), input.errorCount()),
                skipHelps ? ", or pass --skip-invalid" : "", input.rejectedFile());
        input.close();
        throw new ReinitException(ExitStatus.FAILED, message);
    }

    /**
     * The checks of {@code reinit check} (database, server settings against this run's loader and window, schema,
     * sync_metadata, HTR row, lock) before anything changes; the Lambda is checked by the run itself with a DryRun
     * invocation.
     */
    private static void refuseOnFailedChecks(DatabaseSettings dbSettings, RunPlan plan, View view) {
        CheckReport report;
        try (Database database = Database.open(dbSettings)) {
            report = Checks.run(database, new CheckOptions(null, 0, Duration.ZERO, null, true, plan));
        }
        // A held lock is reported by the lock itself, with the run id and host holding it.
        List<CheckResult> failed = report.results().stream().filter(r -> r.level() == CheckResult.Level.FAIL)
                .filter(r -> !r.name().equals(Checks.LOCK)).toList();
        if (!failed.isEmpty()) {
            view.checksFailed(failed);
            throw ReinitException.configuration("refusing to start: " + failed.size() + " check(s) failed (details:"
                    + " reinit check; to run anyway: --skip-checks)");
        }
    }

    /** The summary first: a report file that cannot be written must not hide the run's result. */
    private static void report(ReinitSettings settings, RunSummary summary, View view) {
        view.finished(summary);
        RunReport.writeJson(summary, summary.reportFile());
        if (settings.run().reportJson() != null) {
            RunReport.writeJson(summary, settings.run().reportJson());
        }
    }
}

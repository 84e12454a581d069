package io.hathor.reinit.app;

import io.hathor.reinit.config.DatabaseSettings;
import io.hathor.reinit.config.Durations;
import io.hathor.reinit.config.InputFormat;
import io.hathor.reinit.config.LambdaSettings;
import io.hathor.reinit.config.ReinitException;
import io.hathor.reinit.config.RunSettings;
import io.hathor.reinit.runbook.RunPlan;
import io.hathor.reinit.wallet.Network;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * Everything one run needs, checked in one place: set each value on a {@link Builder}, then {@link Builder#build()}
 * validates them all (each message names the flag, and the variable where one applies) and returns this sealed
 * object.
 */
public final class ReinitSettings {
    /** How long the database may stay away before a run gives up, unless --db-outage-timeout says otherwise. */
    public static final Duration DEFAULT_DB_OUTAGE_TIMEOUT = Duration.ofMinutes(5);

    private final RunSettings run;
    private final RunPlan plan;
    private final Network network;
    private final DatabaseSettings database;
    private final LambdaSettings lambda;
    private final double maxErrorRate;
    private final int errorWindow;
    private final Duration dbOutageTimeout;
    private final boolean skipChecks;
    private final boolean withoutShieldedKeys;

    private ReinitSettings(Builder b, RunSettings run, RunPlan plan, Network network, DatabaseSettings database,
            LambdaSettings lambda) {
        this.run = run;
        this.plan = plan;
        this.network = network;
        this.database = database;
        this.lambda = lambda;
        this.maxErrorRate = b.maxErrorRate;
        this.errorWindow = b.errorWindow;
        this.dbOutageTimeout = b.dbOutageTimeout;
        this.skipChecks = b.skipChecks;
        this.withoutShieldedKeys = b.withoutShieldedKeys;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** What the run reads, sends and writes. */
    public RunSettings run() {
        return run;
    }

    /** Loader, window and the pool size they need. */
    public RunPlan plan() {
        return plan;
    }

    /** Network for address derivation with the in-process loader. */
    public Network network() {
        return network;
    }

    /** The database, with a pool sized for {@link #plan()}. */
    public DatabaseSettings database() {
        return database;
    }

    /** The Lambda to invoke; null with the in-process loader. */
    public LambdaSettings lambda() {
        return lambda;
    }

    public boolean direct() {
        return plan.direct();
    }

    public double maxErrorRate() {
        return maxErrorRate;
    }

    public int errorWindow() {
        return errorWindow;
    }

    public Duration dbOutageTimeout() {
        return dbOutageTimeout;
    }

    public boolean skipChecks() {
        return skipChecks;
    }

    public boolean withoutShieldedKeys() {
        return withoutShieldedKeys;
    }

    /** Mutable until built; defaults are those of the command line. */
    public static final class Builder {
        private Path csv;
        private InputFormat format = InputFormat.AUTO;
        private int batchSize = 50;
        private Duration pollingInterval = Duration.ofSeconds(10);
        private Duration batchDelay = Duration.ofSeconds(5);
        private Duration timeout = Duration.ofMinutes(10);
        private Path logDir = Path.of("logs");
        private Path reportJson;
        private boolean skipInvalid;
        private int maxRetries = 5;
        private boolean forceRetry;
        private Integer maxGap;
        private RunSettings.Schedule schedule = RunSettings.Schedule.WINDOW;
        private boolean retryChanged = true;
        private RunSettings.LoaderKind loader = RunSettings.LoaderKind.LAMBDA;
        private RunSettings.Order order = RunSettings.Order.HEAVIEST_FIRST;
        private int workers = Runtime.getRuntime().availableProcessors();
        private String network = "mainnet";
        private double maxErrorRate = 0.5;
        private int errorWindow = 50;
        private Duration dbOutageTimeout = DEFAULT_DB_OUTAGE_TIMEOUT;
        private boolean skipChecks;
        private boolean withoutShieldedKeys;
        private IntFunction<DatabaseSettings> database;
        private Supplier<LambdaSettings> lambda;

        private Builder() {}

        public Builder csv(Path value) {
            csv = value;
            return this;
        }

        public Builder format(InputFormat value) {
            format = value;
            return this;
        }

        public Builder batchSize(int value) {
            batchSize = value;
            return this;
        }

        public Builder pollingInterval(Duration value) {
            pollingInterval = value;
            return this;
        }

        public Builder batchDelay(Duration value) {
            batchDelay = value;
            return this;
        }

        public Builder timeout(Duration value) {
            timeout = value;
            return this;
        }

        public Builder logDir(Path value) {
            logDir = value;
            return this;
        }

        public Builder reportJson(Path value) {
            reportJson = value;
            return this;
        }

        public Builder skipInvalid(boolean value) {
            skipInvalid = value;
            return this;
        }

        public Builder maxRetries(int value) {
            maxRetries = value;
            return this;
        }

        public Builder forceRetry(boolean value) {
            forceRetry = value;
            return this;
        }

        /** maxGap sent instead of each wallet's max_gap; null keeps the wallet's. */
        public Builder maxGap(Integer value) {
            maxGap = value;
            return this;
        }

        public Builder schedule(RunSettings.Schedule value) {
            schedule = value;
            return this;
        }

        public Builder retryChanged(boolean value) {
            retryChanged = value;
            return this;
        }

        public Builder loader(RunSettings.LoaderKind value) {
            loader = value;
            return this;
        }

        public Builder order(RunSettings.Order value) {
            order = value;
            return this;
        }

        public Builder workers(int value) {
            workers = value;
            return this;
        }

        public Builder network(String value) {
            network = value;
            return this;
        }

        public Builder maxErrorRate(double value) {
            maxErrorRate = value;
            return this;
        }

        public Builder errorWindow(int value) {
            errorWindow = value;
            return this;
        }

        public Builder dbOutageTimeout(Duration value) {
            dbOutageTimeout = value;
            return this;
        }

        public Builder skipChecks(boolean value) {
            skipChecks = value;
            return this;
        }

        public Builder withoutShieldedKeys(boolean value) {
            withoutShieldedKeys = value;
            return this;
        }

        /** The database settings for a pool of the given size; asked for once the run's values are valid. */
        public Builder database(IntFunction<DatabaseSettings> forPoolSize) {
            database = forPoolSize;
            return this;
        }

        /** The Lambda settings; asked for only with the Lambda loader, once the run's values are valid. */
        public Builder lambda(Supplier<LambdaSettings> value) {
            lambda = value;
            return this;
        }

        /** The settings a dry run needs: the file and what is read from it. */
        public RunSettings buildRunSettings() {
            List<String> problems = new ArrayList<>();
            checkRun(problems);
            throwIfAny(problems);
            return runSettings();
        }

        /** Validates every value of a run and seals them; a failure names each flag (and variable) at fault. */
        public ReinitSettings build() {
            List<String> problems = new ArrayList<>();
            checkRun(problems);
            throwIfAny(problems);
            if (dbOutageTimeout == null || dbOutageTimeout.isNegative()) {
                problems.add("--db-outage-timeout must not be negative");
            }
            if (!(maxErrorRate > 0 && maxErrorRate <= 1) || errorWindow < 1) {
                problems.add("--max-error-rate must be in (0, 1] and --error-window at least 1");
            }
            if (workers < 1) {
                problems.add("--workers must be at least 1");
            }
            throwIfAny(problems);
            Network parsed = parseNetwork();
            RunSettings run = runSettings();
            RunPlan plan = new RunPlan(run.loader() == RunSettings.LoaderKind.DIRECT, batchSize, workers);
            if (database == null) {
                throw new IllegalStateException("no database settings given to the builder");
            }
            DatabaseSettings db = database.apply(plan.poolSize());
            LambdaSettings fn = null;
            if (!plan.direct()) {
                if (lambda == null) {
                    throw new IllegalStateException("no Lambda settings given to the builder");
                }
                fn = lambda.get();
            }
            return new ReinitSettings(this, run, plan, parsed, db, fn);
        }

        private void checkRun(List<String> problems) {
            if (csv == null) {
                problems.add("--csv FILE is required (see reinit --help)");
            }
            if (batchSize < 1) {
                problems.add("--batch-size must be at least 1 (got " + batchSize + ")");
            }
            requirePositive(problems, "--polling-interval", pollingInterval);
            if (batchDelay == null || batchDelay.isNegative()) {
                problems.add("--batch-delay must not be negative");
            }
            requirePositive(problems, "--timeout", timeout);
            if (maxRetries < 0) {
                problems.add("--max-retries must not be negative (got " + maxRetries + ")");
            }
            if (maxGap != null && (maxGap < 1 || maxGap > 1000)) {
                problems.add("--max-gap must be between 1 and 1000 (got " + maxGap + ")");
            }
        }

        private RunSettings runSettings() {
            return new RunSettings(csv, format, batchSize, pollingInterval, batchDelay, timeout, logDir, reportJson,
                    skipInvalid, maxRetries, forceRetry, maxGap, schedule, retryChanged, loader, order);
        }

        private Network parseNetwork() {
            try {
                return Network.parse(network);
            } catch (IllegalArgumentException e) {
                throw ReinitException.configuration(e.getMessage() + " (--network or NETWORK)");
            }
        }

        private static void requirePositive(List<String> problems, String flag, Duration d) {
            if (d == null || d.isNegative() || d.isZero()) {
                problems.add(flag + " must be a positive duration (got "
                        + (d == null ? "nothing" : Durations.format(d)) + ")");
            }
        }

        private static void throwIfAny(List<String> problems) {
            if (!problems.isEmpty()) {
                throw ReinitException.configuration(String.join("; ", problems));
            }
        }
    }
}

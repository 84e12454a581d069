package io.hathor.reinit.db;

import io.hathor.reinit.config.ExitStatus;
import io.hathor.reinit.config.ReinitException;
import io.hathor.reinit.retry.RetryPolicy;
import io.hathor.reinit.retry.Sleeper;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries a database call through a dropped connection, a server restart or a deadlock, with the pauses of a
 * {@link RetryPolicy} (exponential, full jitter, capped; 200 ms then up to 5 s by default), for as long as the
 * current outage is shorter than {@code outageTimeout}.
 *
 * <p>An outage is shared by every call on this object: it starts with the first failure and ends with the first
 * success. Once it has lasted longer than the timeout, the call that noticed throws a {@link ReinitException}
 * (exit status ABORTED), and every later call tries once and fails at once, so a run that is giving up writes its
 * report without waiting again. Only retry calls that are safe to repeat (reads, idempotent writes, whole
 * transactions that roll back on failure).
 */
public final class Retrying {
    private static final Logger LOG = LoggerFactory.getLogger(Retrying.class);
    static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    /** A pause may end this much after the outage budget, so the attempt that decides to give up still happens. */
    private static final Duration PAST_BUDGET = Duration.ofMillis(50);

    /** One database call. */
    @FunctionalInterface
    public interface SqlCall<T> {
        T call() throws SQLException;
    }

    /** One database call without a result. */
    @FunctionalInterface
    public interface SqlRun {
        void run() throws SQLException;
    }

    private final Duration outageTimeout;
    private final RetryPolicy policy;
    private final Clock clock;
    private final Sleeper sleeper;
    private final AtomicReference<Instant> outageSince = new AtomicReference<>();

    public Retrying(Duration outageTimeout) {
        this(outageTimeout, MAX_BACKOFF, Clock.systemUTC());
    }

    public Retrying(Duration outageTimeout, Duration maxBackoff, Clock clock) {
        this(outageTimeout, RetryPolicy.untilDeadline(FIRST_BACKOFF.compareTo(maxBackoff) < 0 ? FIRST_BACKOFF
                : maxBackoff, maxBackoff), clock, Sleeper.SYSTEM);
    }

    /**
     * @param policy the pauses between attempts and their number (the outage timeout ends the retries first when
     *     it comes earlier)
     */
    public Retrying(Duration outageTimeout, RetryPolicy policy, Clock clock, Sleeper sleeper) {
        this.outageTimeout = outageTimeout;
        this.policy = policy;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** No retries at all: the first failure is thrown as it is. */
    public static Retrying never() {
        return new Retrying(Duration.ZERO, RetryPolicy.immediate(1), Clock.systemUTC(), Sleeper.SYSTEM);
    }

    public Duration outageTimeout() {
        return outageTimeout;
    }

    /** True while the database is unreachable and the outage has outlasted the timeout. */
    public boolean gaveUp() {
        Instant since = outageSince.get();
        return since != null && !outageTimeout.isZero()
                && Duration.between(since, clock.instant()).compareTo(outageTimeout) > 0;
    }

    public void run(String what, SqlRun call) {
        call(what, () -> {
            call.run();
            return null;
        });
    }

    /**
     * Runs {@code call}, retrying transient failures.
     *
     * @throws ReinitException (ABORTED) when the outage outlasts the timeout
     * @throws DatabaseException a failure that is not transient (a bad statement, a constraint), thrown at once, or
     *     the last transient one when the policy allows no more attempts
     */
    public <T> T call(String what, SqlCall<T> call) {
        if (gaveUp()) {
            // The run is ending after an outage: try once without waiting again, so closing writes land if it's back.
            try {
                return call.call();
            } catch (SQLException | DatabaseException e) {
                throw new ReinitException(ExitStatus.ABORTED, "database still unreachable; gave up trying to " + what,
                        e);
            }
        }
        int attempt = 0;
        while (true) {
            attempt++;
            try {
                T result = call.call();
                Instant since = outageSince.getAndSet(null);
                if (since != null) {
                    LOG.warn("database reachable again after {} ms ({})",
                            Duration.between(since, clock.instant()).toMillis(), what);
                }
                return result;
            } catch (SQLException | DatabaseException failure) {
                DatabaseException e = failure instanceof SQLException sql ? DatabaseException.of(sql)
                        : (DatabaseException) failure;
                if (!isTransient(e) || outageTimeout.isZero() || !policy.allowsRetryAfter(attempt)) {
                    throw e;
                }
                Instant now = clock.instant();
                // One atomic read-or-start: another thread's success may end the outage at any moment.
                Instant since = outageSince.updateAndGet(start -> start == null ? now : start);
                Duration down = Duration.between(since, now);
                if (down.compareTo(outageTimeout) > 0) {
                    throw new ReinitException(ExitStatus.ABORTED, "database unreachable for "
                            + down.toSeconds() + " s (more than --db-outage-timeout " + outageTimeout.toSeconds()
                            + " s) while trying to " + what + ": " + e.describe(), e);
                }
                Duration pause = backoff(attempt, outageTimeout.minus(down));
                LOG.warn("database call failed ({}), retry {} in {} ms: {}", what, attempt, pause.toMillis(),
                        e.describe());
                try {
                    sleeper.sleep(pause);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new ReinitException(ExitStatus.ABORTED, "interrupted while waiting for the database", ie);
                }
            }
        }
    }

    /** The policy's full-jitter pause, never past the end of the outage budget (plus a little). */
    private Duration backoff(int attempt, Duration left) {
        Duration limit = left.plus(PAST_BUDGET);
        return policy.delayBeforeRetry(attempt, limit.compareTo(PAST_BUDGET) < 0 ? PAST_BUDGET : limit,
                ThreadLocalRandom.current());
    }

    /**
     * Connection lost or refused, pool timeout, server shutting down, deadlock or lock wait timeout: worth another
     * try. Bad SQL, constraint violations and access denied are not.
     */
    public static boolean isTransient(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLRecoverableException) {
                return !isAccessDenied(t);
            }
            if (t instanceof SQLException s) {
                String state = s.getSQLState();
                if (state != null && (state.startsWith("08") || state.equals("40001") || state.equals("HY000")
                        && isServerGoingAway(s))) {
                    return true;
                }
                int code = s.getErrorCode();
                // 1205 lock wait timeout, 1213 deadlock, 1053 server shutdown, 1927 connection killed, 2013 lost.
                if (code == 1205 || code == 1213 || code == 1053 || code == 1927 || code == 2013 || code == 2006) {
                    return true;
                }
            }
            String message = t.getMessage();
            if (message != null && message.toLowerCase().contains("communications link failure")) {
                return true;
            }
            if (t instanceof java.io.IOException) {
                return true;
            }
        }
        return false;
    }

    private static boolean isServerGoingAway(SQLException s) {
        String m = s.getMessage() == null ? "" : s.getMessage().toLowerCase();
        return m.contains("shutdown") || m.contains("gone away") || m.contains("connection is closed");
    }

    private static boolean isAccessDenied(Throwable t) {
        return t instanceof SQLException s && ("28000".equals(s.getSQLState()) || s.getErrorCode() == 1045);
    }
}

package io.hathor.reinit.lambda;

import io.hathor.reinit.db.SchemaFlavor;
import io.hathor.reinit.db.SchemaInspector;
import io.hathor.reinit.demo.LocalInvokeServer;
import io.hathor.reinit.wallet.Masking;
import io.hathor.reinit.wallet.WalletId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stand-in loadWallet for the demo and the pipeline tests: after a random delay in [minDelay, maxDelay] (the
 * "load", holding one handler slot of {@link LocalInvokeServer}) it sets the wallet's status the way the era-B
 * handler does: READY → status ready, ready_at now, retry_count 0; ERROR → status error, ready_at
 * now, retry_count+1, without a status guard; NEVER → nothing (a crashed or lost load). It writes nothing else:
 * no addresses, no balances. On the shielded schema it acts as the era-C handler on both sides: READY also sets
 * ct_status ready (a wallet without keys keeps 'none'; ready_at stays when the legacy side was ready already);
 * SHIELDED_ERROR fails the shielded pass: ct_status error, retry_count+1, and status error unless the legacy side was
 * ready before (then only the shielded side fails). Simulation code, so plain JDBC.
 */
public final class DelayedStatusHandler implements LocalInvokeServer.InvocationHandler {
    /** What the simulated load does to a wallet. */
    public enum Fate { READY, ERROR, NEVER, SHIELDED_ERROR }

    static final String SET_READY = """
            UPDATE wallet SET status = 'ready', ready_at = UNIX_TIMESTAMP(), retry_count = 0 WHERE id = ?""";
    static final String SET_ERROR = """
            UPDATE wallet SET status = 'error', ready_at = UNIX_TIMESTAMP(), retry_count = retry_count + 1 WHERE id = ?""";

    static final String SET_READY_SHIELDED = """
            UPDATE wallet SET ct_status = IF(ct_status = 'none', 'none', 'ready'),
                              ready_at = IF(status = 'ready', ready_at, UNIX_TIMESTAMP()), status = 'ready',
                              retry_count = 0
            WHERE id = ?""";
    static final String SET_ERROR_SHIELDED = """
            UPDATE wallet SET status = 'error', ready_at = UNIX_TIMESTAMP(), retry_count = retry_count + 1,
                              ct_status = IF(ct_status = 'none', 'none', 'error')
            WHERE id = ?""";
    static final String SET_SHIELDED_ERROR = """
            UPDATE wallet SET ready_at = IF(status = 'ready', ready_at, UNIX_TIMESTAMP()),
                              status = IF(status = 'ready', 'ready', 'error'), ct_status = 'error',
                              retry_count = retry_count + 1
            WHERE id = ? AND ct_status <> 'none'""";

    private static final Logger log = LoggerFactory.getLogger(DelayedStatusHandler.class);

    private final DataSource dataSource;
    private final Duration minDelay;
    private final Duration maxDelay;
    private final Function<String, Fate> fate;
    private final AtomicInteger updatedRows = new AtomicInteger();
    private final AtomicInteger handled = new AtomicInteger();
    private volatile Boolean shielded;

    /**
     * @param fate decides per xpubkey; called once per event, so a function with state can fail a wallet once and
     *     then succeed
     */
    public DelayedStatusHandler(DataSource dataSource, Duration minDelay, Duration maxDelay,
            Function<String, Fate> fate) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.minDelay = Objects.requireNonNull(minDelay, "minDelay");
        this.maxDelay = Objects.requireNonNull(maxDelay, "maxDelay");
        this.fate = Objects.requireNonNull(fate, "fate");
        if (minDelay.isNegative() || maxDelay.compareTo(minDelay) < 0) {
            throw new IllegalArgumentException("need 0 <= minDelay <= maxDelay, got " + minDelay + " and " + maxDelay);
        }
    }

    /** Every wallet gets the same fate. */
    public static DelayedStatusHandler always(DataSource dataSource, Duration minDelay, Duration maxDelay, Fate fate) {
        Objects.requireNonNull(fate, "fate");
        return new DelayedStatusHandler(dataSource, minDelay, maxDelay, xpub -> fate);
    }

    @Override
    public void onEvent(LocalInvokeServer.Invocation invocation) {
        handled.incrementAndGet();
        String xpubkey = invocation.xpubkey();
        if (xpubkey == null) {
            log.warn("simulated load got an event without xpubkey; ignored");
            return;
        }
        Fate outcome = fate.apply(xpubkey);
        if (outcome == null || outcome == Fate.NEVER) {
            return;
        }
        try {
            Thread.sleep(randomDelay().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        // the statement (which reads the schema flavor through a connection of its own) before taking a connection:
        // handlers that each held one while waiting for a second could starve the pool
        String sql = sql(outcome);
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, WalletId.of(xpubkey));
            int rows = st.executeUpdate();
            updatedRows.addAndGet(rows);
            if (rows == 0) {
                log.debug("simulated load of {}: no wallet row", Masking.xpub(xpubkey));
            }
        } catch (SQLException e) {
            log.warn("simulated load of {} could not set status {}: {}", Masking.xpub(xpubkey), outcome,
                    e.getMessage());
        }
    }

    private String sql(Fate outcome) {
        if (!shielded()) {
            return outcome == Fate.READY ? SET_READY : SET_ERROR;
        }
        return switch (outcome) {
            case READY -> SET_READY_SHIELDED;
            case SHIELDED_ERROR -> SET_SHIELDED_ERROR;
            default -> SET_ERROR_SHIELDED;
        };
    }

    /** Read once: the schema does not change while the stand-in runs. */
    private boolean shielded() {
        Boolean s = shielded;
        if (s == null) {
            s = SchemaInspector.flavor(dataSource) == SchemaFlavor.SHIELDED;
            shielded = s;
        }
        return s;
    }

    /** Events seen, whatever their fate. */
    public int handled() {
        return handled.get();
    }

    /** Wallet rows changed so far. */
    public int updatedRows() {
        return updatedRows.get();
    }

    private Duration randomDelay() {
        long min = minDelay.toMillis();
        long max = maxDelay.toMillis();
        return Duration.ofMillis(min == max ? min : ThreadLocalRandom.current().nextLong(min, max + 1));
    }
}

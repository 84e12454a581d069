package io.hathor.reinit.support;

import io.hathor.reinit.demo.LocalInvokeServer;
import io.hathor.reinit.wallet.WalletId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * Behaves like the released (era B) load code as far as this tool can see: a load of a wallet that already has
 * wallet_tx_history rows fails on the duplicate key and sets status error, retry_count + 1, with no status guard;
 * a successful load writes its wallet_tx_history and wallet_balance rows and marks the wallet ready. Selected wallets
 * get their Event delivered a second time shortly after the first load (AWS's at-least-once delivery).
 */
public final class ReleasedLoadSimulator implements LocalInvokeServer.InvocationHandler {
    private final DataSource dataSource;
    private final Duration delay;
    private final Set<String> deliverTwice;
    private final Duration secondDeliveryAfter;
    private final Set<String> redelivered = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService redelivery = Executors.newScheduledThreadPool(2);

    public ReleasedLoadSimulator(DataSource dataSource, Duration delay, Set<String> deliverTwiceXpubs,
            Duration secondDeliveryAfter) {
        this.dataSource = dataSource;
        this.delay = delay;
        this.deliverTwice = deliverTwiceXpubs;
        this.secondDeliveryAfter = secondDeliveryAfter;
    }

    @Override
    public void onEvent(LocalInvokeServer.Invocation invocation) {
        String xpub = invocation.xpubkey();
        sleep(delay);
        load(WalletId.of(xpub));
        if (deliverTwice.contains(xpub) && redelivered.add(xpub)) {
            redelivery.schedule(() -> load(WalletId.of(xpub)), secondDeliveryAfter.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** One delivery of the wallet's Event, now (a duplicate when the wallet was loaded before). */
    public void load(String walletId) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (count(c, "SELECT COUNT(*) FROM wallet_tx_history WHERE wallet_id = ?", walletId) > 0) {
                    throw new SQLException("Duplicate entry for key 'PRIMARY'", "23000", 1062);
                }
                exec(c, "INSERT INTO wallet_tx_history (wallet_id, token_id, tx_id, balance, timestamp, voided)"
                        + " VALUES (?, '00', 'tx-" + walletId.substring(0, 8) + "', 100, 1700000000, 0)", walletId);
                exec(c, "INSERT INTO wallet_balance (wallet_id, token_id, unlocked_balance, locked_balance,"
                        + " transactions) VALUES (?, '00', 100, 0, 1)", walletId);
                exec(c, "UPDATE wallet SET status = 'ready', ready_at = UNIX_TIMESTAMP(), retry_count = 0"
                        + " WHERE id = ?", walletId);
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                c.setAutoCommit(true);
                exec(c, "UPDATE wallet SET status = 'error', ready_at = UNIX_TIMESTAMP(),"
                        + " retry_count = retry_count + 1 WHERE id = ?", walletId);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int count(Connection c, String sql, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static void exec(Connection c, String sql, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, id);
            ps.executeUpdate();
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

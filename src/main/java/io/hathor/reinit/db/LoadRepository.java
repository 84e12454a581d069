package io.hathor.reinit.db;

import io.hathor.reinit.retry.RetryPolicy;
import io.hathor.reinit.retry.Sleeper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SQL of the in-process legacy wallet load (the wallet-service's idempotent era-C load, transparent only), for
 * a group of wallets at a time: one statement per step for the whole group instead of one per wallet. Every
 * statement is a named constant; address lists are bound as {@code IN (?, …)} parameters, never inlined. Each
 * method borrows a connection from the pool for its own duration and reports a failure as a
 * {@link DatabaseException}; thread-safe.
 */
public final class LoadRepository {
    private static final Logger LOG = LoggerFactory.getLogger(LoadRepository.class);
    /**
     * Values per IN list, and rows per multi-row claim statement: below MariaDB's in_predicate_conversion_threshold
     * (1,000), where an IN list turns into a join against a temporary table that the optimizer may answer with a
     * full scan of the other table; also well under packet and placeholder limits.
     */
    static final int IN_LIST_LIMIT = 999;
    /**
     * A transaction that lost a deadlock is tried 6 times in all, after pauses of up to 20, 40, 80, 160 and 320 ms
     * (full jitter), so loads that collided do not collide again at once.
     */
    private static final RetryPolicy TRANSACTION_RETRY = new RetryPolicy(6, Duration.ofMillis(20), Duration.ofMillis(320));
    /** A transaction that waited out a row lock (lock-wait timeout) is tried twice in all. */
    private static final int LOCK_WAIT_ATTEMPTS = 2;
    static final String SET_READ_COMMITTED = "SET TRANSACTION ISOLATION LEVEL READ COMMITTED";

    /**
     * Each wallet row present among the ids, and whether the wallet already has wallet_balance / wallet_tx_history
     * rows (a rerun or a crashed load); when it has none, its stale-row deletes are no-ops and are skipped. Both
     * EXISTS are prefix lookups on the tables' primary keys (wallet_id first).
     */
    static final String SELECT_WALLET_STATES = """
            SELECT w.id,
                   EXISTS (SELECT 1 FROM wallet_balance b WHERE b.wallet_id = w.id) AS has_balance,
                   EXISTS (SELECT 1 FROM wallet_tx_history h WHERE h.wallet_id = w.id) AS has_history
              FROM wallet w WHERE w.id IN (%s)
            """;

    /** Which of the ids have a wallet row. {@code %s} = their placeholders. */
    static final String SELECT_PRESENT_WALLETS = "SELECT id FROM wallet WHERE id IN (%s)";

    /** The gap scan's lookup: the address rows among the derived addresses; any wallet_id. */
    static final String SELECT_ADDRESS_TRANSACTIONS = """
            SELECT address, transactions FROM address WHERE address IN (%s)
            """;

    /**
     * New addresses, transactions 0, when one of them got a row since the scan: a duplicate keeps its transactions.
     * {@code %s} = row list.
     */
    static final String UPSERT_NEW_ADDRESSES_LEGACY = """
            INSERT INTO address (address, `index`, wallet_id, transactions)
            VALUES %s
            ON DUPLICATE KEY UPDATE wallet_id = VALUES(wallet_id), `index` = VALUES(`index`)
            """;
    static final String NEW_ADDRESS_ROW_LEGACY = "(?, ?, ?, 0)";
    /** The same without the upsert: a row that appeared since the scan fails it with {@link #DUPLICATE_KEY}. */
    static final String INSERT_NEW_ADDRESSES_LEGACY = """
            INSERT INTO address (address, `index`, wallet_id, transactions)
            VALUES %s
            """;
    static final String INSERT_NEW_ADDRESSES_SHIELDED = """
            INSERT INTO address (address, `index`, wallet_id, transactions, bip32_account)
            VALUES %s
            """;
    static final int DUPLICATE_KEY = 1062;

    static final String UPSERT_NEW_ADDRESSES_SHIELDED = """
            INSERT INTO address (address, `index`, wallet_id, transactions, bip32_account)
            VALUES %s
            ON DUPLICATE KEY UPDATE wallet_id = VALUES(wallet_id), `index` = VALUES(`index`),
                                    bip32_account = VALUES(bip32_account)
            """;
    static final String NEW_ADDRESS_ROW_SHIELDED = "(?, ?, ?, 0, 0)";

    /**
     * Claims rows the daemon created (wallet_id and index; transactions kept). {@code %1$s} = wallet CASE arms,
     * {@code %2$s} = index CASE arms, {@code %3$s} = IN list.
     */
    static final String UPDATE_EXISTING_ADDRESSES_LEGACY = """
            UPDATE address
               SET wallet_id = CASE address %1$s END, `index` = CASE address %2$s END
             WHERE address IN (%3$s)
            """;
    static final String UPDATE_EXISTING_ADDRESSES_SHIELDED = """
            UPDATE address
               SET wallet_id = CASE address %1$s END, `index` = CASE address %2$s END, bip32_account = 0
             WHERE address IN (%3$s)
            """;
    static final String CASE_ARM = "WHEN ? THEN ?";

    static final String UPDATE_LAST_USED_INDEX = """
            UPDATE wallet SET last_used_address_index = GREATEST(last_used_address_index, ?) WHERE id = ?
            """;

    /**
     * The kept addresses of a group's wallets, once claimed: each wallet's rows with index 0 … keptThrough (the claim
     * has just given every kept address its wallet_id and index, and a derived address has one index). A range per
     * wallet on the (wallet_id, index) key, so the rebuild reads only the group's rows, whatever the size of the
     * tables. {@code %1$s} = wallet id placeholders, {@code %2$s} = CASE arms (wallet id → keptThrough), {@code %3$s}
     * = the account condition of the schema flavor.
     */
    static final String KEPT_OF_GROUP = """
            a.wallet_id IN (%1$s) AND a.`index` <= CASE a.wallet_id %2$s END%3$s""";
    /** The same for one wallet: parameters wallet id, keptThrough. */
    static final String KEPT_OF_WALLET = "a.wallet_id = ? AND a.`index` <= ?%s";
    /** Shielded schema: the legacy account's rows only (the claim sets bip32_account = 0). */
    static final String LEGACY_ACCOUNT = " AND a.bip32_account = 0";

    /**
     * Row locks on the balances being summed (and on the claimed address rows), held until COMMIT. {@code %1$s} =
     * {@link #BY_WALLET_INDEX} when the schema has that index, else a plain JOIN; {@code %2$s} = the kept condition.
     * With the index the join order is fixed, address first through its (wallet_id, index) key: a plan that starts
     * from address_balance locks, on its way, address rows other loads have just claimed and deadlocks with them.
     * Without the index, forcing address first would scan and lock the whole table, so the optimizer chooses.
     */
    static final String LOCK_ADDRESS_BALANCES = """
            SELECT ab.address, ab.token_id
              FROM address a%1$s address_balance ab ON ab.address = a.address
             WHERE %2$s
               FOR UPDATE
            """;
    /** The same by primary key, for a list of addresses (no address row read). {@code %s} = their placeholders. */
    static final String LOCK_LISTED_ADDRESS_BALANCES = """
            SELECT address, token_id FROM address_balance WHERE address IN (%s) FOR UPDATE
            """;
    /** The wallet-service's (wallet_id, index) key on address, added by its migration 20241203185227. */
    static final String WALLET_INDEX = "idx_wallet_address_index";
    static final String BY_WALLET_INDEX = " FORCE INDEX (" + WALLET_INDEX + ") STRAIGHT_JOIN";
    static final String WITHOUT_WALLET_INDEX = " JOIN";

    /**
     * wallet_balance for every wallet of the group. {@code %1$s} = where the address_balance rows come from: the
     * funded addresses ({@link #ADDRESS_LIST}) or the kept condition. Sums stay in SQL (BIGINT UNSIGNED may
     * exceed a Java long). SUM yields DECIMAL and is inserted without a CAST on purpose: a CAST would silently clip
     * an out-of-range sum, the strict-mode insert fails instead. The tx count per token is the number of distinct
     * non-voided txs of the kept addresses, which is the number of the wallet's wallet_tx_history rows for the token
     * once that table is rebuilt (one row per tx and token, stale rows deleted); 0 when a token has no such history.
     * {@code %2$s} = wallet id placeholders.
     */
    static final String UPSERT_WALLET_BALANCE = """
            INSERT INTO wallet_balance (wallet_id, token_id, unlocked_balance, locked_balance, unlocked_authorities,
                                        locked_authorities, timelock_expires, transactions, total_received)
            SELECT b.wallet_id, b.token_id, b.unlocked_balance, b.locked_balance, b.unlocked_authorities,
                   b.locked_authorities, b.timelock_expires, COALESCE(h.transactions, 0), b.total_received
              FROM (SELECT a.wallet_id, ab.token_id,
                           SUM(ab.unlocked_balance) AS unlocked_balance,
                           SUM(ab.locked_balance) AS locked_balance,
                           BIT_OR(ab.unlocked_authorities) AS unlocked_authorities,
                           BIT_OR(ab.locked_authorities) AS locked_authorities,
                           MIN(ab.timelock_expires) AS timelock_expires,
                           SUM(ab.total_received) AS total_received
                      FROM address a
                      JOIN address_balance ab ON ab.address = a.address
                     WHERE %1$s
                     GROUP BY a.wallet_id, ab.token_id) b
              LEFT JOIN (SELECT wallet_id, token_id, COUNT(*) AS transactions
                           FROM wallet_tx_history
                          WHERE wallet_id IN (%2$s) AND voided = FALSE
                          GROUP BY wallet_id, token_id) h
                     ON h.wallet_id = b.wallet_id AND h.token_id = b.token_id
            ON DUPLICATE KEY UPDATE unlocked_balance = VALUES(unlocked_balance),
                                    locked_balance = VALUES(locked_balance),
                                    unlocked_authorities = VALUES(unlocked_authorities),
                                    locked_authorities = VALUES(locked_authorities),
                                    timelock_expires = VALUES(timelock_expires),
                                    transactions = VALUES(transactions),
                                    total_received = VALUES(total_received)
            """;
    /**
     * A list of addresses: the funded ones the lock returned, or the kept ones that had a row before the claim.
     * {@code %s} = their placeholders.
     */
    static final String ADDRESS_LIST = "a.address IN (%s)";

    /** Tokens this wallet has a row for but the rebuild no longer produces. {@code %s} = the kept condition of the wallet. */
    static final String DELETE_STALE_WALLET_BALANCE = """
            DELETE FROM wallet_balance
             WHERE wallet_id = ?
               AND token_id NOT IN (SELECT ab.token_id
                                      FROM address a JOIN address_balance ab ON ab.address = a.address
                                     WHERE %s)
            """;

    /**
     * wallet_tx_history for every wallet of the group: one row per (wallet, tx, token) over non-voided history of
     * the kept addresses. {@code %s} = the kept condition.
     */
    static final String UPSERT_WALLET_TX_HISTORY = """
            INSERT INTO wallet_tx_history (wallet_id, token_id, tx_id, balance, `timestamp`, voided)
            SELECT a.wallet_id, th.token_id, th.tx_id, SUM(th.balance), MAX(th.`timestamp`), FALSE
              FROM address a
              JOIN address_tx_history th ON th.address = a.address
             WHERE th.voided = FALSE AND %s
             GROUP BY a.wallet_id, th.token_id, th.tx_id
            ON DUPLICATE KEY UPDATE balance = VALUES(balance), `timestamp` = VALUES(`timestamp`), voided = VALUES(voided)
            """;

    /** (tx, token) rows of this wallet the rebuild no longer produces. {@code %s} = the kept condition of the wallet. */
    static final String DELETE_STALE_WALLET_TX_HISTORY = """
            DELETE w
              FROM wallet_tx_history w
              LEFT JOIN (SELECT DISTINCT th.token_id, th.tx_id
                           FROM address a
                           JOIN address_tx_history th ON th.address = a.address
                          WHERE th.voided = FALSE AND %s) h
                     ON h.token_id = w.token_id AND h.tx_id = w.tx_id
             WHERE w.wallet_id = ? AND h.tx_id IS NULL
            """;

    /** Raises last_used_address_index and marks ready, for every wallet of the group. {@code %1$s} = CASE arms. */
    static final String MARK_READY = """
            UPDATE wallet
               SET last_used_address_index = GREATEST(last_used_address_index, CASE id %1$s END),
                   status = 'ready', ready_at = UNIX_TIMESTAMP(), retry_count = 0
             WHERE id IN (%2$s)
            """;

    static final String MARK_ERROR = """
            UPDATE wallet SET status = 'error', ready_at = UNIX_TIMESTAMP(), retry_count = retry_count + 1 WHERE id = ?
            """;

    /** Whether a wallet already has wallet_balance / wallet_tx_history rows; see {@link #walletStates}. */
    public record WalletState(boolean hasBalanceRows, boolean hasHistoryRows) {}

    /**
     * One wallet's scan outcome, to be claimed and settled: the new addresses (index ≤ lastUsed + maxGap), the
     * existing rows (all of them), lastUsed, the highest kept index (lastUsed + maxGap: the balance and history
     * come from indices 0 … keptThrough).
     */
    public record WalletClaim(String walletId, List<IndexedAddress> newAddresses, List<IndexedAddress> existing,
            int lastUsed, int keptThrough) {}

    @FunctionalInterface
    private interface Work {
        void run(Connection connection) throws SQLException;
    }

    private final DataSource dataSource;
    private final SchemaFlavor flavor;
    /** How the lock reaches the kept address rows: through the (wallet_id, index) key when the schema has it. */
    private final String lockAddressAccess;
    private final boolean rangesOnly;

    /** Detects the schema flavor once; throws when the database cannot be read. */
    public LoadRepository(Database database) {
        this(database.dataSource());
    }

    LoadRepository(DataSource dataSource) {
        this(dataSource, false);
    }

    /** With {@code rangesOnly}, the rebuild always reads the (wallet_id, index) ranges (the path tests exercise). */
    LoadRepository(DataSource dataSource, boolean rangesOnly) {
        this.rangesOnly = rangesOnly;
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.flavor = SchemaInspector.flavor(dataSource);
        this.lockAddressAccess = SchemaInspector.hasIndex(dataSource, "address", WALLET_INDEX) ? BY_WALLET_INDEX
                : WITHOUT_WALLET_INDEX;
    }

    public SchemaFlavor flavor() {
        return flavor;
    }

    /** The ids among {@code walletIds} whose wallet row exists. */
    public Set<String> presentWallets(List<String> walletIds) {
        Set<String> present = new HashSet<>();
        try (Connection connection = autocommit(dataSource.getConnection())) {
            for (List<String> part : partition(walletIds, IN_LIST_LIMIT)) {
                try (PreparedStatement ps = connection.prepareStatement(
                        SELECT_PRESENT_WALLETS.formatted(placeholders(part.size())))) {
                    bindStrings(ps, 1, part);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            present.add(rs.getString(1));
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw DatabaseException.of(e);
        }
        return present;
    }

    private static Map<String, WalletState> readWalletStates(Connection connection, List<String> walletIds)
            throws SQLException {
        Map<String, WalletState> states = new HashMap<>();
        for (List<String> part : partition(walletIds, IN_LIST_LIMIT)) {
            try (PreparedStatement ps = connection.prepareStatement(SELECT_WALLET_STATES.formatted(placeholders(part.size())))) {
                bindStrings(ps, 1, part);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        states.put(rs.getString(1), new WalletState(rs.getBoolean(2), rs.getBoolean(3)));
                    }
                }
            }
        }
        return states;
    }

    /** address → transactions for the rows that exist among {@code addresses}; reads outside any transaction. */
    public Map<String, Long> addressTransactions(List<String> addresses) {
        if (addresses.isEmpty()) {
            return Collections.emptyMap();
        }
        try {
            return readAddressTransactions(addresses);
        } catch (SQLException e) {
            throw DatabaseException.of(e);
        }
    }

    private Map<String, Long> readAddressTransactions(List<String> addresses) throws SQLException {
        Map<String, Long> found = new HashMap<>();
        try (Connection connection = autocommit(dataSource.getConnection())) {
            for (List<String> part : partition(addresses, IN_LIST_LIMIT)) {
                try (PreparedStatement ps = connection.prepareStatement(SELECT_ADDRESS_TRANSACTIONS.formatted(placeholders(part.size())))) {
                    bindStrings(ps, 1, part);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            found.put(rs.getString(1), rs.getLong(2));
                        }
                    }
                }
            }
        }
        return found;
    }

    /**
     * Only the claim of one wallet, committed on its own (the wallet-service's first transaction, without the
     * settle): upsert new addresses, claim existing rows, raise last_used_address_index. Throws when the wallet
     * row is missing.
     */
    public void claim(String walletId, List<IndexedAddress> newAddresses, List<IndexedAddress> existing, int lastUsed) {
        inTransaction(connection -> {
            claimAddresses(connection, List.of(new WalletClaim(walletId, newAddresses, existing, lastUsed, -1)));
            try (PreparedStatement ps = connection.prepareStatement(UPDATE_LAST_USED_INDEX)) {
                ps.setInt(1, lastUsed);
                ps.setString(2, walletId);
                if (ps.executeUpdate() == 0) {
                    throw new SQLException("wallet row " + walletId + " disappeared during the claim");
                }
            }
        });
    }

    /**
     * Claim and settle a group of wallets (distinct ids) in one short READ COMMITTED transaction, retried on a
     * deadlock or lock-wait timeout: upsert new addresses and claim existing rows; lock the kept addresses'
     * address_balance rows; rebuild wallet_tx_history, then wallet_balance; delete stale rows of wallets that had
     * some; raise last_used_address_index and mark every wallet ready. All or nothing: throws (after rolling back)
     * when any statement fails or any wallet row is missing.
     */
    public void claimAndSettle(List<WalletClaim> group) {
        if (group.isEmpty()) {
            return;
        }
        inTransaction(connection -> {
            boolean appeared = claimAddresses(connection, group);
            rebuild(connection, group, appeared);
            markReady(connection, group);
        });
    }

    /** status error, ready_at now, retry_count + 1; returns the number of rows changed (0 when the row is missing). */
    public int markError(String walletId) {
        try (Connection connection = autocommit(dataSource.getConnection());
                PreparedStatement ps = connection.prepareStatement(MARK_ERROR)) {
            ps.setString(1, walletId);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw DatabaseException.of(e);
        }
    }

    /**
     * Writes the claim; returns true when one of the new addresses got a row (from the sync daemon) after the scan
     * looked it up: that row is claimed like the others, and the rebuild must then find the kept addresses by their
     * (wallet_id, index) ranges.
     */
    private boolean claimAddresses(Connection connection, List<WalletClaim> group) throws SQLException {
        boolean shielded = flavor == SchemaFlavor.SHIELDED;
        List<Owned> fresh = new ArrayList<>();
        List<Owned> existing = new ArrayList<>();
        for (WalletClaim claim : group) {
            claim.newAddresses().forEach(a -> fresh.add(new Owned(claim.walletId(), a)));
            claim.existing().forEach(a -> existing.add(new Owned(claim.walletId(), a)));
        }
        boolean appeared = false;
        // in primary-key order: each row lands next to the previous one in the address B-tree
        fresh.sort(BY_ADDRESS);
        for (List<Owned> part : partition(fresh, IN_LIST_LIMIT)) {
            String rows = String.join(", ", Collections.nCopies(part.size(), shielded ? NEW_ADDRESS_ROW_SHIELDED : NEW_ADDRESS_ROW_LEGACY));
            try {
                insertNew(connection, (shielded ? INSERT_NEW_ADDRESSES_SHIELDED : INSERT_NEW_ADDRESSES_LEGACY).formatted(rows), part);
            } catch (SQLException e) {
                if (e.getErrorCode() != DUPLICATE_KEY) {
                    throw e;
                }
                // only the failed statement was rolled back; the upsert claims the rows that appeared
                appeared = true;
                insertNew(connection, (shielded ? UPSERT_NEW_ADDRESSES_SHIELDED : UPSERT_NEW_ADDRESSES_LEGACY).formatted(rows), part);
            }
        }
        for (List<Owned> part : partition(existing, IN_LIST_LIMIT)) {
            String arms = String.join(" ", Collections.nCopies(part.size(), CASE_ARM));
            String sql = (shielded ? UPDATE_EXISTING_ADDRESSES_SHIELDED : UPDATE_EXISTING_ADDRESSES_LEGACY)
                    .formatted(arms, arms, placeholders(part.size()));
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                int p = 1;
                for (Owned o : part) {
                    ps.setString(p++, o.address().address());
                    ps.setString(p++, o.walletId());
                }
                for (Owned o : part) {
                    ps.setString(p++, o.address().address());
                    ps.setInt(p++, o.address().index());
                }
                for (Owned o : part) {
                    ps.setString(p++, o.address().address());
                }
                ps.executeUpdate();
            }
        }
        return appeared;
    }

    private static void insertNew(Connection connection, String sql, List<Owned> rows) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            int p = 1;
            for (Owned o : rows) {
                ps.setString(p++, o.address().address());
                ps.setInt(p++, o.address().index());
                ps.setString(p++, o.walletId());
            }
            ps.executeUpdate();
        }
    }

    /**
     * Lock, rebuild wallet_tx_history and wallet_balance for the group, delete stale rows; no status change. Only
     * addresses that had a row before the claim can have address_balance or address_tx_history rows (the daemon
     * writes an address row for every address it sees, and none appeared since the scan unless {@code appeared}),
     * so the statements read those addresses by primary key when they fit one IN list; otherwise, and after a row
     * appeared, they read the group's claimed (wallet_id, index) ranges.
     */
    private void rebuild(Connection connection, List<WalletClaim> group, boolean appeared) throws SQLException {
        List<String> listed = appeared ? List.of() : group.stream().flatMap(c -> keptExisting(c).stream()).toList();
        boolean byList = !rangesOnly && !appeared && listed.size() <= IN_LIST_LIMIT;
        Condition kept = byList ? Condition.addresses(listed) : keptRanges(group);
        // read inside the transaction, before the rebuild writes: every row there now is a candidate stale row, also
        // one written since the load started (a daemon writing for a claimed address); wallet_balance counts the
        // txs from wallet_tx_history, so none may stay
        Map<String, WalletState> now = readWalletStates(connection, group.stream().map(WalletClaim::walletId).toList());
        Set<String> funded = new LinkedHashSet<>();
        if (!kept.isNothing()) {
            String lock = byList ? LOCK_LISTED_ADDRESS_BALANCES.formatted(placeholders(listed.size()))
                    : LOCK_ADDRESS_BALANCES.formatted(lockAddressAccess, kept.sql());
            try (PreparedStatement ps = connection.prepareStatement(lock)) {
                kept.bind(ps, 1);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        // the rows are now X-locked until COMMIT
                        funded.add(rs.getString(1));
                    }
                }
            }
            try (PreparedStatement ps = connection.prepareStatement(UPSERT_WALLET_TX_HISTORY.formatted(kept.sql()))) {
                kept.bind(ps, 1);
                ps.executeUpdate();
            }
        }
        for (WalletClaim claim : group) {
            deleteStaleRows(connection, claim, now.get(claim.walletId()), byList);
        }
        if (!funded.isEmpty()) {
            upsertWalletBalance(connection, group, kept, List.copyOf(funded));
        }
    }

    /** The claim's addresses that had a row before it, within the kept indices. */
    private static List<String> keptExisting(WalletClaim claim) {
        return claim.existing().stream().filter(a -> a.index() <= claim.keptThrough()).map(IndexedAddress::address)
                .toList();
    }

    /** After wallet_tx_history is rebuilt (its rows give the tx counts). */
    private static void upsertWalletBalance(Connection connection, List<WalletClaim> group, Condition kept,
            List<String> funded) throws SQLException {
        Condition source = funded.size() <= IN_LIST_LIMIT ? Condition.addresses(funded) : kept;
        try (PreparedStatement ps = connection.prepareStatement(
                UPSERT_WALLET_BALANCE.formatted(source.sql(), placeholders(group.size())))) {
            int p = source.bind(ps, 1);
            for (WalletClaim claim : group) {
                ps.setString(p++, claim.walletId());
            }
            ps.executeUpdate();
        }
    }

    /** The group's kept addresses as (wallet_id, index) ranges ({@link #KEPT_OF_GROUP}). */
    private Condition keptRanges(List<WalletClaim> group) {
        List<Object> params = new ArrayList<>(group.size() * 3);
        for (WalletClaim claim : group) {
            params.add(claim.walletId());
        }
        for (WalletClaim claim : group) {
            params.add(claim.walletId());
            params.add(claim.keptThrough());
        }
        return new Condition(KEPT_OF_GROUP.formatted(placeholders(group.size()),
                String.join(" ", Collections.nCopies(group.size(), CASE_ARM)), accountCondition()), params);
    }

    private String accountCondition() {
        return flavor == SchemaFlavor.SHIELDED ? LEGACY_ACCOUNT : "";
    }

    /** Only for a wallet that has wallet_balance / wallet_tx_history rows before this transaction's rebuild. */
    private void deleteStaleRows(Connection connection, WalletClaim claim, WalletState now, boolean byList)
            throws SQLException {
        if (now == null) {
            return;
        }
        Condition kept = byList ? Condition.addresses(keptExisting(claim))
                : new Condition(KEPT_OF_WALLET.formatted(accountCondition()), List.of(claim.walletId(), claim.keptThrough()));
        if (now.hasBalanceRows()) {
            try (PreparedStatement ps = connection.prepareStatement(DELETE_STALE_WALLET_BALANCE.formatted(kept.sql()))) {
                ps.setString(1, claim.walletId());
                kept.bind(ps, 2);
                ps.executeUpdate();
            }
        }
        if (now.hasHistoryRows()) {
            try (PreparedStatement ps = connection.prepareStatement(DELETE_STALE_WALLET_TX_HISTORY.formatted(kept.sql()))) {
                int p = kept.bind(ps, 1);
                ps.setString(p, claim.walletId());
                ps.executeUpdate();
            }
        }
    }

    /** A condition on the {@code address a} rows of a statement, with its parameters in order. */
    private record Condition(String sql, List<Object> params) {
        /** {@code a.address IN (…)}; FALSE for no address. */
        static Condition addresses(List<String> addresses) {
            return addresses.isEmpty() ? new Condition("FALSE", List.of())
                    : new Condition(ADDRESS_LIST.formatted(placeholders(addresses.size())), List.copyOf(addresses));
        }

        boolean isNothing() {
            return params.isEmpty() && "FALSE".equals(sql);
        }

        /** Binds the parameters from {@code first}; returns the next parameter index. */
        int bind(PreparedStatement ps, int first) throws SQLException {
            int p = first;
            for (Object value : params) {
                if (value instanceof Integer i) {
                    ps.setInt(p++, i);
                } else {
                    ps.setString(p++, (String) value);
                }
            }
            return p;
        }
    }

    private static void markReady(Connection connection, List<WalletClaim> group) throws SQLException {
        String arms = String.join(" ", Collections.nCopies(group.size(), CASE_ARM));
        try (PreparedStatement ps = connection.prepareStatement(MARK_READY.formatted(arms, placeholders(group.size())))) {
            int p = 1;
            for (WalletClaim claim : group) {
                ps.setString(p++, claim.walletId());
                ps.setInt(p++, claim.lastUsed());
            }
            for (WalletClaim claim : group) {
                ps.setString(p++, claim.walletId());
            }
            int found = ps.executeUpdate();
            if (found != group.size()) {
                throw new SQLException((group.size() - found) + " of " + group.size()
                        + " wallet rows disappeared before they could be marked ready");
            }
        }
    }

    /**
     * Runs {@code work} in one READ COMMITTED transaction; rolls back on any failure and retries on deadlock or
     * lock timeout. The transaction is opened with SQL statements while JDBC autocommit stays on: the one-shot
     * {@code SET TRANSACTION ISOLATION LEVEL} applies to the following {@code START TRANSACTION} only, so the
     * pooled connection's session state is never changed and needs no reset.
     */
    private void inTransaction(Work work) {
        try {
            runInTransaction(work);
        } catch (SQLException e) {
            throw DatabaseException.of(e);
        }
    }

    private void runInTransaction(Work work) throws SQLException {
        try (Connection connection = autocommit(dataSource.getConnection())) {
            for (int attempt = 1; ; attempt++) {
                try (Statement control = connection.createStatement()) {
                    control.execute(SET_READ_COMMITTED);
                    control.execute("START TRANSACTION");
                    try {
                        work.run(connection);
                        control.execute("COMMIT");
                        return;
                    } catch (SQLException | RuntimeException e) {
                        rollbackQuietly(control, e);
                        if (e instanceof SQLException sql && mayRetry(sql, attempt)) {
                            LOG.debug("retrying a transaction after {} (attempt {})", sql.getMessage(), attempt);
                            pause(attempt, e);
                            continue;
                        }
                        throw e;
                    }
                }
            }
        }
    }

    private static void pause(int attempt, Exception cause) throws SQLException {
        try {
            Sleeper.SYSTEM.sleep(TRANSACTION_RETRY.delayBeforeRetry(attempt, ThreadLocalRandom.current()));
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            SQLException interrupted = new SQLException("interrupted before retrying a transaction", ie);
            interrupted.addSuppressed(cause);
            throw interrupted;
        }
    }

    /**
     * A deadlock (1213; SQLState 40001, serialization failure) is tried up to {@link #TRANSACTION_RETRY}'s attempts;
     * a lock-wait timeout (1205) once more only, since each costs innodb_lock_wait_timeout (50 s by default).
     */
    static boolean mayRetry(SQLException e, int attempt) {
        if (e.getErrorCode() == 1213 || "40001".equals(e.getSQLState())) {
            return TRANSACTION_RETRY.allowsRetryAfter(attempt);
        }
        return e.getErrorCode() == 1205 && attempt < LOCK_WAIT_ATTEMPTS;
    }

    private static void rollbackQuietly(Statement control, Exception cause) {
        try {
            control.execute("ROLLBACK");
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private static Connection autocommit(Connection connection) throws SQLException {
        if (!connection.getAutoCommit()) {
            connection.setAutoCommit(true);
        }
        return connection;
    }

    /** An address with the wallet that claims it. */
    private record Owned(String walletId, IndexedAddress address) {}

    private static final java.util.Comparator<Owned> BY_ADDRESS = java.util.Comparator.comparing(o -> o.address().address());

    static String placeholders(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("an IN list needs at least one value");
        }
        return String.join(", ", Collections.nCopies(count, "?"));
    }

    private static int bindStrings(PreparedStatement ps, int first, List<String> values) throws SQLException {
        int p = first;
        for (String value : values) {
            ps.setString(p++, value);
        }
        return p;
    }

    private static <T> List<List<T>> partition(List<T> items, int size) {
        List<List<T>> out = new ArrayList<>((items.size() + size - 1) / size);
        for (int i = 0; i < items.size(); i += size) {
            out.add(items.subList(i, Math.min(items.size(), i + size)));
        }
        return out;
    }
}

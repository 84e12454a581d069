package io.hathor.reinit.demo;

import io.hathor.reinit.wallet.AddressDeriver;
import io.hathor.reinit.wallet.Base58;
import io.hathor.reinit.wallet.Hashes;
import io.hathor.reinit.wallet.Network;
import io.hathor.reinit.wallet.WalletId;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.sql.DataSource;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/**
 * A deterministic synthetic blockchain written the way the sync daemon writes it, plus wallet
 * rows in status 'creating' waiting for a load. Same seed, same rows.
 *
 * <p>Shape: 10 % of wallets never used; the others use 1–5 addresses on a random walk whose steps stay below the
 * gap limit (so every used address is reachable by the gap scan, and many lie past index maxGap−1, which needs a
 * second chunk). "Receive" transactions pay several wallets at once in HTR or one of four custom tokens; some
 * outputs are timelocked (locked balances); some token transactions hand out mint/melt authorities; "spend"
 * transactions spend an earlier output and return change to the same address (an address in several txs, and
 * in txs that also pay other wallets); about 2 % of transactions are voided (history rows kept with voided = 1,
 * no balance effect), some of them paying addresses that nothing else touches (address rows with
 * transactions = 0 that the loader claims but does not count as used).
 */
public final class SyntheticChain {
    /** Rows per multi-row INSERT. */
    private static final int ROWS_PER_INSERT = 500;
    private static final int MAX_GAP = 20;
    private static final int CUSTOM_TOKENS = 4;
    private static final long BASE_TIMESTAMP = 1_700_000_000L;
    /** Timelocks this far in the future keep outputs locked. */
    private static final long FUTURE_TIMELOCK = 4_000_000_000L;

    private static final X9ECParameters SECP256K1 = CustomNamedCurves.getByName("secp256k1");
    private static final FixedPointCombMultiplier MULTIPLIER = new FixedPointCombMultiplier();

    /** What was written. {@code addresses} counts address rows; {@code usedWallets} wallets with a used address. */
    public record Summary(int wallets, int usedWallets, int transactions, int addresses, int tokens,
            int addressBalanceRows, int addressTxHistoryRows) {}

    private SyntheticChain() {}

    /**
     * Writes {@code wallets} wallet rows (status creating, max_gap 20) and their chain into an empty
     * wallet-service schema (legacy or shielded flavor) reachable through {@code dataSource}.
     */
    public static Summary generate(DataSource dataSource, int wallets, long seed, Network network) throws SQLException {
        Builder b = new Builder(new Random(seed), seed, network);
        b.build(wallets);
        try (Connection c = dataSource.getConnection()) {
            b.write(c);
        }
        return b.summary(wallets);
    }

    /** A depth-3 account xpub (version 0488b21e, zero fingerprint, child 0'), deterministic in {@code random}. */
    public static String xpub(Random random) {
        byte[] chainCode = new byte[32];
        random.nextBytes(chainCode);
        BigInteger n = SECP256K1.getN();
        BigInteger k = new BigInteger(256, random).mod(n.subtract(BigInteger.ONE)).add(BigInteger.ONE);
        ECPoint point = MULTIPLIER.multiply(SECP256K1.getG(), k).normalize();
        ByteBuffer payload = ByteBuffer.allocate(78);
        payload.putInt(0x0488B21E).put((byte) 3).putInt(0).putInt(0x80000000).put(chainCode).put(point.getEncoded(true));
        return Base58.encodeChecked(payload.array());
    }

    private static final class Balance {
        long unlocked;
        long locked;
        long totalReceived;
        int unlockedAuthorities;
        int lockedAuthorities;
        Long timelockExpires;
        int transactions;
    }

    private record Output(String txId, int index, String token, String address, long value, Integer authorities,
            Long timelock, boolean locked, boolean voided) {}

    private static final class Builder {
        private final Random random;
        private final long seed;
        private final Network network;
        private final List<Object[]> walletRows = new ArrayList<>();
        private final List<String> tokens = new ArrayList<>();
        private final List<String> usedAddresses = new ArrayList<>();
        private final List<String> voidedOnlyAddresses = new ArrayList<>();
        private final List<Object[]> transactionRows = new ArrayList<>();
        private final List<Output> outputs = new ArrayList<>();
        /** address → non-voided tx count. */
        private final Map<String, Integer> addressTransactions = new LinkedHashMap<>();
        /** address|token → balance. */
        private final Map<String, Balance> balances = new LinkedHashMap<>();
        /** address|tx|token → [balance delta, timestamp, voided]. */
        private final Map<String, long[]> history = new LinkedHashMap<>();
        private final Map<String, Integer> tokenTransactions = new HashMap<>();
        private final List<Output> unspent = new ArrayList<>();
        private int usedWallets;
        private int txCounter;

        Builder(Random random, long seed, Network network) {
            this.random = random;
            this.seed = seed;
            this.network = network;
        }

        void build(int wallets) {
            tokens.add("00");
            for (int i = 1; i <= CUSTOM_TOKENS; i++) {
                tokens.add(hexId("token-" + i));
            }
            long createdAt = BASE_TIMESTAMP;
            for (int w = 0; w < wallets; w++) {
                String xpub = xpub(random);
                String auth = xpub(random);
                walletRows.add(new Object[] {WalletId.of(xpub), xpub, "creating", MAX_GAP, createdAt + w, auth, -1});
                if (random.nextDouble() < 0.10) {
                    continue;
                }
                usedWallets++;
                AddressDeriver deriver = AddressDeriver.forXpub(xpub, network);
                int index = random.nextInt(MAX_GAP / 2);
                int count = 1;
                while (count < 5 && random.nextBoolean()) {
                    count++;
                }
                for (int u = 0; u < count; u++) {
                    usedAddresses.add(deriver.address(index));
                    if (u + 1 < count) {
                        index += 1 + random.nextInt(MAX_GAP - 1);
                    }
                }
                if (random.nextDouble() < 0.05) {
                    // touched only by a voided tx: a row with transactions 0, inside or just past the window
                    voidedOnlyAddresses.add(deriver.address(index + 1 + random.nextInt(MAX_GAP + 10)));
                }
            }
            List<String> receivers = new ArrayList<>(usedAddresses);
            Collections.shuffle(receivers, random);
            int next = 0;
            while (next < receivers.size()) {
                int outs = Math.min(receivers.size() - next, 1 + random.nextInt(12));
                receiveTx(receivers.subList(next, next + outs), false);
                next += outs;
                if (!unspent.isEmpty() && random.nextDouble() < 0.20) {
                    spendTx();
                }
                if (random.nextDouble() < 0.02) {
                    List<String> paid = new ArrayList<>();
                    paid.add(usedAddresses.get(random.nextInt(usedAddresses.size())));
                    if (!voidedOnlyAddresses.isEmpty() && random.nextBoolean()) {
                        paid.add(voidedOnlyAddresses.get(random.nextInt(voidedOnlyAddresses.size())));
                    }
                    receiveTx(paid, true);
                }
            }
            for (String address : voidedOnlyAddresses) {
                if (!addressTransactions.containsKey(address) && random.nextBoolean()) {
                    receiveTx(List.of(address), true);
                }
            }
        }

        private String hexId(String label) {
            return Hashes.hex(Hashes.sha256((seed + "-" + label).getBytes(StandardCharsets.UTF_8)));
        }

        private String token() {
            return random.nextDouble() < 0.6 ? "00" : tokens.get(1 + random.nextInt(CUSTOM_TOKENS));
        }

        private long timestamp(int tx) {
            return BASE_TIMESTAMP + 60L * tx;
        }

        private void receiveTx(List<String> paid, boolean voided) {
            int n = txCounter++;
            String txId = hexId("tx-" + n);
            String token = token();
            long ts = timestamp(n);
            transactionRows.add(new Object[] {txId, ts, 1, voided, null, 17.5});
            int outIndex = 0;
            for (String address : paid) {
                long value = 1 + random.nextInt(1_000_000);
                boolean locked = random.nextDouble() < 0.10;
                Long timelock = locked ? FUTURE_TIMELOCK + random.nextInt(1_000_000) : null;
                addOutput(new Output(txId, outIndex++, token, address, value, null, timelock, locked, voided), ts);
                if (!token.equals("00") && outIndex == 1 && random.nextDouble() < 0.15) {
                    int bits = 1 + random.nextInt(3);
                    addOutput(new Output(txId, outIndex++, token, address, 0, bits, null, false, voided), ts);
                }
            }
            touchTokens(token, voided);
        }

        /** Spends one unlocked output; pays part to another used address and returns change to the spender. */
        private void spendTx() {
            Output spent = unspent.remove(random.nextInt(unspent.size()));
            int n = txCounter++;
            String txId = hexId("tx-" + n);
            long ts = timestamp(n);
            transactionRows.add(new Object[] {txId, ts, 1, false, null, 17.5});
            spentBy.put(spent, txId);
            addDelta(spent.address(), spent.token(), txId, -spent.value(), ts, false);
            Balance from = balance(spent.address(), spent.token());
            from.unlocked -= spent.value();
            String to = usedAddresses.get(random.nextInt(usedAddresses.size()));
            long pay = 1 + random.nextInt((int) Math.max(1, Math.min(spent.value(), Integer.MAX_VALUE - 1)));
            pay = Math.min(pay, spent.value());
            addOutput(new Output(txId, 0, spent.token(), to, pay, null, null, false, false), ts);
            if (spent.value() - pay > 0) {
                addOutput(new Output(txId, 1, spent.token(), spent.address(), spent.value() - pay, null, null, false, false), ts);
            }
            touchTokens(spent.token(), false);
        }

        private final Map<Output, String> spentBy = new HashMap<>();

        private void touchTokens(String token, boolean voided) {
            if (!voided) {
                tokenTransactions.merge(token, 1, Integer::sum);
            }
        }

        private void addOutput(Output o, long ts) {
            outputs.add(o);
            addDelta(o.address(), o.token(), o.txId(), o.value(), ts, o.voided());
            if (o.voided()) {
                addressTransactions.putIfAbsent(o.address(), 0);
                return;
            }
            Balance b = balance(o.address(), o.token());
            if (o.authorities() != null) {
                b.unlockedAuthorities |= o.authorities();
                return;
            }
            b.totalReceived += o.value();
            if (o.locked()) {
                b.locked += o.value();
                b.timelockExpires = b.timelockExpires == null ? o.timelock() : Math.min(b.timelockExpires, o.timelock());
            } else {
                b.unlocked += o.value();
                unspent.add(o);
            }
        }

        private Balance balance(String address, String token) {
            return balances.computeIfAbsent(address + "|" + token, k -> new Balance());
        }

        /** One history row per (address, tx, token); the first touch of a tx also counts the tx for the address. */
        private void addDelta(String address, String token, String txId, long delta, long ts, boolean voided) {
            String key = address + "|" + txId + "|" + token;
            long[] row = history.get(key);
            if (row != null) {
                row[0] += delta;
                return;
            }
            history.put(key, new long[] {delta, ts, voided ? 1 : 0});
            if (voided) {
                return;
            }
            txTouch(address, txId);
            balance(address, token).transactions++;
        }

        private final Map<String, String> lastTxOfAddress = new HashMap<>();

        /** Counts a tx once per address (txs touch an address in one or more tokens, counted once). */
        private void txTouch(String address, String txId) {
            if (!txId.equals(lastTxOfAddress.put(address, txId))) {
                addressTransactions.merge(address, 1, Integer::sum);
            }
        }

        void write(Connection c) throws SQLException {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                List<Object[]> tokenRows = new ArrayList<>();
                for (int i = 1; i < tokens.size(); i++) {
                    tokenRows.add(new Object[] {tokens.get(i), "Synthetic token " + i, "SYN" + i, tokenTransactions.getOrDefault(tokens.get(i), 0), 1});
                }
                insert(c, "INSERT INTO token (id, name, symbol, transactions, version) VALUES ", 5, tokenRows);
                try (PreparedStatement ps = c.prepareStatement("UPDATE token SET transactions = ? WHERE id = '00'")) {
                    ps.setInt(1, tokenTransactions.getOrDefault("00", 0));
                    ps.executeUpdate();
                }
                insert(c, "INSERT INTO wallet (id, xpubkey, status, max_gap, created_at, auth_xpubkey, last_used_address_index) VALUES ", 7, walletRows);
                insert(c, "INSERT INTO `transaction` (tx_id, `timestamp`, version, voided, height, weight) VALUES ", 6, transactionRows);
                List<Object[]> outputRows = new ArrayList<>(outputs.size());
                for (Output o : outputs) {
                    outputRows.add(new Object[] {o.txId(), o.index(), o.token(), o.address(), o.value(), o.authorities(),
                        o.timelock(), o.locked(), spentBy.get(o), o.voided()});
                }
                insert(c, "INSERT INTO tx_output (tx_id, `index`, token_id, address, value, authorities, timelock, locked, spent_by, voided) VALUES ", 10, outputRows);
                List<Object[]> addressRows = new ArrayList<>(addressTransactions.size());
                addressTransactions.forEach((address, count) -> addressRows.add(new Object[] {address, null, null, count}));
                insert(c, "INSERT INTO address (address, `index`, wallet_id, transactions) VALUES ", 4, addressRows);
                List<Object[]> balanceRows = new ArrayList<>(balances.size());
                balances.forEach((key, b) -> {
                    String[] parts = key.split("\\|");
                    balanceRows.add(new Object[] {parts[0], parts[1], b.unlocked, b.locked, b.unlockedAuthorities,
                        b.lockedAuthorities, b.timelockExpires, b.transactions, b.totalReceived});
                });
                insert(c, "INSERT INTO address_balance (address, token_id, unlocked_balance, locked_balance, unlocked_authorities, locked_authorities, timelock_expires, transactions, total_received) VALUES ", 9, balanceRows);
                List<Object[]> historyRows = new ArrayList<>(history.size());
                history.forEach((key, h) -> {
                    String[] parts = key.split("\\|");
                    historyRows.add(new Object[] {parts[0], parts[1], parts[2], h[0], h[1], h[2] == 1});
                });
                insert(c, "INSERT INTO address_tx_history (address, tx_id, token_id, balance, `timestamp`, voided) VALUES ", 6, historyRows);
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO sync_metadata (id, last_event_id) VALUES (0, ?) ON DUPLICATE KEY UPDATE last_event_id = VALUES(last_event_id)")) {
                    ps.setInt(1, transactionRows.size() * 3);
                    ps.executeUpdate();
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        }

        Summary summary(int wallets) {
            return new Summary(wallets, usedWallets, transactionRows.size(), addressTransactions.size(), tokens.size(),
                    balances.size(), history.size());
        }
    }

    /** Multi-row INSERTs of {@code prefix} + up to 1,000 rows of {@code columns} bound values each (null as NULL). */
    public static void insert(Connection c, String prefix, int columns, List<Object[]> rows) throws SQLException {
        String row = "(" + String.join(", ", Collections.nCopies(columns, "?")) + ")";
        for (int from = 0; from < rows.size(); from += ROWS_PER_INSERT) {
            List<Object[]> part = rows.subList(from, Math.min(rows.size(), from + ROWS_PER_INSERT));
            try (PreparedStatement ps = c.prepareStatement(prefix + String.join(", ", Collections.nCopies(part.size(), row)))) {
                int p = 1;
                for (Object[] values : part) {
                    for (Object value : values) {
                        if (value == null) {
                            ps.setNull(p++, Types.NULL);
                        } else {
                            ps.setObject(p++, value);
                        }
                    }
                }
                ps.executeUpdate();
            }
        }
    }
}

package io.hathor.reinit.bench;

import io.hathor.reinit.demo.SyntheticChain;
import io.hathor.reinit.wallet.AddressDeriver;
import io.hathor.reinit.wallet.Network;
import io.hathor.reinit.wallet.WalletId;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.sql.DataSource;

/**
 * Heavy wallets written the way the sync daemon writes them, to go next to a {@link SyntheticChain}: a wallet of
 * size n has used every address 0 … n−1 (max_gap 20), each paid by one HTR transaction that pays ten of its
 * addresses, so it has n address rows (transactions 1), n address_balance rows and n address_tx_history rows.
 */
public final class HeavyTailChain {
    private static final int ADDRESSES_PER_TX = 10;
    private static final long BASE_TIMESTAMP = 1_750_000_000L;

    /** One heavy wallet written: its id, xpub and number of used addresses. */
    public record HeavyWallet(String walletId, String xpubkey, int usedAddresses) {}

    private HeavyTailChain() {}

    public static List<HeavyWallet> write(DataSource dataSource, int[] sizes, long seed, Network network) throws SQLException {
        Random random = new Random(seed);
        List<HeavyWallet> wallets = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            for (int w = 0; w < sizes.length; w++) {
                String xpub = SyntheticChain.xpub(random);
                String id = WalletId.of(xpub);
                int n = sizes[w];
                String[] addresses = AddressDeriver.forXpub(xpub, network).addresses(0, n);
                SyntheticChain.insert(c, "INSERT INTO wallet (id, xpubkey, status, max_gap, created_at, auth_xpubkey) VALUES ", 6,
                        List.<Object[]>of(new Object[] {id, xpub, "creating", 20, BASE_TIMESTAMP, xpub}));
                List<Object[]> addressRows = new ArrayList<>(n);
                List<Object[]> balanceRows = new ArrayList<>(n);
                List<Object[]> historyRows = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    long value = 1 + random.nextInt(1_000_000);
                    String txId = String.format("%08x%056x", w + 1, i / ADDRESSES_PER_TX);
                    addressRows.add(new Object[] {addresses[i], 1});
                    balanceRows.add(new Object[] {addresses[i], "00", value, 0, 1, value});
                    historyRows.add(new Object[] {addresses[i], txId, "00", value, BASE_TIMESTAMP + i / ADDRESSES_PER_TX});
                }
                SyntheticChain.insert(c, "INSERT INTO address (address, transactions) VALUES ", 2, addressRows);
                SyntheticChain.insert(c, "INSERT INTO address_balance (address, token_id, unlocked_balance, locked_balance, transactions, "
                        + "total_received) VALUES ", 6, balanceRows);
                SyntheticChain.insert(c, "INSERT INTO address_tx_history (address, tx_id, token_id, balance, `timestamp`) VALUES ", 5, historyRows);
                c.commit();
                wallets.add(new HeavyWallet(id, xpub, n));
            }
        }
        return wallets;
    }
}

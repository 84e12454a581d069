package io.hathor.reinit.loader;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.hathor.reinit.db.Database;
import io.hathor.reinit.bench.HeavyTailChain;
import io.hathor.reinit.demo.SyntheticChain;
import io.hathor.reinit.support.TestDatabase;
import io.hathor.reinit.wallet.AddressDeriver;
import io.hathor.reinit.wallet.Network;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

/** SyntheticChain + ParallelLoader: every wallet ready, wallet_balance equal to an aggregation computed here. */
class SyntheticChainLoadIT {
    private static final int WALLETS = 200;

    @Test
    void should_load_every_synthetic_wallet_and_match_an_independent_aggregation() throws Exception {
        // given
        TestDatabase.Schema schema = TestDatabase.newSchema("synthetic");
        try (HikariDataSource ds = LoaderTestSupport.pool(schema, 6); Connection conn = schema.connect()) {
            SyntheticChain.Summary summary = SyntheticChain.generate(ds, WALLETS, 42L, Network.TESTNET);
            assertThat(summary.wallets()).isEqualTo(WALLETS);
            assertThat(summary.tokens()).isEqualTo(5);
            assertThat(summary.transactions()).isGreaterThan(50);
            List<LoadRequest> requests = LoaderTestSupport.requests(conn);
            ConcurrentLinkedQueue<LoadResult> results = new ConcurrentLinkedQueue<>();
            // when
            LoadSummary run;
            try (ParallelLoader parallel = new ParallelLoader(new DirectLoader(Database.on(ds), Network.TESTNET), 4, Duration.ofSeconds(10))) {
                run = parallel.loadAll(requests, results::add);
            }
            // then
            assertThat(run.succeeded()).isEqualTo(WALLETS);
            assertThat(results).hasSize(WALLETS).allSatisfy(r -> assertThat(r.success()).as(String.valueOf(r.error())).isTrue());
            assertThat(results).anySatisfy(r -> assertThat(r.lastUsedIndex()).isGreaterThan(19));
            assertThat(results).anySatisfy(r -> assertThat(r.lastUsedIndex()).isEqualTo(-1));
            assertThat(LoaderTestSupport.rows(conn, "SELECT DISTINCT status, retry_count FROM wallet")).containsExactly("status=ready | retry_count=0");
            Map<String, String> expected = expectedWalletBalance(conn, requests);
            Map<String, String> actual = walletBalance(conn);
            assertThat(actual).isNotEmpty().isEqualTo(expected);
        }
    }

    /**
     * A wallet with more funded addresses than one IN list holds (1,500) loads in one group with small ones: the
     * wallet_balance rebuild then reads address_balance through the kept (wallet_id, index) ranges instead of the
     * list of funded addresses, and gives the same sums.
     */
    @Test
    void should_match_the_independent_aggregation_when_a_wallet_has_more_funded_addresses_than_an_in_list() throws Exception {
        // given
        TestDatabase.Schema schema = TestDatabase.newSchema("synthetic_heavy");
        try (HikariDataSource ds = LoaderTestSupport.pool(schema, 4); Connection conn = schema.connect()) {
            SyntheticChain.generate(ds, 30, 7L, Network.TESTNET);
            HeavyTailChain.write(ds, new int[] {1_500, 45}, 11L, Network.TESTNET);
            List<LoadRequest> requests = LoaderTestSupport.requests(conn);
            // when
            List<LoadResult> results = new DirectLoader(Database.on(ds), Network.TESTNET).loadGroup(requests);
            // then
            assertThat(results).hasSize(32).allSatisfy(r -> assertThat(r.success()).as(String.valueOf(r.error())).isTrue());
            assertThat(results).anySatisfy(r -> assertThat(r.lastUsedIndex()).isEqualTo(1_499));
            assertThat(walletBalance(conn)).isNotEmpty().isEqualTo(expectedWalletBalance(conn, requests));
            assertThat(LoaderTestSupport.rows(conn, "SELECT COUNT(*) AS n FROM wallet_tx_history w JOIN wallet ON wallet.id = w.wallet_id "
                    + "WHERE wallet.last_used_address_index = 1499")).containsExactly("n=150");
        }
    }

    private static Map<String, String> walletBalance(Connection conn) throws Exception {
        Map<String, String> actual = new TreeMap<>();
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT wallet_id, token_id, unlocked_balance, locked_balance, unlocked_authorities, locked_authorities, "
                        + "timelock_expires, transactions, total_received FROM wallet_balance")) {
            while (rs.next()) {
                actual.put(rs.getString(1) + "/" + rs.getString(2), String.join(",", rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9)));
            }
        }
        return actual;
    }

    /**
     * Plain-Java aggregation: the kept set by the sequential gap rule (the generator keeps every step between used
     * indices below the gap, so it agrees with the chunked scan), then sums over address_balance and distinct
     * non-voided txs from address_tx_history.
     */
    private static Map<String, String> expectedWalletBalance(Connection conn, List<LoadRequest> requests) throws Exception {
        Map<String, Long> transactions = new HashMap<>();
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("SELECT address, transactions FROM address")) {
            while (rs.next()) {
                transactions.put(rs.getString(1), rs.getLong(2));
            }
        }
        Map<String, List<String[]>> balances = new HashMap<>();
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT address, token_id, unlocked_balance, locked_balance, unlocked_authorities, locked_authorities, timelock_expires, total_received FROM address_balance")) {
            while (rs.next()) {
                balances.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new String[] {
                    rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8)});
            }
        }
        Map<String, List<String[]>> history = new HashMap<>();
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("SELECT address, token_id, tx_id FROM address_tx_history WHERE voided = 0")) {
            while (rs.next()) {
                history.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new String[] {rs.getString(2), rs.getString(3)});
            }
        }
        Map<String, String> expected = new TreeMap<>();
        for (LoadRequest r : requests) {
            AddressDeriver deriver = AddressDeriver.forXpub(r.xpubkey(), Network.TESTNET);
            List<String> kept = new ArrayList<>();
            int lastUsed = -1;
            for (int i = 0; i <= lastUsed + r.maxGap(); i++) {
                String address = deriver.address(i);
                kept.add(address);
                if (transactions.getOrDefault(address, 0L) > 0) {
                    lastUsed = i;
                }
            }
            Map<String, BigInteger[]> sums = new TreeMap<>();
            Map<String, Long> minTimelock = new HashMap<>();
            Map<String, Set<String>> txs = new HashMap<>();
            for (String address : kept) {
                for (String[] b : balances.getOrDefault(address, List.of())) {
                    BigInteger[] s = sums.computeIfAbsent(b[0], k -> new BigInteger[] {BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO});
                    s[0] = s[0].add(new BigInteger(b[1]));
                    s[1] = s[1].add(new BigInteger(b[2]));
                    s[2] = s[2].or(new BigInteger(b[3]));
                    s[3] = s[3].or(new BigInteger(b[4]));
                    s[4] = s[4].add(new BigInteger(b[6]));
                    if (b[5] != null) {
                        minTimelock.merge(b[0], Long.parseLong(b[5]), Math::min);
                    }
                }
                for (String[] h : history.getOrDefault(address, List.of())) {
                    txs.computeIfAbsent(h[0], k -> new HashSet<>()).add(h[1]);
                }
            }
            sums.forEach((token, s) -> expected.put(r.walletId() + "/" + token, String.join(",", s[0].toString(), s[1].toString(),
                    s[2].toString(), s[3].toString(), String.valueOf(minTimelock.get(token)),
                    String.valueOf(txs.getOrDefault(token, Set.of()).size()), s[4].toString())));
        }
        return expected;
    }
}

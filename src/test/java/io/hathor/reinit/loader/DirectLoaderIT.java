package io.hathor.reinit.loader;

import static io.hathor.reinit.loader.LoaderTestSupport.execute;
import static io.hathor.reinit.loader.LoaderTestSupport.rows;
import static io.hathor.reinit.loader.LoaderTestSupport.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.hathor.reinit.db.Database;
import io.hathor.reinit.db.IndexedAddress;
import io.hathor.reinit.db.LoadRepository;
import io.hathor.reinit.db.SchemaFlavor;
import io.hathor.reinit.demo.SyntheticChain;
import io.hathor.reinit.support.TestDatabase;
import io.hathor.reinit.wallet.AddressDeriver;
import io.hathor.reinit.wallet.Network;
import io.hathor.reinit.wallet.WalletId;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A hand-made chain where every expected row is known. maxGap 5. Wallet A uses indices 0, 3 and 8 (8 needs the
 * second chunk), has an unused daemon row at 14 (third chunk, past the window 0..13), HTR plus two tokens, locked
 * balances with timelocks, authorities, a voided tx, a zero-net tx and a T2 sum above Long.MAX_VALUE. Wallet B's
 * only address was created by the daemon (tx2 pays A and B). Wallet C has no use at all.
 */
class DirectLoaderIT {
    private static final int GAP = 5;
    private static final String T1 = "1111111111111111111111111111111111111111111111111111111111111111";
    private static final String T2 = "2222222222222222222222222222222222222222222222222222222222222222";
    private static final String BIG = "9223372036854775000";

    private final String xpubA = SyntheticChain.xpub(new Random(11));
    private final String xpubB = SyntheticChain.xpub(new Random(22));
    private final String xpubC = SyntheticChain.xpub(new Random(33));
    private final String a = WalletId.of(xpubA);
    private final String b = WalletId.of(xpubB);
    private final String c = WalletId.of(xpubC);
    private final String[] addrA = AddressDeriver.forXpub(xpubA, Network.MAINNET).addresses(0, 20);
    private final String addrB0 = AddressDeriver.forXpub(xpubB, Network.MAINNET).address(0);

    private TestDatabase.Schema chain(SchemaFlavor flavor) throws Exception {
        TestDatabase.Schema schema = TestDatabase.newSchema("direct_" + flavor);
        if (flavor == SchemaFlavor.SHIELDED) {
            LoaderTestSupport.makeShielded(schema);
        }
        try (Connection conn = schema.connect()) {
            String a0 = addrA[0], a3 = addrA[3], a8 = addrA[8], a14 = addrA[14];
            execute(conn,
                    "INSERT INTO token (id, name, symbol, transactions) VALUES ('" + T1 + "', 'One', 'ONE', 2), ('" + T2 + "', 'Two', 'TWO', 2)",
                    "INSERT INTO wallet (id, xpubkey, status, max_gap, created_at, auth_xpubkey) VALUES "
                            + "('" + a + "', '" + xpubA + "', 'creating', 5, 1, 'x'), ('" + b + "', '" + xpubB + "', 'creating', 5, 1, 'x'), "
                            + "('" + c + "', '" + xpubC + "', 'creating', 5, 1, 'x')",
                    "INSERT INTO address (address, `index`, wallet_id, transactions) VALUES ('" + a0 + "', NULL, NULL, 4), ('"
                            + a3 + "', NULL, NULL, 3), ('" + a8 + "', NULL, NULL, 2), ('" + a14 + "', NULL, NULL, 0), ('" + addrB0 + "', NULL, NULL, 1)",
                    "INSERT INTO address_balance (address, token_id, unlocked_balance, locked_balance, unlocked_authorities, "
                            + "locked_authorities, timelock_expires, transactions, total_received) VALUES "
                            + "('" + a0 + "', '00', 65, 0, 0, 0, NULL, 3, 100), "
                            + "('" + a3 + "', '00', 25, 0, 0, 0, NULL, 2, 25), "
                            + "('" + addrB0 + "', '00', 10, 0, 0, 0, NULL, 1, 10), "
                            + "('" + a8 + "', '" + T1 + "', 50, 500, 1, 0, 2000000000, 1, 550), "
                            + "('" + a3 + "', '" + T1 + "', 0, 10, 0, 2, 1999999999, 1, 10), "
                            + "('" + a0 + "', '" + T2 + "', " + BIG + ", 0, 0, 0, NULL, 1, " + BIG + "), "
                            + "('" + a8 + "', '" + T2 + "', 1000, 0, 0, 0, NULL, 1, 1000)",
                    "INSERT INTO address_tx_history (address, tx_id, token_id, balance, `timestamp`, voided) VALUES "
                            + "('" + a0 + "', 'tx1', '00', 100, 1000, 0), "
                            + "('" + a0 + "', 'tx2', '00', -30, 2000, 0), ('" + a3 + "', 'tx2', '00', 20, 2000, 0), ('" + addrB0 + "', 'tx2', '00', 10, 2000, 0), "
                            + "('" + a3 + "', 'tx3', '00', 999, 3000, 1), "
                            + "('" + a0 + "', 'tx4', '" + T2 + "', " + BIG + ", 4000, 0), "
                            + "('" + a14 + "', 'tx5', '00', 7, 5000, 1), "
                            + "('" + a8 + "', 'tx6', '" + T1 + "', 550, 6000, 0), "
                            + "('" + a3 + "', 'tx7', '" + T1 + "', 10, 7000, 0), "
                            + "('" + a8 + "', 'tx8', '" + T2 + "', 1000, 8000, 0), "
                            + "('" + a0 + "', 'tx9', '00', -5, 9000, 0), ('" + a3 + "', 'tx9', '00', 5, 9000, 0)");
        }
        return schema;
    }

    private static List<LoadResult> loadAll(HikariDataSource ds, List<LoadRequest> requests) {
        DirectLoader loader = new DirectLoader(Database.on(ds), Network.MAINNET);
        List<LoadResult> results = new ArrayList<>();
        for (LoadRequest r : requests) {
            results.add(loader.load(r));
        }
        return results;
    }

    private List<LoadRequest> requests() {
        return List.of(new LoadRequest(a, xpubA, GAP), new LoadRequest(b, xpubB, GAP), new LoadRequest(c, xpubC, GAP));
    }

    private void assertExpectedRows(Connection conn) throws Exception {
        assertThat(rows(conn, "SELECT wallet_id, token_id, unlocked_balance, locked_balance, unlocked_authorities, locked_authorities, "
                + "timelock_expires, transactions, total_received FROM wallet_balance ORDER BY wallet_id = '" + a + "' DESC, wallet_id, token_id"))
                .containsExactly(
                        "wallet_id=" + a + " | token_id=00 | unlocked_balance=90 | locked_balance=0 | unlocked_authorities=0 | locked_authorities=0 | timelock_expires=null | transactions=3 | total_received=125",
                        "wallet_id=" + a + " | token_id=" + T1 + " | unlocked_balance=50 | locked_balance=510 | unlocked_authorities=1 | locked_authorities=2 | timelock_expires=1999999999 | transactions=2 | total_received=560",
                        "wallet_id=" + a + " | token_id=" + T2 + " | unlocked_balance=9223372036854776000 | locked_balance=0 | unlocked_authorities=0 | locked_authorities=0 | timelock_expires=null | transactions=2 | total_received=9223372036854776000",
                        "wallet_id=" + b + " | token_id=00 | unlocked_balance=10 | locked_balance=0 | unlocked_authorities=0 | locked_authorities=0 | timelock_expires=null | transactions=1 | total_received=10");
        assertThat(rows(conn, "SELECT wallet_id, token_id, tx_id, balance, `timestamp`, voided FROM wallet_tx_history ORDER BY wallet_id = '" + a + "' DESC, wallet_id, tx_id"))
                .containsExactly(
                        "wallet_id=" + a + " | token_id=00 | tx_id=tx1 | balance=100 | timestamp=1000 | voided=0",
                        "wallet_id=" + a + " | token_id=00 | tx_id=tx2 | balance=-10 | timestamp=2000 | voided=0",
                        "wallet_id=" + a + " | token_id=" + T2 + " | tx_id=tx4 | balance=" + BIG + " | timestamp=4000 | voided=0",
                        "wallet_id=" + a + " | token_id=" + T1 + " | tx_id=tx6 | balance=550 | timestamp=6000 | voided=0",
                        "wallet_id=" + a + " | token_id=" + T1 + " | tx_id=tx7 | balance=10 | timestamp=7000 | voided=0",
                        "wallet_id=" + a + " | token_id=" + T2 + " | tx_id=tx8 | balance=1000 | timestamp=8000 | voided=0",
                        "wallet_id=" + a + " | token_id=00 | tx_id=tx9 | balance=0 | timestamp=9000 | voided=0",
                        "wallet_id=" + b + " | token_id=00 | tx_id=tx2 | balance=10 | timestamp=2000 | voided=0");
        List<String> ownedA = new ArrayList<>();
        for (int i = 0; i <= 14; i++) {
            ownedA.add(addrA[i] + " " + i);
        }
        assertThat(rows(conn, "SELECT address, `index`, transactions FROM address WHERE wallet_id = '" + a + "' ORDER BY `index`")
                .stream().map(r -> r.replaceAll("address=(\\S+) \\| index=(\\d+) \\| transactions=\\d+", "$1 $2")).toList())
                .containsExactlyElementsOf(ownedA);
        assertThat(rows(conn, "SELECT `index`, transactions FROM address WHERE address IN ('" + addrA[0] + "', '" + addrA[14] + "', '" + addrA[13] + "') ORDER BY `index`"))
                .as("transactions are kept for existing rows, 0 for new ones")
                .containsExactly("index=0 | transactions=4", "index=13 | transactions=0", "index=14 | transactions=0");
        assertThat(rows(conn, "SELECT COUNT(*) AS n, MIN(`index`) AS lo, MAX(`index`) AS hi FROM address WHERE wallet_id = '" + b + "'"))
                .as("B used index 0: window 0..5")
                .containsExactly("n=6 | lo=0 | hi=5");
        assertThat(rows(conn, "SELECT COUNT(*) AS n, MIN(`index`) AS lo, MAX(`index`) AS hi FROM address WHERE wallet_id = '" + c + "'"))
                .containsExactly("n=5 | lo=0 | hi=4");
        assertThat(rows(conn, "SELECT id, status, retry_count, last_used_address_index, ready_at IS NOT NULL AS has_ready_at FROM wallet "
                + "ORDER BY FIELD(id, '" + a + "', '" + b + "', '" + c + "')"))
                .containsExactly(
                        "id=" + a + " | status=ready | retry_count=0 | last_used_address_index=8 | has_ready_at=1",
                        "id=" + b + " | status=ready | retry_count=0 | last_used_address_index=0 | has_ready_at=1",
                        "id=" + c + " | status=ready | retry_count=0 | last_used_address_index=-1 | has_ready_at=1");
    }

    @ParameterizedTest
    @EnumSource(SchemaFlavor.class)
    void should_write_exactly_the_expected_rows(SchemaFlavor flavor) throws Exception {
        // given
        TestDatabase.Schema schema = chain(flavor);
        try (HikariDataSource ds = LoaderTestSupport.pool(schema, 2); Connection conn = schema.connect()) {
            assertThat(new DirectLoader(Database.on(ds), Network.MAINNET).flavor()).isEqualTo(flavor);
            // when
            List<LoadResult> results = loadAll(ds, requests());
            // then
            assertThat(results).allSatisfy(r -> assertThat(r.success()).as(String.valueOf(r.error())).isTrue());
            assertThat(results.get(0).lastUsedIndex()).isEqualTo(8);
            assertThat(results.get(0).addressesDerived()).isEqualTo(15);
            assertThat(results.get(0).addressesClaimed()).isEqualTo(15);
            assertExpectedRows(conn);
            if (flavor == SchemaFlavor.SHIELDED) {
                assertThat(rows(conn, "SELECT COUNT(*) AS n FROM address WHERE wallet_id IS NOT NULL AND (bip32_account IS NULL OR bip32_account <> 0)"))
                        .containsExactly("n=0");
                assertThat(rows(conn, "SELECT SUM(unlocked_shielded_balance + locked_shielded_balance + total_shielded_received) AS s FROM wallet_balance"))
                        .containsExactly("s=0");
                assertThat(rows(conn, "SELECT DISTINCT ct_status FROM wallet")).containsExactly("ct_status=none");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(SchemaFlavor.class)
    void should_write_exactly_the_expected_rows_when_the_wallets_load_as_one_group(SchemaFlavor flavor) throws Exception {
        // given
        TestDatabase.Schema schema = chain(flavor);
        try (HikariDataSource ds = LoaderTestSupport.pool(schema, 2); Connection conn = schema.connect()) {
            // when
            List<LoadResult> results = new DirectLoader(Database.on(ds), Network.MAINNET).loadGroup(requests());
            // then
            assertThat(results).extracting(LoadResult::walletId).containsExactly(a, b, c);
            assertThat(results).allSatisfy(r -> assertThat(r.success()).as(String.valueOf(r.error())).isTrue());
            assertThat(results).extracting(LoadResult::lastUsedIndex).containsExactly(8, 0, -1);
            assertThat(results).extracting(LoadResult::addressesClaimed).containsExactly(15, 6, 5);
            assertExpectedRows(conn);
        }
    }

    @ParameterizedTest
    @EnumSource(SchemaFlavor.class)
    void should_fail_only_the_bad_wallets_of_a_group(SchemaFlavor flavor) throws Exception {
        // given: D's two balances sum past BIGINT UNSIGNED (its rebuild fails, and with it the group's transaction);
        // E has no wallet row; F's id does not match its xpub
        TestDatabase.Schema schema = chain(flavor);
        String xpubD = SyntheticChain.xpub(new Random(44));
        String d = WalletId.of(xpubD);
        String[] addrD = AddressDeriver.forXpub(xpubD, Network.MAINNET).addresses(0, 2);
        String xpubE = SyntheticChain.xpub(new Random(55));
        String max = "18446744073709551615";
        try (HikariDataSource ds = LoaderTestSupport.pool(schema, 2); Connection conn = schema.connect()) {
            execute(conn,
                    "INSERT INTO wallet (id, xpubkey, status, max_gap, created_at, auth_xpubkey) VALUES ('" + d + "', '" + xpubD + "', 'creating', 5, 1, 'x')",
                    "INSERT INTO address (address, `index`, wallet_id, transactions) VALUES ('" + addrD[0] + "', NULL, NULL, 1), ('" + addrD[1] + "', NULL, NULL, 1)",
                    "INSERT INTO address_balance (address, token_id, unlocked_balance, locked_balance, transactions, total_received) VALUES "
                            + "('" + addrD[0] + "', '00', " + max + ", 0, 1, " + max + "), ('" + addrD[1] + "', '00', " + max + ", 0, 1, " + max + ")");
            List<LoadRequest> group = new ArrayList<>(requests());
            group.add(1, new LoadRequest(d, xpubD, GAP));
            group.add(new LoadRequest(WalletId.of(xpubE), xpubE, GAP));
            group.add(new LoadRequest(WalletId.of(xpubA).replace('a', 'b').replace('0', 'a'), xpubA, GAP));
            // when
            List<LoadResult> results = new DirectLoader(Database.on(ds), Network.MAINNET).loadGroup(group);
            // then
            assertThat(results).extracting(LoadResult::success).containsExactly(true, false, true, true, false, false);
            assertThat(results.get(1).error()).containsIgnoringCase("range");
            assertThat(results.get(4).error()).contains("wallet row not found");
            assertThat(results.get(5).error()).contains("sha256d");
            assertThat(rows(conn, "SELECT status, retry_count FROM wallet WHERE id = '" + d + "'")).containsExactly("status=error | retry_count=1");
            assertThat(rows(conn, "SELECT COUNT(*) AS n FROM address WHERE wallet_id = '" + d + "'")).as("D's claim rolled back")
                    .containsExactly("n=0");
            execute(conn, "DELETE FROM wallet WHERE id = '" + d + "'");
            assertExpectedRows(conn);
        }
    }

    @ParameterizedTest
    @EnumSource(SchemaFlavor.class)
    void should_give_identical_tables_when_loaded_twice(SchemaFlavor flavor) throws Exception {
        // given
        TestDatabase.Schema schema = chain(flavor);
        try (HikariDataSource ds = LoaderTestSupport.pool(schema, 2); Connection conn = schema.connect()) {
            loadAll(ds, requests());
            List<String> first = snapshot(conn);
            // when
            List<LoadResult> again = loadAll(ds, requests());
            // then
            assertThat(again).allSatisfy(r -> assertThat(r.success()).isTrue());
            assertThat(snapshot(conn)).containsExactlyElementsOf(first);
            assertExpectedRows(conn);
        }
    }

    @ParameterizedTest
    @EnumSource(SchemaFlavor.class)
    void should_repair_a_crash_between_claim_and_settle_and_stale_rows(SchemaFlavor flavor) throws Exception {
        // given: a load that failed (claim and settle share one transaction: nothing committed, status error) ...
        TestDatabase.Schema schema = chain(flavor);
        try (HikariDataSource ds = LoaderTestSupport.pool(schema, 2); Connection conn = schema.connect()) {
            String claimedBefore = rows(conn, "SELECT COUNT(*) AS n FROM address WHERE wallet_id = '" + a + "'").get(0);
            execute(conn, "RENAME TABLE wallet_tx_history TO wallet_tx_history_away");
            List<LoadResult> failed = loadAll(ds, requests());
            assertThat(failed).allSatisfy(r -> {
                assertThat(r.success()).isFalse();
                assertThat(r.error()).contains("wallet_tx_history").doesNotContain("xpub");
            });
            assertThat(rows(conn, "SELECT DISTINCT status, retry_count FROM wallet")).containsExactly("status=error | retry_count=1");
            assertThat(rows(conn, "SELECT COUNT(*) AS n FROM wallet_balance")).as("settle rolled back").containsExactly("n=0");
            assertThat(rows(conn, "SELECT COUNT(*) AS n FROM address WHERE wallet_id = '" + a + "'")).as("nothing committed")
                    .containsExactly(claimedBefore);
            execute(conn, "RENAME TABLE wallet_tx_history_away TO wallet_tx_history");
            // ... then a claim committed without its settle, as the wallet-service's two-transaction load leaves it ...
            LoadRepository repository = new LoadRepository(Database.on(ds));
            GapScan.Result scan = scanA(repository);
            repository.claim(a, scan.newAddresses(), scan.existing(), scan.lastUsed());
            assertThat(rows(conn, "SELECT COUNT(*) AS n FROM address WHERE wallet_id = '" + a + "'")).as("claim committed").containsExactly("n=15");
            // ... plus stale and wrong rows from some earlier, different load
            execute(conn,
                    "INSERT INTO wallet_balance (wallet_id, token_id, unlocked_balance, locked_balance, transactions) VALUES "
                            + "('" + a + "', 'ff', 1, 1, 1), ('" + a + "', '00', 1, 2, 3), ('" + c + "', '00', 5, 5, 5)",
                    "INSERT INTO wallet_tx_history (wallet_id, token_id, tx_id, balance, `timestamp`, voided) VALUES "
                            + "('" + a + "', '00', 'tx3', 999, 3000, 1), ('" + a + "', '00', 'tx1', 1, 1, 1), ('" + c + "', '00', 'old', 1, 1, 0)");
            // when
            List<LoadResult> results = loadAll(ds, requests());
            // then
            assertThat(results).allSatisfy(r -> assertThat(r.success()).as(String.valueOf(r.error())).isTrue());
            assertExpectedRows(conn);
        }
    }

    @ParameterizedTest
    @EnumSource(SchemaFlavor.class)
    void should_delete_stale_rows_that_appeared_after_the_load_read_the_wallet_states(SchemaFlavor flavor) throws Exception {
        // given: loaded wallets, then rows written for wallet A after its load read "no wallet_balance, no history"
        TestDatabase.Schema schema = chain(flavor);
        try (HikariDataSource ds = LoaderTestSupport.pool(schema, 2); Connection conn = schema.connect()) {
            List<LoadResult> loaded = loadAll(ds, requests());
            assertThat(loaded).allSatisfy(r -> assertThat(r.success()).as(String.valueOf(r.error())).isTrue());
            int lastUsed = loaded.stream().filter(r -> r.walletId().equals(a)).findFirst().orElseThrow().lastUsedIndex();
            execute(conn,
                    "INSERT INTO wallet_balance (wallet_id, token_id, unlocked_balance, locked_balance, transactions) VALUES "
                            + "('" + a + "', 'ff', 1, 1, 1)",
                    "INSERT INTO wallet_tx_history (wallet_id, token_id, tx_id, balance, `timestamp`, voided) VALUES "
                            + "('" + a + "', '00', 'late', 7, 9000, 0)");
            LoadRepository repository = new LoadRepository(Database.on(ds));
            GapScan.Result scan = scanA(repository);
            assertThat(scan.lastUsed()).isEqualTo(lastUsed);
            // when: the settle runs again for A
            repository.claimAndSettle(List.of(claimOf(a, scan)));
            // then: the rows are rebuilt exactly, the late rows gone and not counted
            assertExpectedRows(conn);
        }
    }

    /**
     * The daemon sees a first transaction for one of A's new addresses after the scan looked it up: the claim finds
     * its row, claims it, and the rebuild counts its balance and history (the claim's addresses alone would miss
     * them).
     */
    @ParameterizedTest
    @EnumSource(SchemaFlavor.class)
    void should_count_an_address_that_got_a_row_between_the_scan_and_the_claim(SchemaFlavor flavor) throws Exception {
        // given
        TestDatabase.Schema schema = chain(flavor);
        try (HikariDataSource ds = LoaderTestSupport.pool(schema, 2); Connection conn = schema.connect()) {
            LoadRepository repository = new LoadRepository(Database.on(ds));
            GapScan.Result scan = scanA(repository);
            IndexedAddress late = scan.newAddresses().get(scan.newAddresses().size() - 1);
            execute(conn,
                    "INSERT INTO address (address, transactions) VALUES ('" + late.address() + "', 1)",
                    "INSERT INTO address_balance (address, token_id, unlocked_balance, locked_balance, transactions) "
                            + "VALUES ('" + late.address() + "', 'beef', 42, 0, 1)",
                    "INSERT INTO address_tx_history (address, tx_id, token_id, balance, `timestamp`, voided) "
                            + "VALUES ('" + late.address() + "', 'late-tx', 'beef', 42, 5000, 0)");
            // when
            repository.claimAndSettle(List.of(claimOf(a, scan)));
            // then
            assertThat(rows(conn, "SELECT wallet_id, `index` FROM address WHERE address = '" + late.address() + "'"))
                    .containsExactly("wallet_id=" + a + " | index=" + late.index());
            assertThat(rows(conn, "SELECT unlocked_balance, transactions FROM wallet_balance WHERE wallet_id = '" + a
                    + "' AND token_id = 'beef'")).containsExactly("unlocked_balance=42 | transactions=1");
            assertThat(rows(conn, "SELECT balance FROM wallet_tx_history WHERE wallet_id = '" + a
                    + "' AND tx_id = 'late-tx'")).containsExactly("balance=42");
            assertThat(rows(conn, "SELECT status FROM wallet WHERE id = '" + a + "'")).containsExactly("status=ready");
        }
    }

    /** Wallet A's gap scan against the database as it is now. */
    private GapScan.Result scanA(LoadRepository repository) {
        return GapScan.scan(GAP, AddressDeriver.forXpub(xpubA, Network.MAINNET)::addresses,
                repository::addressTransactions);
    }

    private static LoadRepository.WalletClaim claimOf(String walletId, GapScan.Result scan) {
        return new LoadRepository.WalletClaim(walletId, scan.newAddresses(), scan.existing(), scan.lastUsed(),
                scan.kept().size() - 1);
    }

    @ParameterizedTest
    @EnumSource(SchemaFlavor.class)
    void should_report_a_missing_wallet_row_without_writing(SchemaFlavor flavor) throws Exception {
        // given
        TestDatabase.Schema schema = chain(flavor);
        try (HikariDataSource ds = LoaderTestSupport.pool(schema, 2); Connection conn = schema.connect()) {
            execute(conn, "DELETE FROM wallet WHERE id = '" + a + "'");
            // when
            LoadResult result = new DirectLoader(Database.on(ds), Network.MAINNET).load(new LoadRequest(a, xpubA, GAP));
            // then
            assertThat(result.success()).isFalse();
            assertThat(result.error()).contains("wallet row not found");
            assertThat(rows(conn, "SELECT COUNT(*) AS n FROM address WHERE wallet_id IS NOT NULL")).containsExactly("n=0");
        }
    }

    @ParameterizedTest
    @EnumSource(SchemaFlavor.class)
    void should_mark_error_when_the_id_does_not_match_the_xpub(SchemaFlavor flavor) throws Exception {
        // given
        TestDatabase.Schema schema = chain(flavor);
        try (HikariDataSource ds = LoaderTestSupport.pool(schema, 2); Connection conn = schema.connect()) {
            // when
            LoadResult result = new DirectLoader(Database.on(ds), Network.MAINNET).load(new LoadRequest(b, xpubA, GAP));
            // then
            assertThat(result.success()).isFalse();
            assertThat(result.error()).doesNotContain(xpubA);
            assertThat(rows(conn, "SELECT status, retry_count, ready_at IS NOT NULL AS has_ready_at FROM wallet WHERE id = '" + b + "'"))
                    .containsExactly("status=error | retry_count=1 | has_ready_at=1");
        }
    }
}

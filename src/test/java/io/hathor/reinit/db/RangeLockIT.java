package io.hathor.reinit.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.hathor.reinit.demo.SyntheticChain;
import io.hathor.reinit.loader.DirectLoader;
import io.hathor.reinit.loader.GapScan;
import io.hathor.reinit.loader.LoadRequest;
import io.hathor.reinit.loader.LoaderTestSupport;
import io.hathor.reinit.support.TestDatabase;
import io.hathor.reinit.wallet.AddressDeriver;
import io.hathor.reinit.wallet.Network;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The settle's (wallet_id, index) range path, which a group takes when its kept addresses that had a row do not fit
 * one IN list or when a row appeared since the scan: single-wallet settles released together must all succeed, and a
 * schema without the (wallet_id, index) key must give the same rows as the short-list path.
 */
class RangeLockIT {
    private static final int WALLETS = 30;

    @Test
    void should_settle_every_wallet_on_the_range_path_when_all_settle_at_the_same_moment() throws Exception {
        for (int round = 0; round < 3; round++) {
            TestDatabase.Schema schema = TestDatabase.newSchema("range_lock");
            try (HikariDataSource ds = LoaderTestSupport.pool(schema, WALLETS + 2); Connection conn = schema.connect()) {
                SyntheticChain.generate(ds, WALLETS, 2026L + round, Network.TESTNET);
                // when
                LoadRepository repository = new LoadRepository(ds, true);
                LoaderTestSupport.allAtOnce(LoaderTestSupport.requests(conn), request -> {
                    settle(repository, request);
                    return request.walletId();
                });
                // then
                assertThat(LoaderTestSupport.rows(conn, "SELECT DISTINCT status, retry_count FROM wallet"))
                        .containsExactly("status=ready | retry_count=0");
            }
        }
    }

    @Test
    void should_give_the_rows_of_the_short_list_path_on_a_schema_without_the_wallet_index() throws Exception {
        // given two copies of one chain: one loaded by the loader (short lists), one by ranges without the index
        TestDatabase.Schema listed = TestDatabase.newSchema("range_listed");
        TestDatabase.Schema ranges = TestDatabase.newSchema("range_noindex");
        List<String> expected;
        try (HikariDataSource ds = LoaderTestSupport.pool(listed, 4); Connection conn = listed.connect()) {
            SyntheticChain.generate(ds, WALLETS, 7L, Network.TESTNET);
            DirectLoader loader = new DirectLoader(Database.on(ds), Network.TESTNET);
            for (LoadRequest request : LoaderTestSupport.requests(conn)) {
                assertThat(loader.load(request).success()).isTrue();
            }
            expected = LoaderTestSupport.snapshot(conn);
        }
        try (HikariDataSource ds = LoaderTestSupport.pool(ranges, 4); Connection conn = ranges.connect()) {
            SyntheticChain.generate(ds, WALLETS, 7L, Network.TESTNET);
            LoaderTestSupport.execute(conn, "ALTER TABLE address DROP INDEX idx_wallet_address_index");
            LoadRepository repository = new LoadRepository(ds, true);
            // when
            for (LoadRequest request : LoaderTestSupport.requests(conn)) {
                settle(repository, request);
            }
            // then
            assertThat(LoaderTestSupport.snapshot(conn)).isEqualTo(expected);
        }
    }

    /** The loader's steps for one wallet, without its fallbacks: the gap scan, then claim and settle in one go. */
    private static void settle(LoadRepository repository, LoadRequest request) {
        GapScan.Result scan = GapScan.scan(request.maxGap(),
                AddressDeriver.forXpub(request.xpubkey(), Network.TESTNET)::addresses, repository::addressTransactions);
        repository.claimAndSettle(List.of(new LoadRepository.WalletClaim(request.walletId(), scan.newAddresses(),
                scan.existing(), scan.lastUsed(), scan.kept().size() - 1)));
    }
}

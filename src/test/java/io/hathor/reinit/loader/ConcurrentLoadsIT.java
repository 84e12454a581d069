package io.hathor.reinit.loader;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.hathor.reinit.db.Database;
import io.hathor.reinit.demo.SyntheticChain;
import io.hathor.reinit.support.TestDatabase;
import io.hathor.reinit.wallet.Network;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Lambda path: each wallet loaded on its own, all at the same moment (one loadWalletAsync per wallet, as the
 * demo's simulated Lambda does), on small tables. Every load must succeed: such loads once locked each other's freshly
 * claimed address rows and deadlocked (the settle's range path is tested the same way in RangeLockIT).
 */
class ConcurrentLoadsIT {
    private static final int WALLETS = 30;

    @Test
    void should_load_every_wallet_when_each_loads_on_its_own_at_the_same_moment() throws Exception {
        for (int round = 0; round < 3; round++) {
            TestDatabase.Schema schema = TestDatabase.newSchema("concurrent");
            try (HikariDataSource ds = LoaderTestSupport.pool(schema, WALLETS + 2); Connection conn = schema.connect()) {
                SyntheticChain.generate(ds, WALLETS, 2026L + round, Network.TESTNET);
                // when
                DirectLoader loader = new DirectLoader(Database.on(ds), Network.TESTNET);
                List<LoadResult> results = LoaderTestSupport.allAtOnce(LoaderTestSupport.requests(conn), loader::load);
                // then
                assertThat(results).hasSize(WALLETS)
                        .allSatisfy(r -> assertThat(r.success()).as(String.valueOf(r.error())).isTrue());
                assertThat(LoaderTestSupport.rows(conn, "SELECT DISTINCT status, retry_count FROM wallet"))
                        .containsExactly("status=ready | retry_count=0");
            }
        }
    }
}

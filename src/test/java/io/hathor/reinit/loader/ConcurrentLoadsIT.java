package io.hathor.reinit.loader;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.hathor.reinit.db.Database;
import io.hathor.reinit.demo.SyntheticChain;
import io.hathor.reinit.support.TestDatabase;
import io.hathor.reinit.wallet.Network;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
                List<LoadResult> results = loadAllAtOnce(ds, requests(conn));
                // then
                assertThat(results).hasSize(WALLETS)
                        .allSatisfy(r -> assertThat(r.success()).as(String.valueOf(r.error())).isTrue());
                assertThat(LoaderTestSupport.rows(conn, "SELECT DISTINCT status, retry_count FROM wallet"))
                        .containsExactly("status=ready | retry_count=0");
            }
        }
    }

    private static List<LoadRequest> requests(Connection conn) throws SQLException {
        List<LoadRequest> requests = new ArrayList<>();
        try (Statement st = conn.createStatement();
                ResultSet rs = st.executeQuery("SELECT id, xpubkey, max_gap FROM wallet ORDER BY id")) {
            while (rs.next()) {
                requests.add(new LoadRequest(rs.getString(1), rs.getString(2), rs.getInt(3)));
            }
        }
        return requests;
    }

    /** One thread per wallet, released together. */
    private static List<LoadResult> loadAllAtOnce(HikariDataSource ds, List<LoadRequest> requests) throws Exception {
        DirectLoader loader = new DirectLoader(Database.on(ds), Network.TESTNET);
        CyclicBarrier start = new CyclicBarrier(requests.size());
        ExecutorService pool = Executors.newFixedThreadPool(requests.size());
        try {
            List<Future<LoadResult>> futures = new ArrayList<>();
            for (LoadRequest request : requests) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return loader.load(request);
                }));
            }
            List<LoadResult> results = new ArrayList<>();
            for (Future<LoadResult> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}

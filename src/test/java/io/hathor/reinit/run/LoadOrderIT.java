package io.hathor.reinit.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.hathor.reinit.demo.LocalInvokeServer;
import io.hathor.reinit.lambda.DelayedStatusHandler.Fate;
import io.hathor.reinit.lambda.DelayedStatusHandler;
import io.hathor.reinit.support.CommandRun;
import io.hathor.reinit.support.PipelineFixture;
import io.hathor.reinit.support.PipelineFixtures;
import io.hathor.reinit.support.TestWallets.Wallet;
import io.hathor.reinit.support.TestWallets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Wallets start in decreasing size from the export, on both schedules and both loaders; --order file keeps the file's. */
class LoadOrderIT {
    private static final List<Wallet> WALLETS = TestWallets.all().subList(0, 8);
    /** last_used_address_index per wallet, in file order. */
    private static final int[] LAST_USED = {3, -1, 50, 7, 50, 0, 200, 7};
    /** The heaviest first; equal sizes keep the file's order. */
    private static final int[] HEAVIEST_FIRST = {6, 2, 4, 3, 7, 0, 5, 1};
    private static final Duration FAST = Duration.ofMillis(30);

    @TempDir
    Path dir;

    private PipelineFixture fx;

    @RegisterExtension
    final PipelineFixtures fixtures = new PipelineFixtures();

    @Test
    void should_invoke_the_heaviest_wallets_first_on_both_schedules() throws IOException {
        for (String schedule : new String[] {"window", "batch"}) {
            // given
            fx = fixtures.open("order_" + schedule, dir);
            fx.serve(DelayedStatusHandler.always(fx.dataSource, FAST, FAST, Fate.READY));
            // when: one wallet at a time, so the start order is the invocation order
            CommandRun run = fx.reinit(sizedCsv(schedule + ".csv"), "--schedule", schedule, "--batch-size", "1",
                    "--batch-delay", "0");
            // then
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(invokedIds(fx.server())).containsExactlyElementsOf(expected(HEAVIEST_FIRST));
            fx.close();
            fx = null;
        }
    }

    @Test
    void should_keep_the_file_order_when_asked() throws IOException {
        // given
        fx = fixtures.open("order_file", dir);
        fx.serve(DelayedStatusHandler.always(fx.dataSource, FAST, FAST, Fate.READY));
        // when
        CommandRun run = fx.reinit(sizedCsv("file.csv"), "--order", "file", "--batch-size", "1");
        // then
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(invokedIds(fx.server())).containsExactlyElementsOf(WALLETS.stream().map(Wallet::id).toList());
    }

    @Test
    void should_load_the_heaviest_wallets_first_in_process() throws Exception {
        // given
        fx = fixtures.open("order_direct", dir);
        // when
        CommandRun run = fx.reinit(sizedCsv("direct.csv"), "--loader", "direct", "--workers", "1", "--batch-size",
                "1", "--network", "mainnet");
        // then
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        List<String> started = new ArrayList<>();
        try (Connection c = fx.dataSource.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT wallet_id FROM reinit_attempt ORDER BY attempt_id")) {
            while (rs.next()) {
                started.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        assertThat(started).containsExactlyElementsOf(expected(HEAVIEST_FIRST));
    }

    private Path sizedCsv(String name) throws IOException {
        StringBuilder sb = new StringBuilder("id,xpubkey,status,max_gap,created_at,ready_at,retry_count,auth_xpubkey,"
                + "last_used_address_index\n");
        for (int k = 0; k < WALLETS.size(); k++) {
            Wallet w = WALLETS.get(k);
            sb.append(w.id()).append(',').append(w.xpubkey()).append(",ready,20,1700000000,1700000100,0,")
                    .append(w.authXpubkey()).append(',').append(LAST_USED[k]).append('\n');
        }
        return Files.writeString(dir.resolve(name), sb.toString());
    }

    private static List<String> expected(int[] positions) {
        List<String> ids = new ArrayList<>();
        for (int p : positions) {
            ids.add(WALLETS.get(p).id());
        }
        return ids;
    }

    private static List<String> invokedIds(LocalInvokeServer server) {
        Map<String, String> idByXpub = WALLETS.stream().collect(Collectors.toMap(Wallet::xpubkey, Wallet::id));
        return server.invocations().stream().map(i -> i.xpubkey()).map(idByXpub::get).toList();
    }
}

package io.hathor.reinit.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.hathor.reinit.config.RunSettings;
import io.hathor.reinit.db.ClaimState;
import io.hathor.reinit.schedule.WalletTask;
import io.hathor.reinit.wallet.ShieldedKeys;
import io.hathor.reinit.wallet.ShieldedState;
import io.hathor.reinit.wallet.WalletRow;
import io.hathor.reinit.wallet.WalletStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class LoadQueueTest {
    private static final String SCAN_XPRIV = "xprv-secret-of-the-test";

    private final Map<String, ClaimState> claims = new ConcurrentHashMap<>();

    private static String id(int k) {
        return String.format("%064x", k);
    }

    private static WalletRow row(int k, WalletStatus status, Long readyAt, ShieldedState sides) {
        return new WalletRow(id(k), "xpub" + "A".repeat(100) + k, status, 20 + k, 1_700_000_000L, readyAt, k,
                "auth" + k, 5, sides);
    }

    private static List<WalletTask> drain(LoadQueue queue) {
        List<WalletTask> tasks = new ArrayList<>();
        while (queue.remaining() > 0) {
            tasks.add(queue.next());
        }
        return tasks;
    }

    @Test
    void should_give_back_the_task_and_the_row_state_each_launch_needs() {
        // given: a legacy row in error with ready_at, and a shielded row whose legacy side is ready
        ShieldedState sides = new ShieldedState(WalletStatus.READY, WalletStatus.ERROR,
                new ShieldedKeys(SCAN_XPRIV.getBytes(StandardCharsets.UTF_8), "xpub-spend", 30));
        WalletRow legacy = row(1, WalletStatus.ERROR, 1_700_000_100L, null);
        WalletRow shielded = row(2, WalletStatus.ERROR, null, sides);
        try (LoadQueue queue = LoadQueue.create(RunSettings.Order.FILE, claims)) {
            queue.add(legacy, 50, 10);
            queue.add(shielded, 21, 10);
            // when
            List<WalletTask> tasks = drain(queue);
            // then
            assertThat(tasks).containsExactly(new WalletTask(id(1), legacy.xpubkey(), 50, null),
                    new WalletTask(id(2), shielded.xpubkey(), 21, null));
            assertThat(claims.get(id(1))).isEqualTo(ClaimState.of(legacy));
            assertThat(claims.get(id(2))).isEqualTo(ClaimState.of(shielded));
            assertThat(claims.get(id(2)).sides().onlyShieldedSide()).isTrue();
        }
    }

    @Test
    void should_start_the_heaviest_first_and_keep_the_adding_order_among_equals() {
        // given
        long[] costs = {23, 20, 70, 27, 70, 21, 220, 27};
        try (LoadQueue queue = LoadQueue.create(RunSettings.Order.HEAVIEST_FIRST, claims)) {
            for (int k = 0; k < costs.length; k++) {
                queue.add(row(k, WalletStatus.CREATING, null, null), 20, costs[k]);
            }
            // when
            List<String> ids = drain(queue).stream().map(WalletTask::walletId).toList();
            // then
            assertThat(ids).containsExactly(id(6), id(2), id(4), id(3), id(7), id(0), id(5), id(1));
        }
    }

    @Test
    void should_keep_adopted_wallets_whole_and_list_every_id() {
        // given
        WalletRow live = row(9, WalletStatus.CREATING, null, null);
        WalletTask adopted = new WalletTask(live.id(), live.xpubkey(), 20, Instant.parse("2026-01-01T00:00:00Z"));
        try (LoadQueue queue = LoadQueue.create(RunSettings.Order.HEAVIEST_FIRST, claims)) {
            queue.add(row(1, WalletStatus.CREATING, null, null), 20, 1);
            queue.add(row(2, WalletStatus.CREATING, null, null), 20, 2);
            queue.adopt(live, adopted);
            // when
            List<String> ids = new ArrayList<>();
            queue.forEachId(ids::add);
            // then
            assertThat(queue.size()).isEqualTo(3);
            assertThat(queue.remaining()).isEqualTo(2);
            assertThat(queue.adopted()).containsExactly(adopted);
            assertThat(claims).containsOnlyKeys(live.id());
            assertThat(ids).containsExactly(id(9), id(2), id(1));
        }
    }

    @Test
    void should_keep_no_private_key_and_delete_its_file_on_close() throws Exception {
        // given
        ShieldedState sides = new ShieldedState(WalletStatus.CREATING, WalletStatus.CREATING,
                new ShieldedKeys(SCAN_XPRIV.getBytes(StandardCharsets.UTF_8), "xpub-spend", null));
        LoadQueue queue = LoadQueue.create(RunSettings.Order.FILE, claims);
        queue.add(row(1, WalletStatus.CREATING, null, sides), 20, 1);
        queue.start();
        Path file = queue.file();
        // when
        String content = Files.readString(file, StandardCharsets.ISO_8859_1);
        queue.close();
        // then
        assertThat(content).doesNotContain(SCAN_XPRIV).contains(row(1, WalletStatus.CREATING, null, null).xpubkey());
        assertThat(file).doesNotExist();
    }
}

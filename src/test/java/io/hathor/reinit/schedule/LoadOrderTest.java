package io.hathor.reinit.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.hathor.reinit.config.RunSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoadOrderTest {

    private static LoadOrder withTasks(RunSettings.Order order, long... costs) {
        LoadOrder tasks = new LoadOrder(order);
        for (int k = 0; k < costs.length; k++) {
            tasks.add(new WalletTask("w" + k, "xpub" + k, 20, null), costs[k]);
        }
        return tasks;
    }

    private static List<String> ids(List<WalletTask> tasks) {
        return tasks.stream().map(WalletTask::walletId).toList();
    }

    @Test
    void should_start_the_heaviest_first_and_keep_file_order_among_equals() {
        // given
        LoadOrder tasks = withTasks(RunSettings.Order.HEAVIEST_FIRST, 23, 20, 70, 27, 70, 21, 220, 27);
        // when
        List<WalletTask> ordered = tasks.tasks();
        // then
        assertThat(ids(ordered)).containsExactly("w6", "w2", "w4", "w3", "w7", "w0", "w5", "w1");
    }

    @Test
    void should_keep_the_file_order_when_asked() {
        // given
        LoadOrder tasks = withTasks(RunSettings.Order.FILE, 1, 500, 3);
        // when
        List<WalletTask> ordered = tasks.tasks();
        // then
        assertThat(ids(ordered)).containsExactly("w0", "w1", "w2");
    }

    @Test
    void should_cost_the_used_addresses_plus_the_gap() {
        assertThat(LoadOrder.expectedCost(9_000, 20)).isEqualTo(9_021);
        assertThat(LoadOrder.expectedCost(-1, 20)).isEqualTo(20);
        assertThat(LoadOrder.expectedCost(null, 50)).isEqualTo(50);
    }
}

package io.hathor.reinit.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.hathor.reinit.wallet.Hashes;
import io.hathor.reinit.wallet.Outcome;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WalletStatesTest {

    private static String id(int k) {
        return Hashes.hex(Hashes.sha256(ByteBuffer.allocate(4).putInt(k).array()));
    }

    @Test
    void should_behave_like_an_ordered_map_of_outcomes() {
        // given
        WalletStates states = new WalletStates();
        Map<String, Outcome> expected = new LinkedHashMap<>();
        Outcome[] all = Outcome.values();
        // when: many ids (several rehashes), some outcomes replaced
        for (int k = 0; k < 50_000; k++) {
            states.put(id(k), all[k % all.length]);
            expected.put(id(k), all[k % all.length]);
        }
        for (int k = 0; k < 50_000; k += 7) {
            states.put(id(k), Outcome.READY);
            expected.put(id(k), Outcome.READY);
        }
        // then
        assertThat(states).hasSize(50_000);
        assertThat(new ArrayList<>(states.entrySet())).containsExactlyElementsOf(expected.entrySet());
        assertThat(new ArrayList<>(states.values())).containsExactlyElementsOf(expected.values());
        assertThat(states.get(id(14))).isEqualTo(Outcome.READY);
        assertThat(states.get(id(50_001))).isNull();
        assertThat(states.containsKey(id(50_001))).isFalse();
    }

    @Test
    void should_hand_out_its_ids_in_chunks_in_order() {
        // given
        WalletStates states = new WalletStates();
        for (int k = 0; k < 2_500; k++) {
            states.put(id(k), Outcome.SKIPPED_READY);
        }
        // when
        List<List<String>> chunks = new ArrayList<>();
        states.chunks(1_000).forEach(chunks::add);
        // then
        assertThat(chunks).extracting(List::size).containsExactly(1_000, 1_000, 500);
        assertThat(chunks.get(2).get(499)).isEqualTo(id(2_499));
    }
}

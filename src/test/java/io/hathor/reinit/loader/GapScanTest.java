package io.hathor.reinit.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hathor.reinit.db.IndexedAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GapScanTest {
    /** Address i is "a<i>"; rows maps index → transactions. */
    private static GapScan.Result scan(int maxGap, Map<Integer, Long> rows, List<List<String>> lookups) throws Exception {
        Map<String, Long> byAddress = new HashMap<>();
        rows.forEach((i, tx) -> byAddress.put("a" + i, tx));
        return GapScan.scan(maxGap, (from, count) -> {
            String[] out = new String[count];
            for (int k = 0; k < count; k++) {
                out[k] = "a" + (from + k);
            }
            return out;
        }, chunk -> {
            lookups.add(List.copyOf(chunk));
            Map<String, Long> found = new HashMap<>();
            chunk.forEach(a -> {
                if (byAddress.containsKey(a)) {
                    found.put(a, byAddress.get(a));
                }
            });
            return found;
        });
    }

    private static List<Integer> indices(List<IndexedAddress> list) {
        return list.stream().map(IndexedAddress::index).toList();
    }

    @Test
    void should_check_one_chunk_and_keep_max_gap_addresses_when_nothing_is_used() throws Exception {
        // given
        List<List<String>> lookups = new ArrayList<>();
        // when
        GapScan.Result r = scan(5, Map.of(), lookups);
        // then
        assertThat(lookups).hasSize(1);
        assertThat(lookups.get(0)).containsExactly("a0", "a1", "a2", "a3", "a4");
        assertThat(r.lastUsed()).isEqualTo(-1);
        assertThat(r.derived()).isEqualTo(5);
        assertThat(indices(r.newAddresses())).containsExactly(0, 1, 2, 3, 4);
        assertThat(r.existing()).isEmpty();
        assertThat(r.kept()).containsExactly("a0", "a1", "a2", "a3", "a4");
    }

    @Test
    void should_scan_further_chunks_while_last_used_plus_gap_exceeds_highest_checked() throws Exception {
        // given: used at 3 and 7 (second chunk); an unused row at 13 (third chunk, past the window 0..12)
        Map<Integer, Long> rows = Map.of(3, 2L, 7, 1L, 13, 0L, 1, 0L);
        List<List<String>> lookups = new ArrayList<>();
        // when
        GapScan.Result r = scan(5, rows, lookups);
        // then: chunks 0-4, 5-9, 10-14 (7 + 5 = 12 > 9), stop (12 ≤ 14)
        assertThat(lookups).hasSize(3);
        assertThat(r.lastUsed()).isEqualTo(7);
        assertThat(r.derived()).isEqualTo(15);
        assertThat(indices(r.existing())).as("existing is not trimmed").containsExactly(1, 3, 7, 13);
        assertThat(indices(r.newAddresses())).as("new is trimmed to lastUsed + maxGap").containsExactly(0, 2, 4, 5, 6, 8, 9, 10, 11, 12);
        assertThat(r.kept()).hasSize(13).startsWith("a0").endsWith("a12");
    }

    @Test
    void should_treat_rows_with_zero_transactions_as_existing_but_unused() throws Exception {
        // given: nothing used, but an unused row at index 4 of a gap-3 scan is never checked, one at 2 is
        Map<Integer, Long> rows = Map.of(2, 0L, 4, 0L);
        // when
        GapScan.Result r = scan(3, rows, new ArrayList<>());
        // then
        assertThat(indices(r.existing())).containsExactly(2);
        assertThat(indices(r.newAddresses())).containsExactly(0, 1);
        assertThat(r.kept()).containsExactly("a0", "a1", "a2");
    }

    @Test
    void should_count_a_used_address_found_beyond_the_sequential_window_in_a_scanned_chunk() throws Exception {
        // given: used at 0 and at 9 with gap 5: chunk 5-9 is scanned because 0 + 5 > 4, so 9 counts
        Map<Integer, Long> rows = Map.of(0, 1L, 9, 1L);
        // when
        GapScan.Result r = scan(5, rows, new ArrayList<>());
        // then
        assertThat(r.lastUsed()).isEqualTo(9);
        assertThat(r.derived()).isEqualTo(15);
        assertThat(r.kept()).hasSize(15);
    }

    @Test
    void should_look_ahead_for_a_long_wallet_and_give_the_rule_s_result_exactly() throws Exception {
        // given: 2,000 used addresses in a row, gap 20, and an unused row just past the window
        Map<Integer, Long> rows = new HashMap<>();
        for (int i = 0; i < 2_000; i++) {
            rows.put(i, 1L);
        }
        rows.put(2_019, 0L);
        rows.put(2_025, 0L);
        List<List<String>> lookups = new ArrayList<>();
        // when
        GapScan.Result r = scan(20, rows, lookups);
        // then: 3 rounds of one chunk, then 2, 4, 8, 16, 32, 50, 50 … chunks instead of 101 rounds
        assertThat(lookups).hasSizeLessThan(12);
        assertThat(lookups.subList(0, 4)).extracting(List::size).containsExactly(20, 20, 20, 40);
        assertThat(lookups).allSatisfy(l -> assertThat(l.size()).isLessThanOrEqualTo(GapScan.LOOKAHEAD_ADDRESSES));
        assertThat(r).isEqualTo(sequentialReference(20, rows));
        assertThat(r.lastUsed()).isEqualTo(1_999);
        assertThat(r.derived()).isEqualTo(2_020);
        assertThat(indices(r.existing())).endsWith(1_999, 2_019).doesNotContain(2_025);
    }

    @Test
    void should_match_the_one_chunk_rule_on_random_wallets() throws Exception {
        java.util.Random random = new java.util.Random(15);
        for (int n = 0; n < 300; n++) {
            // given: runs of used addresses with gaps below and around maxGap, some unused rows
            int maxGap = 1 + random.nextInt(25);
            Map<Integer, Long> rows = new HashMap<>();
            int i = 0;
            while (random.nextInt(40) != 0) {
                i += random.nextInt(maxGap + 2);
                rows.put(i, random.nextInt(5) == 0 ? 0L : 1L + random.nextInt(3));
            }
            // when / then
            assertThat(scan(maxGap, rows, new ArrayList<>())).as("gap %d rows %s", maxGap, rows)
                    .isEqualTo(sequentialReference(maxGap, rows));
        }
    }

    /** The rule with one chunk per lookup, written plainly. */
    private static GapScan.Result sequentialReference(int maxGap, Map<Integer, Long> rows) {
        int lastUsed = -1;
        int checked = -1;
        List<IndexedAddress> fresh = new ArrayList<>();
        List<IndexedAddress> existing = new ArrayList<>();
        while (lastUsed + maxGap > checked) {
            for (int k = checked + 1; k <= checked + maxGap; k++) {
                Long tx = rows.get(k);
                if (tx == null) {
                    fresh.add(new IndexedAddress("a" + k, k));
                } else {
                    existing.add(new IndexedAddress("a" + k, k));
                    if (tx > 0) {
                        lastUsed = Math.max(lastUsed, k);
                    }
                }
            }
            checked += maxGap;
        }
        int limit = lastUsed + maxGap;
        List<String> kept = new ArrayList<>();
        for (int k = 0; k <= limit; k++) {
            kept.add("a" + k);
        }
        return new GapScan.Result(lastUsed, checked + 1, fresh.stream().filter(a -> a.index() <= limit).toList(),
                existing, kept);
    }

    @Test
    void should_reject_a_gap_below_one() {
        assertThatThrownBy(() -> scan(0, Map.of(), new ArrayList<>())).isInstanceOf(IllegalArgumentException.class);
    }
}

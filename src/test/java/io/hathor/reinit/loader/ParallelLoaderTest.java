package io.hathor.reinit.loader;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ParallelLoaderTest {
    private static LoadRequest request(String id) {
        return new LoadRequest(id, "xpub-" + id, 20);
    }

    private static List<List<String>> ids(List<List<LoadRequest>> groups) {
        return groups.stream().map(g -> g.stream().map(LoadRequest::walletId).toList()).toList();
    }

    @Test
    void should_cut_consecutive_requests_into_groups_of_the_given_size() {
        // given
        List<LoadRequest> requests = IntStream.range(0, 7).mapToObj(i -> request("w" + i)).toList();
        // when
        List<List<LoadRequest>> groups = ParallelLoader.groups(requests, 3);
        // then
        assertThat(ids(groups)).containsExactly(List.of("w0", "w1", "w2"), List.of("w3", "w4", "w5"), List.of("w6"));
    }

    @Test
    void should_start_a_new_group_when_a_wallet_repeats() {
        // given
        List<LoadRequest> requests = List.of(request("a"), request("b"), request("a"), request("c"));
        // when
        List<List<LoadRequest>> groups = ParallelLoader.groups(requests, 50);
        // then
        assertThat(ids(groups)).containsExactly(List.of("a", "b"), List.of("a", "c"));
    }

    @Test
    void should_give_no_group_for_no_request() {
        assertThat(ParallelLoader.groups(List.of(), 50)).isEmpty();
    }
}

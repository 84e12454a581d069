package io.hathor.reinit.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DemoRunTest {
    @Test
    void should_match_the_same_rows_in_any_order() {
        // given
        List<String> before = List.of("a|1", "b|2", "c|\\N");
        List<String> after = List.of("c|\\N", "a|1", "b|2");
        // when
        TableCheck check = DemoRun.compare("t", before, after);
        // then
        assertThat(check.matches()).isTrue();
        assertThat(check.matching()).isEqualTo(3);
    }

    @Test
    void should_count_a_changed_row_as_a_difference() {
        // given
        List<String> before = List.of("a|1", "b|2", "c|3");
        List<String> after = List.of("a|1", "b|2", "c|4");
        // when
        TableCheck check = DemoRun.compare("t", before, after);
        // then
        assertThat(check.matches()).isFalse();
        assertThat(check.rowsBefore()).isEqualTo(3);
        assertThat(check.rowsAfter()).isEqualTo(3);
        assertThat(check.matching()).isEqualTo(2);
    }

    @Test
    void should_not_match_a_table_that_lost_duplicate_rows() {
        // given
        List<String> before = List.of("a|1", "a|1");
        List<String> after = List.of("a|1");
        // when
        TableCheck check = DemoRun.compare("t", before, after);
        // then
        assertThat(check.matches()).isFalse();
        assertThat(check.matching()).isEqualTo(1);
    }
}

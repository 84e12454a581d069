package io.hathor.reinit.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WindowTest {

    @Test
    void should_halve_on_throttling_down_to_one() {
        // given
        Window window = new Window(10);
        // when / then
        window.halve();
        assertThat(window.size()).isEqualTo(5);
        window.halve();
        window.halve();
        assertThat(window.size()).isEqualTo(1);
        window.halve();
        assertThat(window.size()).isEqualTo(1);
    }

    @Test
    void should_grow_back_by_one_up_to_its_max() {
        // given
        Window window = new Window(4);
        window.halve();
        // when
        window.grow();
        window.grow();
        window.grow();
        // then
        assertThat(window.size()).isEqualTo(4);
    }
}

package io.hathor.reinit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.hathor.reinit.schedule.StopSignal;
import org.junit.jupiter.api.Test;
import sun.misc.Signal;
import sun.misc.SignalHandler;

class InterruptsTest {

    @Test
    void should_give_the_signals_back_when_the_run_is_over() {
        for (String name : new String[] {"INT", "TERM"}) {
            // given: whatever handled the signal before the run (here: a handler of the test's own)
            Signal signal = new Signal(name);
            SignalHandler before = signal1 -> { };
            SignalHandler original = Signal.handle(signal, before);
            try {
                // when: a run installs its handler and ends
                Interrupts interrupts = Interrupts.install(new StopSignal());
                interrupts.uninstall();
                // then: the earlier handler is back, so a later Ctrl+C does what it did before the run
                assertThat(Signal.handle(signal, before)).as("SIG" + name).isSameAs(before);
            } finally {
                Signal.handle(signal, original);
            }
        }
    }

    @Test
    void should_stop_the_run_on_the_first_signal_while_installed() {
        // given
        StopSignal stop = new StopSignal();
        Interrupts interrupts = Interrupts.install(stop);
        try {
            // when
            boolean delivered = Interrupts.deliver("TERM");
            // then
            assertThat(delivered).isTrue();
            assertThat(stop.stopRequested()).isTrue();
        } finally {
            interrupts.uninstall();
        }
        assertThat(Interrupts.deliver("TERM")).as("no run going").isFalse();
    }
}

package io.hathor.reinit.cli;

import io.hathor.reinit.config.ExitStatus;
import io.hathor.reinit.schedule.StopSignal;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * First Ctrl+C (SIGINT or SIGTERM): stop launching, let in-flight wallets finish, write the report. Second: exit at
 * once (the journal is written as each event happens, so nothing is lost; a rerun polls what was in flight).
 */
final class Interrupts {
    private static final Logger LOG = LoggerFactory.getLogger(Interrupts.class);

    private Interrupts() {}

    static void install(StopSignal stop) {
        AtomicInteger count = new AtomicInteger();
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                Signal.handle(new Signal(name), signal -> {
                    if (count.incrementAndGet() == 1) {
                        stop.requestStop("stopped by the operator (SIG" + name + ")");
                        System.err.println("\nreinit: stopping: no new loads; waiting for the wallets in flight"
                                + " (press Ctrl+C again to exit at once; a rerun resumes)");
                        LOG.warn("SIG{} received: graceful stop", name);
                    } else {
                        LOG.warn("second SIG{}: exiting now; rerun the same command to resume", name);
                        Runtime.getRuntime().halt(ExitStatus.ABORTED.code());
                    }
                });
            } catch (IllegalArgumentException e) {
                LOG.debug("cannot handle SIG{} here: {}", name, e.getMessage());
            }
        }
    }
}

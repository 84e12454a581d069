package io.hathor.reinit.cli;

import io.hathor.reinit.config.ExitStatus;
import io.hathor.reinit.schedule.StopSignal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * First Ctrl+C (SIGINT or SIGTERM): stop launching, let in-flight wallets finish, write the report. Second: exit at
 * once (the journal is written as each event happens, so nothing is lost; a rerun polls what was in flight).
 */
public final class Interrupts {
    private static final Logger LOG = LoggerFactory.getLogger(Interrupts.class);
    private static final AtomicReference<Interrupts> CURRENT = new AtomicReference<>();

    private final StopSignal stop;
    private final AtomicInteger count = new AtomicInteger();
    /** The handlers this run replaced, put back by {@link #uninstall()}. */
    private final Map<Signal, SignalHandler> replaced = new LinkedHashMap<>();

    private Interrupts(StopSignal stop) {
        this.stop = stop;
    }

    /** Routes SIGINT and SIGTERM of this process to {@code stop} for the run being wired. */
    static Interrupts install(StopSignal stop) {
        Interrupts interrupts = new Interrupts(stop);
        CURRENT.set(interrupts);
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                Signal signal = new Signal(name);
                interrupts.replaced.put(signal, Signal.handle(signal, s -> interrupts.handle(name)));
            } catch (IllegalArgumentException e) {
                LOG.debug("cannot handle SIG{} here: {}", name, e.getMessage());
            }
        }
        return interrupts;
    }

    /**
     * Acts as if the process received SIG{@code name} while a run is going: the seam tests (and embedders) use
     * instead of a real signal. Only the first is graceful; a second one halts the JVM.
     *
     * @return false when no run is going
     */
    public static boolean deliver(String name) {
        Interrupts current = CURRENT.get();
        if (current == null) {
            return false;
        }
        current.handle(name);
        return true;
    }

    private void handle(String name) {
        if (count.incrementAndGet() == 1) {
            stop.requestStop("stopped by the operator (SIG" + name + ")");
            System.err.println("\nreinit: stopping: no new loads; waiting for the wallets in flight"
                    + " (press Ctrl+C again to exit at once; a rerun resumes)");
            LOG.warn("SIG{} received: graceful stop", name);
        } else {
            LOG.warn("second SIG{}: exiting now; rerun the same command to resume", name);
            Runtime.getRuntime().halt(ExitStatus.ABORTED.code());
        }
    }

    /** The run is over: the signals go back to the handlers they had before it (a later Ctrl+C exits again). */
    void uninstall() {
        if (CURRENT.compareAndSet(this, null)) {
            replaced.forEach(Signal::handle);
            replaced.clear();
        }
    }
}

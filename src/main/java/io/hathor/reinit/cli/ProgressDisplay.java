package io.hathor.reinit.cli;

import io.hathor.reinit.app.Reinit;
import io.hathor.reinit.schedule.SchedulerListener;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A progress bar when stdout is a terminal; otherwise one log line at every poll that changed something. */
final class ProgressDisplay implements Reinit.Progress {
    private static final Logger LOG = LoggerFactory.getLogger(ProgressDisplay.class);

    private final ProgressBar bar;
    private Progress last;
    private boolean closed;

    private ProgressDisplay(ProgressBar bar) {
        this.bar = bar;
    }

    static ProgressDisplay create(int total) {
        if (System.console() == null) {
            return new ProgressDisplay(null);
        }
        ProgressBar bar = new ProgressBarBuilder().setTaskName("wallets").setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500).showSpeed().build();
        return new ProgressDisplay(bar);
    }

    @Override
    public void progress(Progress p) {
        if (p.equals(last)) {
            return;
        }
        last = p;
        String counts = "READY " + p.ready() + " ERROR " + p.error() + " TIMEOUT " + p.timeout()
                + (p.invokeFailed() > 0 ? " INVOKE_FAILED " + p.invokeFailed() : "") + " | in flight " + p.inFlight();
        if (bar != null) {
            bar.maxHint(p.total());
            bar.stepTo(p.done());
            bar.setExtraMessage(counts);
        } else {
            LOG.info("{}/{} done: {} (window {})", p.done(), p.total(), counts, p.window());
        }
    }

    @Override
    public void close() {
        if (bar != null && !closed) {
            closed = true;
            bar.close();
        }
    }
}

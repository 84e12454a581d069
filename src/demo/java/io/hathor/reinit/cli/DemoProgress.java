package io.hathor.reinit.cli;

import io.hathor.reinit.demo.DemoListener;
import java.io.PrintWriter;
import java.time.Duration;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** One line per demo step on stdout; a progress bar for the initial load when stdout is a terminal. */
final class DemoProgress implements DemoListener {
    private final PrintWriter out;
    private final boolean terminal;
    private ProgressBar bar;
    private int lastTenth;

    DemoProgress(PrintWriter out) {
        this.out = out;
        this.terminal = System.console() != null;
    }

    @Override
    public void stepStarted(int number, int total, String what) {
        out.printf("[%d/%d] %s ...%n", number, total, what);
        out.flush();
        lastTenth = 0;
    }

    @Override
    public synchronized void loaded(int done, int total) {
        if (terminal) {
            if (bar == null) {
                bar = new ProgressBarBuilder().setTaskName("loading").setInitialMax(total)
                        .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).showSpeed().build();
            }
            bar.stepTo(done);
        } else if (done * 10L / total > lastTenth) {
            lastTenth = (int) (done * 10L / total);
            out.printf("      %d/%d wallets loaded%n", done, total);
            out.flush();
        }
    }

    @Override
    public synchronized void stepFinished(int number, Duration elapsed, String detail) {
        if (bar != null) {
            bar.close();
            bar = null;
        }
        out.printf("      done in %.2f s: %s%n", elapsed.toNanos() / 1e9, detail);
        out.flush();
    }
}

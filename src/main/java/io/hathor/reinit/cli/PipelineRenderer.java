package io.hathor.reinit.cli;

import io.hathor.reinit.app.Reinit;
import io.hathor.reinit.app.ReinitSettings;
import io.hathor.reinit.csv.RowError;
import io.hathor.reinit.report.RunReport;
import io.hathor.reinit.run.RunInput;
import io.hathor.reinit.run.RunSummary;
import io.hathor.reinit.runbook.CheckResult;
import io.hathor.reinit.schedule.StopSignal;
import java.io.PrintWriter;
import java.util.List;

/** Shows a run on the console: input counts and problems, failed checks, progress, the summary. */
final class PipelineRenderer implements Reinit.View {
    private final PrintWriter out;
    private final PrintWriter err;

    private PipelineRenderer(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    /** Runs the re-initialization with this renderer; returns the exit code. */
    static int run(ReinitSettings settings, PrintWriter out, PrintWriter err) {
        return Reinit.run(settings, new PipelineRenderer(out, err)).exitStatus().code();
    }

    @Override
    public void inputRead(RunInput input) {
        out.printf("%s: %d rows (%s), %d valid, %d invalid, %d duplicates%n", input.file(),
                input.summary().rows(), input.summary().format().name().toLowerCase(), input.summary().valid(),
                input.summary().invalid(), input.summary().duplicates());
        for (RowError e : input.errors()) {
            err.println(e.describe());
        }
        if (input.errorCount() > input.errors().size()) {
            err.printf("… %d more in %s%n", input.errorCount() - input.errors().size(), input.rejectedFile());
        }
    }

    @Override
    public void checksFailed(List<CheckResult> failed) {
        for (CheckResult r : failed) {
            err.printf("FAIL  %s: %s%n", r.name(), r.detail());
        }
    }

    @Override
    public void warning(String line) {
        err.println(line);
        err.flush();
    }

    @Override
    public Reinit.Progress progress(int wallets) {
        return ProgressDisplay.create(wallets);
    }

    @Override
    public Runnable stopOnInterrupt(StopSignal stop) {
        return Interrupts.install(stop)::uninstall;
    }

    @Override
    public void finished(RunSummary summary) {
        out.print(RunReport.text(summary));
        out.flush();
    }
}

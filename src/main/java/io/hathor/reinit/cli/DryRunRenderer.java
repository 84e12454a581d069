package io.hathor.reinit.cli;

import io.hathor.reinit.config.ExitStatus;
import io.hathor.reinit.config.ReinitException;
import io.hathor.reinit.config.RunSettings;
import io.hathor.reinit.report.DryRunReport;
import io.hathor.reinit.run.DryRun;
import io.hathor.reinit.run.DryRunResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Runs the dry-run validation and prints its summary; exit 0 when every row is valid, 1 otherwise. */
final class DryRunRenderer {
    private DryRunRenderer() {}

    static int run(RunSettings settings, PrintWriter out) {
        DryRunResult result = DryRun.run(settings);
        out.print(DryRunReport.text(result));
        out.flush();
        if (settings.reportJson() != null) {
            writeJson(settings.reportJson(), DryRunReport.json(result));
        }
        return result.allValid() ? ExitStatus.OK.code() : ExitStatus.FAILED.code();
    }

    private static void writeJson(Path file, String json) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, json, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ReinitException(ExitStatus.USAGE, "cannot write --report-json " + file + ": " + e.getMessage(), e);
        }
    }
}

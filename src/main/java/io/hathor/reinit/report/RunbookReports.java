package io.hathor.reinit.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.hathor.reinit.runbook.CheckReport;
import io.hathor.reinit.runbook.CheckResult;
import io.hathor.reinit.runbook.Cleanup;
import io.hathor.reinit.runbook.ExportManifest;
import io.hathor.reinit.runbook.HtrSeeder;
import io.hathor.reinit.runbook.StatusReport;
import io.hathor.reinit.runbook.VerifyReport;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Text and JSON for the runbook commands' results. */
public final class RunbookReports {
    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper COMPACT = new ObjectMapper();

    private RunbookReports() {}

    /** Pretty JSON of any result record, ending with a newline. */
    public static String json(Object result) {
        return write(PRETTY, result) + System.lineSeparator();
    }

    /** One-line JSON, for output that repeats (status --watch). */
    public static String jsonLine(Object result) {
        return write(COMPACT, result) + System.lineSeparator();
    }

    public static String text(CheckReport report) {
        StringBuilder sb = new StringBuilder();
        lines(sb, report.results());
        sb.append(String.format("%n%d PASS, %d WARN, %d FAIL%n", report.count(CheckResult.Level.PASS),
                report.count(CheckResult.Level.WARN), report.count(CheckResult.Level.FAIL)));
        return sb.toString();
    }

    public static String text(ExportManifest m, String manifestFile) {
        return String.format("""
                exported %d wallets (%s) to %s
                  sha256            %s
                  claimed addresses %d
                  wallet_balance    %d
                  wallet_tx_history %d
                  schema flavor     %s%s
                manifest: %s
                """, m.rows(), statuses(m.walletsByStatus()), m.file(), m.sha256(), m.claimedAddresses(),
                m.walletBalanceRows(), m.walletTxHistoryRows(), m.schemaFlavor().toLowerCase(),
                m.walletsWithShieldedKeys() == null ? "" : String.format("%n  shielded keys     %d wallets (%s)",
                        m.walletsWithShieldedKeys(), m.shieldedKeysInFile() ? "in the file" : "left out"),
                manifestFile);
    }

    /**
     * What the operator must know about the shielded keys of an export (printed on stderr), or null when the
     * database held none.
     */
    public static String shieldedKeysNotice(ExportManifest m) {
        Long n = m.walletsWithShieldedKeys();
        if (n == null || n == 0) {
            return null;
        }
        if (m.shieldedKeysInFile()) {
            return "SECRET: " + m.file() + " holds the shielded scan keys (private keys) of " + n + " wallet(s)."
                    + " Keep it owner-only (chmod 600), never share or commit it, store it encrypted, and delete it"
                    + " once `reinit verify` has passed.";
        }
        return "WARNING: " + n + " wallet(s) have shielded keys that this export leaves out"
                + " (--without-shielded-keys): re-initialized from this file they lose their shielded side.";
    }

    public static String text(StatusReport r) {
        StringBuilder sb = new StringBuilder();
        long total = r.walletsByStatus().values().stream().mapToLong(Long::longValue).sum();
        sb.append(String.format("status at %s%n", r.at()));
        sb.append(String.format("wallets:    %d (%s)%n", total, statuses(r.walletsByStatus())));
        if (r.walletsBySide() != null) {
            sb.append(String.format("  sides:    status %s; ct_status %s (unified above)%n",
                    statuses(r.walletsBySide().get("status")), statuses(r.walletsBySide().get("ct_status"))));
        }
        StatusReport.Coverage c = r.coverage();
        if (c != null) {
            sb.append(String.format("csv:        %s: %d wallets, ready %d (%.2f%%), creating %d, error %d, missing %d%s%n",
                    c.file(), c.wallets(), c.ready(), c.readyPercent(), c.creating(), c.error(), c.missing(),
                    c.invalidRows() > 0 ? ", " + c.invalidRows() + " invalid rows" : ""));
        }
        sb.append(String.format("stuck:      %d creating longer than %ds%n", r.stuck(), r.timeoutSeconds()));
        for (StatusReport.StuckWallet s : r.stuckOldest()) {
            sb.append(String.format("            %s since %s%n", s.id(), s.since()));
        }
        if (r.notInvoked() > 0) {
            sb.append(String.format("not invoked: %d creating, no run has invoked them yet%n", r.notInvoked()));
        }
        sb.append(String.format("repairable: %d not ready holding wallet_tx_history or wallet_balance rows%n",
                r.repairable()));
        StatusReport.RunView run = r.run();
        if (run == null) {
            sb.append(String.format("run:        none in the journal%n"));
        } else {
            sb.append(String.format("run:        %s %s on %s, started %s%s%n", run.runId(), run.state(), run.host(),
                    run.startedAt(), run.endedAt() == null ? "" : ", ended " + run.endedAt()));
            String inProgress = run.endedAt() == null
                    ? ", " + run.loading() + " loading, " + run.notYetInvoked() + " not yet invoked" : "";
            sb.append(String.format("            %d/%d done%s, %d attempts, %s wallets/min%s%n", run.done(),
                    run.total(), inProgress, run.attempts(),
                    run.walletsPerMinute() == null ? "-" : run.walletsPerMinute(), run.etaSeconds() == null ? "" : ", ETA " + eta(run.etaSeconds())));
            if (run.counts() != null) {
                sb.append("            ").append(run.counts().entrySet().stream()
                        .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "))).append('\n');
            }
        }
        return sb.toString();
    }

    public static String text(VerifyReport r) {
        StringBuilder sb = new StringBuilder();
        lines(sb, r.results());
        if (!r.problems().isEmpty()) {
            sb.append(String.format("%nwallets not ready%s:%n", r.notReady() > r.problems().size()
                    ? " (first " + r.problems().size() + " of " + r.notReady() + ")" : ""));
            for (VerifyReport.WalletProblem p : r.problems()) {
                sb.append(String.format("  %s %s%n", p.id(), p.status()));
            }
        }
        sb.append(r.passed() ? "\nverified: the database holds the export.\n" : "\nverification failed.\n");
        return sb.toString();
    }

    public static String text(Cleanup.Plan plan, boolean dryRun) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%s %d tables of %s (FOREIGN_KEY_CHECKS=0, one session):%n",
                dryRun ? "would empty" : "emptying", plan.rowsBefore().size(), plan.database()));
        plan.rowsBefore().forEach((t, n) -> sb.append(String.format("  %-25s %d rows%n", t, n)));
        if (!plan.absent().isEmpty()) {
            sb.append("not present: ").append(String.join(", ", plan.absent())).append('\n');
        }
        sb.append("kept: SequelizeMeta, reinit_run, reinit_attempt\n");
        return sb.toString();
    }

    public static String text(HtrSeeder.Result r) {
        return r.inserted()
                ? String.format("inserted the HTR token row ('00', 'Hathor', 'HTR', transactions %d%s)%n",
                        r.transactions(), r.withVersion() ? ", version 0" : ", no version column")
                : String.format("HTR token row present (transactions %d); nothing inserted%n", r.transactions());
    }

    private static void lines(StringBuilder sb, List<CheckResult> results) {
        int width = results.stream().mapToInt(x -> x.name().length()).max().orElse(0);
        for (CheckResult x : results) {
            sb.append(String.format("%-4s  %-" + width + "s  %s%n", x.level(), x.name(), x.detail()));
        }
    }

    private static String statuses(Map<String, Long> byStatus) {
        return byStatus.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
    }

    private static String eta(long seconds) {
        return seconds >= 3600 ? String.format("%dh%02dm", seconds / 3600, seconds % 3600 / 60)
                : String.format("%dm%02ds", seconds / 60, seconds % 60);
    }

    private static String write(ObjectMapper mapper, Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}

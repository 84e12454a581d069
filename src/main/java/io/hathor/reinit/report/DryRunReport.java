package io.hathor.reinit.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.hathor.reinit.config.Durations;
import io.hathor.reinit.csv.RowError;
import io.hathor.reinit.csv.ValidationSummary;
import io.hathor.reinit.run.DryRunResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders a dry run for the operator (text) and for scripts (JSON). */
public final class DryRunReport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private DryRunReport() {}

    public static String text(DryRunResult r) {
        ValidationSummary s = r.summary();
        StringBuilder sb = new StringBuilder();
        sb.append("Dry run of ").append(r.file()).append(" (nothing was changed)\n");
        sb.append("  format:     ").append(s.format().name().toLowerCase(Locale.ROOT)).append('\n');
        sb.append("  rows read:  ").append(s.rows()).append('\n');
        sb.append("  valid:      ").append(s.valid()).append('\n');
        sb.append("  invalid:    ").append(s.invalid()).append('\n');
        sb.append("  duplicates: ").append(s.duplicates()).append(" (identical repeats, skipped)\n");
        sb.append("  status:     ");
        s.statusCounts().forEach((k, v) -> sb.append(k).append(' ').append(v).append("  "));
        sb.setLength(sb.length() - 2);
        sb.append('\n');
        DryRunResult.Estimate e = r.estimate();
        sb.append("  estimate:   ").append(range(e)).append('\n');
        sb.append("  order:      ").append(r.orderDescription()).append('\n');
        if (r.errorCount() > 0) {
            sb.append("Problems (").append(r.errorCount()).append(r.errorCount() > r.firstErrors().size()
                    ? ", first " + r.firstErrors().size() + " shown" : "").append("):\n");
            for (RowError error : r.firstErrors()) {
                sb.append("  ").append(error.describe()).append('\n');
            }
            sb.append("All problems: ").append(r.rejectedFile()).append('\n');
        } else {
            sb.append("Every row is valid.\n");
        }
        return sb.toString();
    }

    public static String json(DryRunResult r) {
        ValidationSummary s = r.summary();
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("file", r.file().toString());
        root.put("format", s.format().name().toLowerCase(Locale.ROOT));
        root.put("rows", s.rows());
        root.put("valid", s.valid());
        root.put("invalid", s.invalid());
        root.put("duplicates", s.duplicates());
        root.put("statusCounts", s.statusCounts());
        root.put("errorCount", r.errorCount());
        root.put("errors", errors(r.firstErrors()));
        root.put("rejectedFile", r.rejectedFile() == null ? null : r.rejectedFile().toString());
        DryRunResult.Estimate e = r.estimate();
        Map<String, Object> estimate = new LinkedHashMap<>();
        estimate.put("wallets", e.wallets());
        estimate.put("batchSize", e.batchSize());
        estimate.put("batches", e.batches());
        estimate.put("minSeconds", e.min().toSeconds());
        estimate.put("maxSeconds", e.max().toSeconds());
        estimate.put("text", range(e));
        root.put("estimate", estimate);
        root.put("order", r.order().toString());
        root.put("sizedWallets", r.sizedWallets());
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("maps of strings and numbers always serialize", ex);
        }
    }

    private static List<Map<String, Object>> errors(List<RowError> errors) {
        return errors.stream().map(e -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("line", e.line());
            m.put("column", e.column());
            m.put("reason", e.reason());
            return m;
        }).toList();
    }

    private static String range(DryRunResult.Estimate e) {
        if (e.batches() == 0) {
            return "nothing to load";
        }
        return Durations.format(e.min()) + " to " + Durations.format(e.max()) + " (" + e.wallets() + " wallets, "
                + e.batches() + " batches of " + e.batchSize() + ", 5-10 min per batch as with the reference script)";
    }
}

package io.hathor.reinit.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hathor.reinit.run.RunSummary;
import io.hathor.reinit.wallet.Outcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/** Renders a {@link RunSummary}: console text and the JSON report (no xpubkeys in either). */
public final class RunReport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private RunReport() {}

    public static String text(RunSummary s) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Run %s (%s loader) %s in %s%n", s.runId(), s.loader(),
                s.aborted() ? "ABORTED" : "finished", human(s.duration().toSeconds())));
        if (s.aborted()) {
            sb.append("  reason:         ").append(s.abortReason()).append('\n');
        }
        sb.append(String.format(Locale.ROOT, "  total:          %d%n", s.total()));
        sb.append(String.format(Locale.ROOT, "  READY:          %d%n", s.count(Outcome.READY)));
        sb.append(String.format(Locale.ROOT, "  SKIPPED_READY:  %d%n", s.count(Outcome.SKIPPED_READY)));
        sb.append(String.format(Locale.ROOT, "  ERROR:          %d%n", s.count(Outcome.ERROR)));
        sb.append(String.format(Locale.ROOT, "  TIMEOUT:        %d%n", s.count(Outcome.TIMEOUT)));
        sb.append(String.format(Locale.ROOT, "  INVOKE_FAILED:  %d%n", s.count(Outcome.INVOKE_FAILED)));
        sb.append(String.format(Locale.ROOT, "  CONFLICT:       %d%n", s.count(Outcome.CONFLICT)));
        sb.append(String.format(Locale.ROOT, "  invalid:        %d%n", s.invalid()));
        if (s.notFinished().count() > 0) {
            sb.append(String.format(Locale.ROOT, "  not finished:   %d%s (rerun the same command to resume them)%n",
                    s.notFinished().count(), s.notFinished().file() == null ? "" : " in " + s.notFinished().file()));
        }
        sb.append(String.format(Locale.ROOT, "  invoked:        %d (repaired before loading: %d, changed after ready: %d)%n",
                s.invoked(), s.repaired(), s.changedAfterReady()));
        sb.append(String.format(Locale.ROOT, "  rate:           %.1f wallets/min%n", s.walletsPerMinute()));
        if (s.failedWalletsFile() != null) {
            sb.append("  failed wallets: ").append(s.failedWalletsFile())
                    .append("  (retry: reinit --csv ").append(s.failedWalletsFile()).append(")\n");
        }
        if (s.rejectedFile() != null) {
            sb.append("  rejected rows:  ").append(s.rejectedFile()).append('\n');
        }
        if (s.reportFile() != null) {
            sb.append("  report:         ").append(s.reportFile()).append('\n');
        }
        int shown = 0;
        for (Map.Entry<String, String> e : s.reasons().entrySet()) {
            if (shown++ == 20) {
                sb.append("  … ").append(s.reasons().size() - 20).append(" more in the failed-wallets file\n");
                break;
            }
            sb.append("  ").append(s.outcomes().get(e.getKey())).append(' ').append(e.getKey()).append(": ")
                    .append(e.getValue()).append('\n');
        }
        return sb.toString();
    }

    /** Everything but the per-wallet lists and maps. */
    private static ObjectNode head(RunSummary s) {
        ObjectNode root = JSON.createObjectNode();
        root.put("runId", s.runId());
        root.put("startedAt", s.startedAt().toString());
        root.put("loader", s.loader());
        root.put("total", s.total());
        root.put("ready", s.count(Outcome.READY));
        root.put("error", s.count(Outcome.ERROR));
        root.put("timeout", s.count(Outcome.TIMEOUT));
        root.put("invokeFailed", s.count(Outcome.INVOKE_FAILED));
        root.put("skippedReady", s.count(Outcome.SKIPPED_READY));
        root.put("conflicts", s.count(Outcome.CONFLICT));
        root.put("invalid", s.invalid());
        root.put("invoked", s.invoked());
        root.put("repaired", s.repaired());
        root.put("changedAfterReady", s.changedAfterReady());
        root.put("durationSeconds", s.duration().toMillis() / 1000.0);
        root.put("walletsPerMinute", Math.round(s.walletsPerMinute() * 10) / 10.0);
        root.put("aborted", s.aborted());
        root.put("notFinishedFile", s.notFinished().file() == null ? null : s.notFinished().file().toString());
        if (s.abortReason() != null) {
            root.put("abortReason", s.abortReason());
        }
        root.put("failedWalletsFile", s.failedWalletsFile() == null ? null : s.failedWalletsFile().toString());
        root.put("rejectedFile", s.rejectedFile() == null ? null : s.rejectedFile().toString());
        root.put("exitCode", s.exitStatus().code());
        return root;
    }

    public static void writeJson(RunSummary s, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            // Streamed: the outcomes of a million wallets are never a tree in memory.
            try (JsonGenerator out = JSON.getFactory().createGenerator(file.toFile(), JsonEncoding.UTF8)) {
                out.useDefaultPrettyPrinter();
                out.writeStartObject();
                for (Iterator<Map.Entry<String, JsonNode>> it = head(s).fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    out.writeFieldName(field.getKey());
                    out.writeTree(field.getValue());
                }
                out.writeArrayFieldStart("notFinished");
                try {
                    s.notFinished().forEachId(id -> {
                        try {
                            out.writeString(id);
                        } catch (IOException e) {
                            throw new WriteFailed(e);
                        }
                    });
                } catch (WriteFailed e) {
                    throw e.io();
                } catch (UncheckedIOException listUnreadable) {
                    // the list file went missing: the array ends here, the count and the file name stay in the report
                }
                out.writeEndArray();
                out.writeObjectFieldStart("outcomes");
                for (Map.Entry<String, Outcome> e : s.outcomes().entrySet()) {
                    out.writeStringField(e.getKey(), e.getValue().name());
                }
                out.writeEndObject();
                out.writeObjectFieldStart("reasons");
                for (Map.Entry<String, String> e : s.reasons().entrySet()) {
                    out.writeStringField(e.getKey(), e.getValue());
                }
                out.writeEndObject();
                out.writeEndObject();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** A failure to write the report, told apart from one to read the list of wallets not finished. */
    private static final class WriteFailed extends RuntimeException {
        WriteFailed(IOException cause) {
            super(cause);
        }

        IOException io() {
            return (IOException) getCause();
        }
    }

    static String human(long seconds) {
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%d min %d s", seconds / 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%d h %d min", seconds / 3600, (seconds % 3600) / 60);
    }
}

package io.hathor.reinit.csv;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hathor.reinit.config.InputFormat;
import io.hathor.reinit.wallet.WalletStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Corpus access and a collecting validation run for the CSV tests. */
final class CsvTestSupport {
    private CsvTestSupport() {}

    /** Everything one validation produced. */
    record Outcome(ValidationSummary summary, List<WalletRecord> records, List<RowError> errors) {}

    static Outcome validate(Path file, InputFormat format) {
        List<WalletRecord> records = new ArrayList<>();
        List<RowError> errors = new ArrayList<>();
        ValidationSummary summary = WalletFileValidator.validate(file, format, records::add, errors::add);
        return new Outcome(summary, records, errors);
    }

    static Path corpus(String name) {
        try {
            return Path.of(CsvTestSupport.class.getResource("/testdata/csv/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(String resource) {
        try (InputStream in = CsvTestSupport.class.getResourceAsStream(resource)) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The 12 rows of expected-wallets.json, line 0 (lines differ per file). */
    static List<WalletRecord> expectedWallets() {
        List<WalletRecord> out = new ArrayList<>();
        for (JsonNode w : json("/testdata/csv/expected-wallets.json").get("wallets")) {
            out.add(new WalletRecord(0, w.get("id").asText(), w.get("xpubkey").asText(),
                    WalletStatus.fromSql(w.get("status").asText()), w.get("max_gap").asInt(),
                    w.get("created_at").asLong(), w.get("ready_at").isNull() ? null : w.get("ready_at").asLong(),
                    w.get("retry_count").asInt(), w.get("auth_xpubkey").asText(),
                    w.get("last_used_address_index").asInt()));
        }
        return out;
    }

    static List<WalletRecord> withoutLines(List<WalletRecord> records) {
        return records.stream().map(r -> r.atLine(0)).toList();
    }

    /** A headerless OUTFILE line for a record (all values quoted, NULL as \N). */
    static String outfileLine(WalletRecord r) {
        return String.join(",", q(r.id()), q(r.xpubkey()), q(r.status() == null ? null : r.status().sql()),
                q(String.valueOf(r.maxGap())), q(r.createdAt()), q(r.readyAt()), q(r.retryCount()),
                q(r.authXpubkey()), q(r.lastUsedAddressIndex()));
    }

    private static String q(Object v) {
        return v == null ? "\\N" : "\"" + v + "\"";
    }
}

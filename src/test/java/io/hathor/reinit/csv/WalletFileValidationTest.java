package io.hathor.reinit.csv;

import static io.hathor.reinit.csv.CsvTestSupport.expectedWallets;
import static io.hathor.reinit.csv.CsvTestSupport.outfileLine;
import static io.hathor.reinit.csv.CsvTestSupport.validate;
import static io.hathor.reinit.csv.CsvTestSupport.withoutLines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import io.hathor.reinit.config.InputFormat;
import io.hathor.reinit.config.ReinitException;
import io.hathor.reinit.wallet.WalletId;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class WalletFileValidationTest {
    private static final WalletRecord W = expectedWallets().get(1); // w01, ready, ready_at set

    @TempDir
    Path tmp;

    static Stream<JsonNode> invalidXpubCases() {
        return StreamSupport.stream(CsvTestSupport.json("/testdata/invalid-xpubs.json").get("cases").spliterator(),
                false);
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("invalidXpubCases")
    void should_reject_every_invalid_xpub_case_in_the_xpubkey_column(JsonNode c) throws IOException {
        // given a row whose id matches the bad value, so only the xpub itself is wrong
        String input = c.get("input").asText();
        WalletRecord row = new WalletRecord(0, WalletId.of(input), input, W.status(), 20, W.createdAt(),
                W.readyAt(), 0, W.authXpubkey(), 7);
        Path file = write("case.csv", "id,xpubkey,status,max_gap,created_at,ready_at,retry_count,auth_xpubkey,"
                + "last_used_address_index\n" + header(row));

        // when
        CsvTestSupport.Outcome outcome = validate(file, InputFormat.AUTO);

        // then
        assertThat(outcome.records()).isEmpty();
        assertThat(outcome.errors()).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(2);
            assertThat(e.column()).isEqualTo("xpubkey");
            if (c.get("expected").asText().equals("valid_but_wrong_level")) {
                assertThat(e.reason()).isEqualTo("xpub at depth 4, expected the account level (depth 3)");
            } else {
                assertThat(e.reason()).isNotBlank();
            }
            if (input.length() > 12) {
                assertThat(e.reason()).doesNotContain(input);
            }
        });
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("invalidXpubCases")
    void should_reject_every_invalid_xpub_case_in_the_auth_column_except_a_deeper_valid_key(JsonNode c)
            throws IOException {
        // given
        String input = c.get("input").asText();
        WalletRecord row = new WalletRecord(0, W.id(), W.xpubkey(), W.status(), 20, W.createdAt(), W.readyAt(), 0,
                input, 7);
        Path file = write("case.csv", outfileLine(row) + "\n");

        // when
        CsvTestSupport.Outcome outcome = validate(file, InputFormat.AUTO);

        // then
        if (c.get("expected").asText().equals("valid_but_wrong_level")) {
            assertThat(outcome.errors()).isEmpty();
        } else {
            assertThat(outcome.errors()).extracting(RowError::column).containsExactly("auth_xpubkey");
        }
    }

    @Test
    void should_accept_the_wallet_ids_of_the_address_vectors() throws IOException {
        // given
        StringBuilder sb = new StringBuilder("id,xpubkey,auth_xpubkey\n");
        for (JsonNode w : CsvTestSupport.json("/testdata/address-vectors.json").get("wallets")) {
            sb.append(w.get("wallet_id").asText()).append(',').append(w.get("xpubkey").asText()).append(',')
                    .append(w.get("auth_xpubkey").asText()).append('\n');
        }

        // when
        CsvTestSupport.Outcome outcome = validate(write("v.csv", sb.toString()), InputFormat.AUTO);

        // then
        assertThat(outcome.errors()).isEmpty();
        assertThat(outcome.summary().valid()).isEqualTo(12);
    }

    @Test
    void should_report_every_problem_of_every_row_with_line_and_column() throws IOException {
        // given
        String good = outfileLine(W);
        String bad = outfileLine(new WalletRecord(0, "0".repeat(64), W.xpubkey(), null, 0, -1L, 4294967296L,
                65536, W.authXpubkey(), -2)).replace("\\N", "\"pending\"");
        Path file = write("bad.csv", good + "\n" + bad + "\n" + good.replace("\"ready\"", "\"ready\",\"x\"") + "\n");

        // when
        CsvTestSupport.Outcome outcome = validate(file, InputFormat.AUTO);

        // then
        assertThat(outcome.summary().rows()).isEqualTo(3);
        assertThat(outcome.summary().invalid()).isEqualTo(2);
        assertThat(outcome.errors()).extracting(RowError::line, RowError::column).containsExactly(
                tuple(2L, "id"), tuple(2L, "status"), tuple(2L, "max_gap"), tuple(2L, "created_at"),
                tuple(2L, "ready_at"), tuple(2L, "retry_count"), tuple(2L, "last_used_address_index"),
                tuple(3L, null));
        assertThat(outcome.errors().get(0).reason()).contains("does not match").doesNotContain(W.xpubkey());
        assertThat(outcome.errors().get(7).reason()).isEqualTo("has 10 fields, expected 9");
    }

    @Test
    void should_accept_the_edges_of_every_integer_range() throws IOException {
        // given
        WalletRecord edges = new WalletRecord(0, W.id(), W.xpubkey(), W.status(), 1000, 4294967295L, 0L, 65535,
                W.authXpubkey(), Integer.MAX_VALUE);

        // when
        CsvTestSupport.Outcome outcome = validate(write("e.csv", outfileLine(edges) + "\n"), InputFormat.AUTO);

        // then
        assertThat(outcome.errors()).isEmpty();
        assertThat(withoutLines(outcome.records())).containsExactly(edges);
    }

    @Test
    void should_reject_fields_longer_than_their_column() throws IOException {
        // given
        WalletRecord longId = new WalletRecord(0, W.id() + "00", W.xpubkey(), W.status(), 20, 1L, null, 0,
                W.authXpubkey() + "x".repeat(20), 7);

        // when
        CsvTestSupport.Outcome outcome = validate(write("l.csv", outfileLine(longId) + "\n"), InputFormat.OUTFILE);

        // then
        assertThat(outcome.errors()).extracting(RowError::column, RowError::reason).contains(
                tuple("id", "is 66 characters long, the column holds 64"),
                tuple("auth_xpubkey", "is 131 characters long, the column holds 120"));
    }

    @Test
    void should_count_an_identical_repeat_once_and_report_a_conflicting_one_naming_the_first_line()
            throws IOException {
        // given
        String line = outfileLine(W);
        String changed = line.replace("\"ready\"", "\"error\"");
        Path file = write("dup.csv", line + "\n" + line + "\n" + line + "\n" + changed + "\n");

        // when
        CsvTestSupport.Outcome outcome = validate(file, InputFormat.AUTO);

        // then
        assertThat(outcome.records()).hasSize(1);
        assertThat(outcome.summary().duplicates()).isEqualTo(2);
        assertThat(outcome.summary().invalid()).isEqualTo(1);
        assertThat(outcome.errors()).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(4);
            assertThat(e.column()).isEqualTo("id");
            assertThat(e.reason()).isEqualTo("wallet id already on line 1 with different values");
        });
    }

    @Test
    void should_refuse_a_missing_file_with_a_usage_error() {
        assertThatThrownBy(() -> validate(tmp.resolve("nope.csv"), InputFormat.AUTO))
                .isInstanceOf(ReinitException.class).hasMessageContaining("no such file");
        assertThatThrownBy(() -> validate(tmp, InputFormat.AUTO))
                .isInstanceOf(ReinitException.class).hasMessageContaining("folder");
    }

    @Test
    void should_report_an_empty_file() throws IOException {
        // when
        CsvTestSupport.Outcome outcome = validate(write("empty.csv", ""), InputFormat.AUTO);

        // then
        assertThat(outcome.summary().rows()).isZero();
        assertThat(outcome.errors()).extracting(RowError::reason).containsExactly("the file is empty");
    }

    @Test
    void should_report_binary_garbage_without_a_stack_trace() throws IOException {
        // given
        byte[] garbage = new byte[5000];
        new java.util.Random(7).nextBytes(garbage);
        Path file = Files.write(tmp.resolve("garbage.bin"), garbage);

        // when
        CsvTestSupport.Outcome auto = validate(file, InputFormat.AUTO);
        CsvTestSupport.Outcome forced = validate(file, InputFormat.OUTFILE);

        // then
        assertThat(auto.errors()).isNotEmpty().allSatisfy(e -> assertThat(e.reason()).isNotBlank());
        assertThat(auto.records()).isEmpty();
        assertThat(forced.errors()).isNotEmpty();
        assertThat(forced.records()).isEmpty();
    }

    @Test
    void should_report_invalid_utf8_with_its_line() throws IOException {
        // given
        byte[] good = (outfileLine(W) + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] bad = "\"abc\u00ff\",\"x\"\n".getBytes(StandardCharsets.ISO_8859_1);
        Path file = tmp.resolve("utf8.csv");
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(good);
            out.write(bad);
            out.write(good);
        }

        // when
        CsvTestSupport.Outcome outcome = validate(file, InputFormat.AUTO);

        // then
        assertThat(outcome.errors()).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(2);
            assertThat(e.reason()).isEqualTo("invalid UTF-8 at byte 5 of the line; the file must be UTF-8");
        });
        assertThat(outcome.summary().duplicates()).isEqualTo(1);
    }

    @Test
    @Timeout(60)
    void should_report_a_50_mb_single_line_and_go_on() throws IOException {
        // given
        Path file = tmp.resolve("huge.csv");
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file))) {
            out.write((outfileLine(W) + "\n").getBytes(StandardCharsets.UTF_8));
            byte[] block = "A".repeat(1 << 20).getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 50; i++) {
                out.write(block);
            }
            out.write('\n');
            out.write((outfileLine(expectedWallets().get(2)) + "\n").getBytes(StandardCharsets.UTF_8));
        }

        // when
        CsvTestSupport.Outcome outcome = validate(file, InputFormat.AUTO);

        // then
        assertThat(outcome.records()).hasSize(2);
        assertThat(outcome.errors()).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(2);
            assertThat(e.reason()).startsWith("line is longer than 65536 bytes (52428800 bytes)");
        });
    }

    @Test
    void should_report_an_unclosed_quote_on_its_line_in_outfile_and_header_files() throws IOException {
        // given
        String good = outfileLine(W);
        Path outfile = write("q.csv", good + "\n\"abc\",\"def\n" + good + "\n");
        Path header = write("q2.csv", "id,xpubkey\n\"" + W.id() + "," + W.xpubkey() + "\n");

        // when
        CsvTestSupport.Outcome a = validate(outfile, InputFormat.AUTO);
        CsvTestSupport.Outcome b = validate(header, InputFormat.AUTO);

        // then
        assertThat(a.errors()).extracting(RowError::line, RowError::reason).containsExactly(
                tuple(2L, "quote in field 2 is never closed on its line"));
        assertThat(a.summary().duplicates()).isEqualTo(1);
        assertThat(b.errors()).extracting(RowError::line, RowError::reason).containsExactly(
                tuple(2L, "quote in field 1 opened on line 2 is never closed (end of file inside the record)"));
    }

    @Test
    void should_treat_formula_like_cells_as_plain_invalid_values() throws IOException {
        // given
        Path file = write("f.csv", "id,xpubkey,auth_xpubkey\n=cmd|' /C calc'!A0,=HYPERLINK(\"x\"),@SUM(1)\n");

        // when
        CsvTestSupport.Outcome outcome = validate(file, InputFormat.AUTO);

        // then
        assertThat(outcome.errors()).extracting(RowError::column).containsExactly("xpubkey", "auth_xpubkey", "id");
        assertThat(outcome.errors()).allSatisfy(e -> assertThat(e.reason()).isNotBlank());
    }

    @Test
    @Timeout(120)
    void should_count_a_million_identical_rows_as_one_wallet_and_duplicates() throws IOException {
        // given
        Path file = tmp.resolve("million.csv");
        byte[] line = (outfileLine(W) + "\n").getBytes(StandardCharsets.UTF_8);
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            for (int i = 0; i < 1_000_000; i++) {
                out.write(line);
            }
        }

        // when
        long[] valid = {0};
        List<RowError> errors = new java.util.ArrayList<>();
        ValidationSummary summary = WalletFileValidator.validate(file, InputFormat.AUTO, r -> valid[0]++,
                errors::add);

        // then
        assertThat(errors).isEmpty();
        assertThat(valid[0]).isEqualTo(1);
        assertThat(summary.rows()).isEqualTo(1_000_000);
        assertThat(summary.duplicates()).isEqualTo(999_999);
    }

    @Test
    void should_read_our_failed_file_back_to_the_same_records() throws IOException {
        // given
        Path failed = tmp.resolve("logs/failed.csv");
        List<WalletRecord> wallets = expectedWallets();
        try (FailedWalletsWriter writer = new FailedWalletsWriter(failed)) {
            for (WalletRecord r : wallets) {
                writer.write(r, "timed out, \"creating\" after 10m");
            }
        }

        // when
        CsvTestSupport.Outcome outcome = validate(failed, InputFormat.AUTO);

        // then
        assertThat(outcome.summary().format()).isEqualTo(InputFormat.HEADER);
        assertThat(outcome.errors()).isEmpty();
        assertThat(withoutLines(outcome.records())).containsExactlyElementsOf(wallets);
    }

    @Test
    void should_write_a_rejected_file_with_masked_keys_that_reads_back_as_ids() throws IOException {
        // given
        Path rejected = tmp.resolve("rejected.csv");
        try (RejectedRowsWriter writer = new RejectedRowsWriter(rejected)) {
            writer.write(new RowError("in.csv", 3, "status", "'x, \"y\"' is not one of creating, ready, error",
                    W.id()));
            writer.write(new RowError("in.csv", 4, "id", "is not a wallet id", W.xpubkey()));
            writer.write(new RowError("in.csv", 0, null, "the file is empty"));
        }

        // when
        String text = Files.readString(rejected);
        CsvTestSupport.Outcome outcome = validate(rejected, InputFormat.AUTO);

        // then
        assertThat(text).startsWith("\"line\",\"column\",\"reason\",\"id\"\n").doesNotContain(W.xpubkey());
        assertThat(outcome.summary().format()).isEqualTo(InputFormat.HEADER);
        assertThat(outcome.records()).containsExactly(WalletRecord.idOnly(2, W.id()));
        assertThat(outcome.errors()).extracting(RowError::line).containsExactly(3L, 4L);
    }

    private static String header(WalletRecord r) {
        return String.join(",", r.id(), r.xpubkey(), r.status().sql(), String.valueOf(r.maxGap()),
                String.valueOf(r.createdAt()), String.valueOf(r.readyAt()), String.valueOf(r.retryCount()),
                r.authXpubkey(), String.valueOf(r.lastUsedAddressIndex())) + "\n";
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(tmp.resolve(name), content, StandardCharsets.UTF_8);
    }
}

package io.hathor.reinit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DryRunCommandTest {
    private static final String W01_XPUB = "xpub6CxfK7qFCANK6MqkiW88tAoNQZptDouSrhc2sYhRztSvnD1Z3zVwzfMQZXniG89fFpszB4a8"
            + "UyMpZD82cXhWqGk5J7QehbZdHijtxeJmg7S";

    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void should_exit_0_and_summarize_a_valid_export() throws Exception {
        // when
        int code = run("--csv", corpus("wallets_outfile.csv").toString(), "--dry-run");

        // then
        assertThat(code).isZero();
        assertThat(out.toString()).contains("format:     outfile", "rows read:  12", "valid:      12",
                "invalid:    0", "duplicates: 0", "ready 7", "5m to 10m", "Every row is valid.");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void should_exit_1_list_problems_masked_and_write_json_and_the_rejected_file() throws Exception {
        // given an export whose first row has a broken xpub and whose id column holds an xpub
        List<String> lines = Files.readAllLines(corpus("wallets_with_header.csv"));
        String bad = lines.get(2).replace(W01_XPUB.substring(0, 40), W01_XPUB.substring(0, 39) + "0");
        String shifted = W01_XPUB + lines.get(3).substring(64);
        Path file = tmp.resolve("in.csv");
        Files.write(file, Stream.concat(Stream.of(lines.get(0), lines.get(1), bad, shifted), lines.stream().skip(4)).toList());
        Path json = tmp.resolve("report.json");

        // when
        int code = run("--csv", file.toString(), "--dry-run", "--report-json", json.toString());

        // then
        assertThat(code).isEqualTo(1);
        assertThat(out.toString()).contains("invalid:    2", "valid:      10", "in.csv:3 xpubkey: invalid xpub",
                "All problems: ");
        assertThat(out.toString()).doesNotContain(W01_XPUB);
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertThat(report.fieldNames()).toIterable().contains("format", "rows", "valid", "invalid", "duplicates",
                "errors", "statusCounts", "estimate");
        assertThat(report.get("errors").get(0).fieldNames()).toIterable().contains("line", "column", "reason");
        assertThat(report.get("invalid").asLong()).isEqualTo(2);
        try (Stream<Path> files = Files.list(tmp.resolve("logs"))) {
            List<Path> all = files.toList();
            assertThat(all).anySatisfy(p -> assertThat(p.getFileName().toString()).startsWith("rejected_"));
            for (Path p : all) {
                assertThat(Files.readString(p)).doesNotContain(W01_XPUB);
            }
        }
    }

    @Test
    void should_show_the_start_order_in_the_plan() throws Exception {
        // given: an export that gives every wallet's last_used_address_index, and a list of ids that does not
        Path ids = tmp.resolve("ids.txt");
        Files.writeString(ids, "0959707b71b56f8f16994867ae4c1577310362e14cbeb92ffbc116288c5a58ce\n");

        // when
        int sized = run("--csv", corpus("wallets_outfile.csv").toString(), "--dry-run");
        int idsOnly = run("--csv", ids.toString(), "--dry-run");
        int file = run("--csv", corpus("wallets_outfile.csv").toString(), "--dry-run", "--order", "FILE");

        // then
        assertThat(List.of(sized, idsOnly, file)).containsOnly(0);
        assertThat(out.toString()).contains(
                "order:      heaviest-first (last_used_address_index + max_gap, known for 12 of 12 wallets)",
                "order:      heaviest-first, but no row gives last_used_address_index: file order",
                "order:      file (as the rows come)");
    }

    @Test
    void should_refuse_a_zero_batch_size_with_one_line_and_exit_2() throws Exception {
        // when
        int code = run("--csv", corpus("wallets_outfile.csv").toString(), "--dry-run", "--batch-size", "0");

        // then
        assertThat(code).isEqualTo(2);
        assertThat(err.toString().strip()).doesNotContain("\n").contains("--batch-size must be at least 1");
    }

    @Test
    void should_refuse_a_negative_polling_interval_with_exit_2() throws Exception {
        // when
        int code = run("--csv", corpus("wallets_outfile.csv").toString(), "--dry-run", "--polling-interval", "-5s");

        // then
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--polling-interval");
    }

    @Test
    void should_exit_2_for_a_missing_file() {
        // when
        int code = run("--csv", tmp.resolve("nope.csv").toString(), "--dry-run");

        // then
        assertThat(code).isEqualTo(2);
        assertThat(err.toString().strip()).startsWith("reinit: cannot read").doesNotContain("\n");
    }

    @Test
    void should_show_help_and_version_with_exit_0() {
        // when
        int help = run("--help");
        int version = run("--version");

        // then
        assertThat(help).isZero();
        assertThat(version).isZero();
        assertThat(out.toString()).contains("--dry-run", "--csv-format", "reinit ");
    }

    private int run(String... args) {
        String[] all = Stream.concat(Stream.of(args), Stream.of("--log-dir", tmp.resolve("logs").toString()))
                .toArray(String[]::new);
        if (List.of(args).contains("--help") || List.of(args).contains("--version")) {
            all = args;
        }
        return Cli.newCommandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(all);
    }

    private static Path corpus(String name) throws URISyntaxException {
        return Path.of(DryRunCommandTest.class.getResource("/testdata/csv/" + name).toURI());
    }

    @SuppressWarnings("unused")
    private static String read(Path p) throws IOException {
        return Files.readString(p);
    }
}

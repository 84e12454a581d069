package io.hathor.reinit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.hathor.reinit.support.CommandRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a real run prints about a bad input; it stops before it connects, so no server is needed. */
class InputProblemsCommandTest {
    @TempDir
    Path tmp;

    private CommandRun run(Path csv) {
        return CommandRun.of("--csv", csv.toString(), "--loader", "direct", "--db-url", "jdbc:mysql://127.0.0.1:1/ws",
                "--db-user", "u", "--log-dir", tmp.resolve("logs").toString());
    }

    private Path corpusWith(String name, java.util.function.UnaryOperator<List<String>> edit) throws Exception {
        List<String> lines = Files.readAllLines(Path.of(getClass().getResource("/testdata/csv/" + name).toURI()));
        Path file = tmp.resolve(name);
        Files.write(file, edit.apply(lines));
        return file;
    }

    @Test
    void should_suggest_skip_invalid_when_some_rows_are_valid_and_name_no_null_column() throws Exception {
        // given: one row of the export cut short (a record-level problem, no column)
        Path csv = corpusWith("wallets_outfile.csv", lines -> {
            lines.set(1, lines.get(1).substring(0, lines.get(1).indexOf(',', 70)));
            return lines;
        });
        // when
        CommandRun run = run(csv);
        // then
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("wallets_outfile.csv:2: has 2 fields, expected 9", "or pass --skip-invalid")
                .doesNotContain("null");
    }

    @Test
    void should_not_suggest_skip_invalid_when_no_row_is_valid() throws Exception {
        // given: every row cut short
        Path csv = corpusWith("wallets_outfile.csv", lines -> lines.stream()
                .map(l -> l.substring(0, l.indexOf(',', 70))).toList());
        // when
        CommandRun run = run(csv);
        // then
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("nothing was changed").doesNotContain("--skip-invalid", "null");
    }

    @Test
    void should_not_suggest_skip_invalid_for_a_file_level_problem() throws Exception {
        // given: a semicolon-separated file
        Path csv = corpusWith("wallets_with_header.csv", lines -> lines.stream().map(l -> l.replace(',', ';')).toList());
        // when
        CommandRun run = run(csv);
        // then
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("separated by semicolons").doesNotContain("--skip-invalid", "null");
    }
}

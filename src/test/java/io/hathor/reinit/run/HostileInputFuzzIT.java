package io.hathor.reinit.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.hathor.reinit.lambda.DelayedStatusHandler;
import io.hathor.reinit.lambda.DelayedStatusHandler.Fate;
import io.hathor.reinit.support.CommandRun;
import io.hathor.reinit.support.PipelineFixture;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input, generated: random mutations (fixed seed) of the real test exports, each run with --dry-run and for real
 * against the database. No stack trace reaches the console, nothing is inserted unless every row is valid, and the
 * real run's exit code agrees with the dry run's verdict.
 */
class HostileInputFuzzIT {
    private static final long SEED = 20260704L;
    private static final int MUTANTS = 30;
    private static final String[] SOURCES = {"wallets_outfile.csv", "wallets_mysqldump_tab/wallet.txt",
        "wallets_mysqldump_tab_default/wallet.txt", "wallets_seed_script_format.csv", "wallets_with_header.csv",
        "wallets_with_header.tsv"};
    private static final Pattern STACK_LINE = Pattern.compile("(?m)^\\s+at [\\w.$]+\\(|^Caused by: |Exception in thread");

    @TempDir
    Path dir;

    @Test
    void should_survive_a_corpus_of_mutated_exports_without_stack_traces_or_partial_inserts() throws Exception {
        // given
        Random random = new Random(SEED);
        List<byte[]> sources = new ArrayList<>();
        for (String name : SOURCES) {
            sources.add(resource("/testdata/csv/" + name));
        }
        int valid = 0;
        int invalid = 0;
        try (PipelineFixture fx = new PipelineFixture("fuzz", dir)) {
            fx.serve(DelayedStatusHandler.always(fx.dataSource, Duration.ofMillis(20), Duration.ofMillis(50),
                    Fate.READY));
            for (int i = 0; i < MUTANTS; i++) {
                int kind = i % 8;
                byte[] mutant = mutate(sources.get(random.nextInt(sources.size())), kind, random);
                Path file = dir.resolve("mutant_" + i + ".csv");
                Files.write(file, mutant);
                resetDatabase(fx);
                // when
                CommandRun dry = CommandRun.of("--csv", file.toString(), "--dry-run", "--log-dir",
                        dir.resolve("logs").toString());
                CommandRun real = fx.reinit(file);
                // then
                String what = "mutant " + i + " (kind " + kind + ")\n" + dry.err() + "\n" + real.err();
                for (CommandRun run : List.of(dry, real)) {
                    assertThat(STACK_LINE.matcher(run.err()).find()).as(what).isFalse();
                    assertThat(STACK_LINE.matcher(run.out()).find()).as(what).isFalse();
                }
                assertThat(dry.exitCode()).as(what).isIn(0, 1, 2);
                assertThat(real.exitCode()).as(what).isEqualTo(dry.exitCode());
                int rows = fx.count("SELECT COUNT(*) FROM wallet");
                if (dry.exitCode() == 0) {
                    valid++;
                    assertThat(fx.count("SELECT COUNT(*) FROM wallet WHERE status <> 'ready'")).as(what).isZero();
                } else {
                    invalid++;
                    assertThat(rows).as("no partial insert: " + what).isZero();
                }
            }
        }
        // the corpus holds both kinds
        assertThat(invalid).isGreaterThan(MUTANTS / 2);
        assertThat(valid).isPositive();
    }

    private static void resetDatabase(PipelineFixture fx) {
        fx.exec("DELETE FROM wallet");
        for (String table : List.of("reinit_attempt", "reinit_run")) {
            try {
                fx.exec("DELETE FROM " + table);
            } catch (IllegalStateException e) {
                // not created yet
            }
        }
    }

    static byte[] mutate(byte[] source, int kind, Random random) {
        byte[] b = source.clone();
        switch (kind) {
            case 0 -> { // truncation
                return Arrays.copyOf(b, random.nextInt(b.length));
            }
            case 1 -> { // byte flips
                for (int n = 1 + random.nextInt(4); n > 0; n--) {
                    int at = random.nextInt(b.length);
                    b[at] = (byte) (b[at] ^ (1 << random.nextInt(8)));
                }
                return b;
            }
            case 2 -> {
                return inject(b, "\"".getBytes(StandardCharsets.US_ASCII), random);
            }
            case 3 -> {
                return inject(b, "\\".getBytes(StandardCharsets.US_ASCII), random);
            }
            case 4 -> {
                return inject(b, new byte[] {0}, random);
            }
            case 5 -> { // invalid UTF-8
                return inject(b, new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF}, random);
            }
            case 6 -> { // shuffled columns
                String text = new String(b, StandardCharsets.UTF_8);
                String sep = text.contains("\t") ? "\t" : ",";
                List<String> lines = text.lines().toList();
                int columns = lines.get(0).split(Pattern.quote(sep), -1).length;
                List<Integer> order = new ArrayList<>();
                for (int c = 0; c < columns; c++) {
                    order.add(c);
                }
                Collections.shuffle(order, random);
                StringBuilder out = new StringBuilder();
                for (String line : lines) {
                    String[] cells = line.split(Pattern.quote(sep), -1);
                    List<String> moved = new ArrayList<>();
                    for (int c : order) {
                        moved.add(c < cells.length ? cells[c] : "");
                    }
                    out.append(String.join(sep, moved)).append('\n');
                }
                return out.toString().getBytes(StandardCharsets.UTF_8);
            }
            default -> { // a line dropped or repeated (usually still valid)
                List<String> lines = new ArrayList<>(new String(b, StandardCharsets.UTF_8).lines().toList());
                int at = random.nextInt(lines.size());
                if (random.nextBoolean() && lines.size() > 2) {
                    lines.remove(at);
                } else {
                    lines.add(at, lines.get(at));
                }
                return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
            }
        }
    }

    private static byte[] inject(byte[] b, byte[] what, Random random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int n = 1 + random.nextInt(3);
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            positions.add(random.nextInt(b.length));
        }
        Collections.sort(positions);
        int from = 0;
        for (int p : positions) {
            out.write(b, from, p - from);
            out.writeBytes(what);
            from = p;
        }
        out.write(b, from, b.length - from);
        return out.toByteArray();
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = HostileInputFuzzIT.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }
}

package io.hathor.reinit.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.hathor.reinit.config.InputFormat;
import io.hathor.reinit.config.RunSettings;
import io.hathor.reinit.csv.WalletFileValidator;
import io.hathor.reinit.csv.WalletRecord;
import io.hathor.reinit.support.TestWallets;
import io.hathor.reinit.wallet.Hashes;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputReaderTest {
    @TempDir
    Path dir;

    private RunSettings settings(Path csv) {
        return new RunSettings(csv, InputFormat.AUTO, 50, Duration.ofSeconds(10), Duration.ofSeconds(5),
                Duration.ofMinutes(10), dir.resolve("logs"), null, false, 5, false, null, null, true, null, null);
    }

    @Test
    void should_read_the_file_once_and_hash_exactly_the_bytes_it_validated() throws Exception {
        // given: a named pipe, whose bytes can be read only once (a second open would wait for a writer forever)
        Path csv = TestWallets.csv(dir, "wallets.csv", TestWallets.all());
        byte[] bytes = Files.readAllBytes(csv);
        Path pipe = dir.resolve("wallets.pipe");
        assertThat(new ProcessBuilder("mkfifo", pipe.toString()).start().waitFor()).isZero();
        Thread writer = new Thread(() -> {
            try (OutputStream out = Files.newOutputStream(pipe)) {
                out.write(bytes);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        writer.setDaemon(true);
        writer.start();
        // when
        RunInput input = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> InputReader.read(settings(pipe),
                "run1"));
        // then
        try (input) {
            assertThat(input.sha256()).isEqualTo(Hashes.hex(Hashes.sha256(bytes)));
            assertThat(input.wallets().count()).isEqualTo(12);
        }
    }

    @Test
    void should_give_back_every_valid_record_in_file_order_from_disk() throws Exception {
        // given
        Path csv = Path.of(InputReaderTest.class.getResource("/testdata/csv/wallets_with_header.csv").toURI());
        List<WalletRecord> expected = new ArrayList<>();
        WalletFileValidator.validate(csv, InputFormat.AUTO, expected::add, e -> { });
        // when
        List<WalletRecord> back = new ArrayList<>();
        try (RunInput input = InputReader.read(settings(csv), "run2")) {
            input.wallets().forEachChunk(5, back::addAll);
            // then: the same records, nulls included, read back in chunks of 5
            assertThat(back).containsExactlyElementsOf(expected);
            assertThat(input.wallets().sized()).isEqualTo(expected.stream()
                    .filter(r -> r.lastUsedAddressIndex() != null).count());
        }
    }

    @Test
    void should_keep_id_only_records_and_delete_its_spill_file_on_close() throws Exception {
        // given
        Path ids = TestWallets.idList(dir, "ids.txt", TestWallets.all().subList(0, 3));
        List<WalletRecord> back = new ArrayList<>();
        // when
        RunInput input = InputReader.read(settings(ids), "run3");
        input.wallets().forEachChunk(1_000, back::addAll);
        Path spill = input.wallets().file();
        boolean existed = Files.exists(spill);
        input.close();
        // then
        assertThat(back).extracting(WalletRecord::id)
                .containsExactlyElementsOf(TestWallets.all().subList(0, 3).stream().map(TestWallets.Wallet::id)
                        .toList());
        assertThat(back).allMatch(WalletRecord::idOnly);
        assertThat(existed).isTrue();
        assertThat(spill).doesNotExist();
    }

    @Test
    void should_write_every_problem_to_the_rejected_file_and_keep_only_the_first_in_memory() throws Exception {
        // given: more invalid rows than are kept for the console
        StringBuilder sb = new StringBuilder("id,xpubkey\n");
        int bad = InputReader.SHOWN_ERRORS + 500;
        for (int k = 0; k < bad; k++) {
            sb.append("zz").append(k).append(",nope\n");
        }
        Path csv = Files.writeString(dir.resolve("bad.csv"), sb.toString(), StandardCharsets.UTF_8);
        // when
        try (RunInput input = InputReader.read(settings(csv), "run4")) {
            // then
            assertThat(input.errors()).hasSize(InputReader.SHOWN_ERRORS);
            assertThat(input.errorCount()).isGreaterThanOrEqualTo(bad);
            assertThat(Files.readAllLines(input.rejectedFile())).hasSizeGreaterThan(bad);
        }
    }
}

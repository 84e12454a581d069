package io.hathor.reinit.csv;

import static io.hathor.reinit.csv.CsvTestSupport.corpus;
import static io.hathor.reinit.csv.CsvTestSupport.expectedWallets;
import static io.hathor.reinit.csv.CsvTestSupport.validate;
import static io.hathor.reinit.csv.CsvTestSupport.withoutLines;
import static org.assertj.core.api.Assertions.assertThat;

import io.hathor.reinit.config.InputFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WalletFileReadingTest {
    @TempDir
    Path tmp;

    static Stream<Arguments> corpusFiles() {
        return Stream.of(
                Arguments.of("wallets_outfile.csv", InputFormat.OUTFILE),
                Arguments.of("wallets_mysqldump_tab/wallet.txt", InputFormat.TAB),
                Arguments.of("wallets_mysqldump_tab_default/wallet.txt", InputFormat.TAB),
                Arguments.of("wallets_with_header.csv", InputFormat.HEADER),
                Arguments.of("wallets_with_header.tsv", InputFormat.HEADER),
                Arguments.of("wallets_seed_script_format.csv", InputFormat.HEADER));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpusFiles")
    void should_read_every_corpus_file_to_the_expected_wallets(String name, InputFormat format) {
        // given
        Path file = corpus(name);

        // when
        CsvTestSupport.Outcome auto = validate(file, InputFormat.AUTO);

        // then
        assertThat(auto.errors()).isEmpty();
        assertThat(auto.summary().format()).isEqualTo(format);
        assertThat(auto.summary().rows()).isEqualTo(12);
        assertThat(auto.summary().valid()).isEqualTo(12);
        assertThat(withoutLines(auto.records())).containsExactlyInAnyOrderElementsOf(expectedWallets());
        assertThat(auto.records().stream().filter(r -> r.readyAt() == null).count()).isEqualTo(6);
        assertThat(auto.summary().statusCounts()).containsEntry("ready", 7L).containsEntry("creating", 3L)
                .containsEntry("error", 2L);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpusFiles")
    void should_read_every_corpus_file_with_its_format_forced(String name, InputFormat format) {
        // when
        CsvTestSupport.Outcome forced = validate(corpus(name), format);

        // then
        assertThat(forced.errors()).isEmpty();
        assertThat(forced.summary().format()).isEqualTo(format);
        assertThat(withoutLines(forced.records())).containsExactlyInAnyOrderElementsOf(expectedWallets());
    }

    @Test
    void should_keep_physical_line_numbers_in_a_header_file() {
        // when
        List<WalletRecord> records = validate(corpus("wallets_with_header.csv"), InputFormat.AUTO).records();

        // then
        assertThat(records).extracting(WalletRecord::line).containsExactly(2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L,
                12L, 13L);
    }

    @Test
    void should_read_an_ids_list() throws IOException {
        // given
        List<WalletRecord> wallets = expectedWallets();
        Path file = write("ids.txt", wallets.get(0).id() + "\n\n" + wallets.get(1).id() + "\r\n");

        // when
        CsvTestSupport.Outcome outcome = validate(file, InputFormat.AUTO);

        // then
        assertThat(outcome.summary().format()).isEqualTo(InputFormat.IDS);
        assertThat(outcome.errors()).isEmpty();
        assertThat(outcome.records()).containsExactly(WalletRecord.idOnly(1, wallets.get(0).id()),
                WalletRecord.idOnly(3, wallets.get(1).id()));
        assertThat(outcome.records()).allMatch(WalletRecord::idOnly);
    }

    @Test
    void should_read_a_header_in_another_order_with_an_extra_column_bom_crlf_and_every_null_spelling()
            throws IOException {
        // given
        List<WalletRecord> w = expectedWallets();
        WalletRecord w03 = w.stream().filter(r -> r.id().startsWith("27d1939e")).findFirst().orElseThrow();
        WalletRecord w04 = w.get(0);
        WalletRecord w09 = w.stream().filter(r -> r.id().startsWith("3b278ee3")).findFirst().orElseThrow();
        String header = "\uFEFFauth_xpubkey,note,ready_at,id,xpubkey,status,max_gap,created_at,retry_count,"
                + "last_used_address_index\r\n";
        Path file = write("mixed.csv", header
                + row(w03, "hello", "\\N") + row(w04, "x", "NULL") + row(w09, "\"a, \"\"quoted\"\" note\"", ""));

        // when
        CsvTestSupport.Outcome outcome = validate(file, InputFormat.AUTO);

        // then
        assertThat(outcome.errors()).isEmpty();
        assertThat(outcome.summary().format()).isEqualTo(InputFormat.HEADER);
        assertThat(withoutLines(outcome.records())).containsExactly(w03.atLine(0), w04.atLine(0), w09.atLine(0));
    }

    @Test
    void should_default_max_gap_and_leave_absent_columns_null() throws IOException {
        // given
        WalletRecord w01 = expectedWallets().get(1);
        Path file = write("short.csv", "id,xpubkey,auth_xpubkey\n" + w01.id() + "," + w01.xpubkey() + ","
                + w01.authXpubkey() + "\n");

        // when
        CsvTestSupport.Outcome outcome = validate(file, InputFormat.AUTO);

        // then
        assertThat(outcome.errors()).isEmpty();
        assertThat(outcome.records()).containsExactly(new WalletRecord(2, w01.id(), w01.xpubkey(), null, 20, null,
                null, null, w01.authXpubkey(), null));
    }

    @Test
    void should_read_outfile_escapes_and_keep_the_start_line_of_a_multi_line_record() throws IOException {
        // given a status with an escaped quote, backslash and newline: read exactly, then rejected as a status
        WalletRecord w = expectedWallets().get(0);
        String valid = CsvTestSupport.outfileLine(w);
        String escaped = valid.replace("\"error\"", "\"a\\\"b\\\\c\\\nd\\te\\0\\Z\"");
        Path file = write("escapes.csv", valid + "\n" + escaped + "\n" + valid.replace(",\\N,", ",\"\\N\",") + "\n");

        // when
        CsvTestSupport.Outcome outcome = validate(file, InputFormat.AUTO);

        // then
        assertThat(outcome.summary().format()).isEqualTo(InputFormat.OUTFILE);
        assertThat(outcome.summary().rows()).isEqualTo(3);
        assertThat(outcome.errors()).extracting(RowError::line, RowError::column).containsExactly(
                org.assertj.core.groups.Tuple.tuple(2L, "status"), org.assertj.core.groups.Tuple.tuple(4L, "ready_at"));
        assertThat(outcome.errors().get(0).reason()).contains("a\"b\\c?d?e??");
        assertThat(outcome.errors().get(1).reason()).contains("'\\N' is not an integer");
    }

    @Test
    void should_tokenize_outfile_escapes_exactly() throws IOException {
        // given
        Path file = write("t.csv", "\"a\\\"b\",\"c\\\\d\",\\N,\"\\N\",\"x\\\ny\",\"\\0\\b\\n\\r\\t\\Z\"\n");
        RecordTokenizer tokenizer = new RecordTokenizer(new PhysicalLineReader(Files.newInputStream(file)),
                Dialect.outfile(','));

        // when
        RecordTokenizer.RawRecord record = tokenizer.next();

        // then
        assertThat(record.problem()).isNull();
        assertThat(record.fields()).containsExactly("a\"b", "c\\d", null, "\\N", "x\ny", "\0\b\n\r\t\u001A");
        assertThat(tokenizer.next()).isNull();
    }

    @Test
    void should_tokenize_tab_escapes_exactly() throws IOException {
        // given
        Path commas = write("c.txt", "a\\,b,c\td,\\N,x\\\ny\n");
        Path tabs = write("t.txt", "a\\\tb\tc,d\t\\N\n");

        // when
        RecordTokenizer.RawRecord comma = new RecordTokenizer(new PhysicalLineReader(Files.newInputStream(commas)),
                Dialect.tab(',')).next();
        RecordTokenizer.RawRecord tab = new RecordTokenizer(new PhysicalLineReader(Files.newInputStream(tabs)),
                Dialect.tab('\t')).next();

        // then
        assertThat(comma.fields()).containsExactly("a,b", "c\td", null, "x\ny");
        assertThat(tab.fields()).containsExactly("a\tb", "c,d", null);
    }

    @Test
    void should_detect_each_format_from_the_first_line() {
        // given
        String id = "22de6a49a0eed2145cfc115a5302e8333b5194f4065bb17b243d6006e9e9bf15";

        // then
        assertThat(FormatDetector.detect("id,xpubkey").format()).isEqualTo(InputFormat.HEADER);
        assertThat(FormatDetector.detect("\"id\"\t\"xpubkey\"")).isEqualTo(
                new FormatDetector.Detected(InputFormat.HEADER, '\t'));
        assertThat(FormatDetector.detect("\"" + id + "\",\"xpub\"").format()).isEqualTo(InputFormat.OUTFILE);
        assertThat(FormatDetector.detect(id + "\txpub")).isEqualTo(new FormatDetector.Detected(InputFormat.TAB, '\t'));
        assertThat(FormatDetector.detect(id).format()).isEqualTo(InputFormat.IDS);
        assertThat(FormatDetector.detect("hello,world").format()).isEqualTo(InputFormat.AUTO);
    }

    @Test
    void should_take_the_column_order_from_a_wallet_sql_next_to_the_data() throws IOException {
        // given a dump whose table has last_used_address_index and id swapped
        WalletRecord w = expectedWallets().get(1);
        Path dir = Files.createDirectories(tmp.resolve("dump"));
        Files.writeString(dir.resolve("wallet.sql"), "CREATE TABLE `wallet` (\n  `last_used_address_index` int(11),\n"
                + "  `xpubkey` varchar(120),\n  `status` enum('a'),\n  `max_gap` smallint,\n  `created_at` int,\n"
                + "  `ready_at` int,\n  `retry_count` smallint,\n  `auth_xpubkey` varchar(120),\n  `id` varchar(64),\n"
                + "  PRIMARY KEY (`id`)\n) ENGINE=InnoDB;\n");
        Path data = dir.resolve("wallet.txt");
        Files.writeString(data, String.join(",", String.valueOf(w.lastUsedAddressIndex()), w.xpubkey(), "ready",
                "20", String.valueOf(w.createdAt()), String.valueOf(w.readyAt()), "0", w.authXpubkey(), w.id()) + "\n");

        // when
        CsvTestSupport.Outcome outcome = validate(data, InputFormat.TAB);

        // then
        assertThat(outcome.errors()).isEmpty();
        assertThat(outcome.records().get(0).atLine(0)).isEqualTo(w.atLine(0));
    }

    private static String row(WalletRecord r, String note, String readyNull) {
        return String.join(",", r.authXpubkey(), note, r.readyAt() == null ? readyNull : r.readyAt().toString(),
                r.id(), r.xpubkey(), r.status().sql(), String.valueOf(r.maxGap()), r.createdAt().toString(),
                r.retryCount().toString(), r.lastUsedAddressIndex().toString()) + "\r\n";
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(tmp.resolve(name), content, StandardCharsets.UTF_8);
    }
}

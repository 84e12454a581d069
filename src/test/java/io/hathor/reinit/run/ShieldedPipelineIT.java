package io.hathor.reinit.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hathor.reinit.db.SchemaFlavor;
import io.hathor.reinit.demo.DemoShieldedKeys;
import io.hathor.reinit.lambda.DelayedStatusHandler;
import io.hathor.reinit.lambda.DelayedStatusHandler.Fate;
import io.hathor.reinit.support.CommandRun;
import io.hathor.reinit.support.PipelineFixture;
import io.hathor.reinit.support.PipelineFixtures;
import io.hathor.reinit.support.RunbookCommands;
import io.hathor.reinit.support.TestWallets;
import io.hathor.reinit.support.TestWallets.Wallet;
import io.hathor.reinit.wallet.ShieldedKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Shielded wallets end to end on the shielded schema: export, reset, reinit, the unified status, refusals. */
class ShieldedPipelineIT {
    private static final List<Wallet> WALLETS = TestWallets.all();
    private static final Duration FAST = Duration.ofMillis(150);
    private static final String SELECT_KEYS =
            "SELECT id, HEX(scan_xpriv), spend_xpub, shielded_max_gap FROM wallet ORDER BY id";

    @TempDir
    Path dir;

    private PipelineFixture fx;
    private RunbookCommands commands;

    @RegisterExtension
    final PipelineFixtures fixtures = new PipelineFixtures();

    private PipelineFixture fixture(String name) {
        fx = fixtures.open(name, dir, SchemaFlavor.SHIELDED);
        commands = new RunbookCommands(fx);
        return fx;
    }

    /** The fixture's command with a timeout that a loaded machine cannot hit with 150 ms loads. */
    private CommandRun reinit(Path csv, String... extra) {
        List<String> args = new ArrayList<>(List.of("--timeout", "60s"));
        args.addAll(List.of(extra));
        return fx.reinit(csv, args.toArray(String[]::new));
    }

    private static ShieldedKeys keys(int seed) {
        return DemoShieldedKeys.random(new Random(seed));
    }

    /** A wallet row as the service holds it; keys null = a wallet without a shielded side (ct_status 'none'). */
    private void insert(Wallet w, String status, String ctStatus, ShieldedKeys k, int retryCount) {
        fx.exec("INSERT INTO wallet (id, xpubkey, status, max_gap, created_at, ready_at, retry_count, auth_xpubkey,"
                + " last_used_address_index, scan_xpriv, spend_xpub, shielded_max_gap, last_used_shielded_index,"
                + " ct_status) VALUES (?, ?, ?, 20, 1700000000, 1700000100, ?, ?, 4, ?, ?, ?, ?, ?)", w.id(),
                w.xpubkey(), status, retryCount, w.authXpubkey(), k == null ? null : k.scanXpriv(),
                k == null ? null : k.spendXpub(), k == null ? 20 : k.shieldedMaxGap(), k == null ? null : 3,
                ctStatus);
    }

    private List<String> rows(String sql) {
        List<String> out = new ArrayList<>();
        try (Connection c = fx.dataSource.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                StringBuilder sb = new StringBuilder();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    sb.append(i > 1 ? " | " : "").append(rs.getString(i));
                }
                out.add(sb.toString());
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    /** Every way a scan key could leak: its base58 text and its hex, in either case. */
    private static List<String> secretForms(List<ShieldedKeys> all) {
        List<String> out = new ArrayList<>();
        for (ShieldedKeys k : all) {
            String text = new String(k.scanXpriv(), StandardCharsets.US_ASCII);
            out.add(text.substring(4, 40));
            out.add(HexFormat.of().formatHex(k.scanXpriv()).substring(8, 60));
            out.add(HexFormat.of().withUpperCase().formatHex(k.scanXpriv()).substring(8, 60));
        }
        return out;
    }

    private void assertNoKeyIn(List<ShieldedKeys> all, Path except, String... outputs) throws IOException {
        List<String> texts = new ArrayList<>(List.of(outputs));
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path f : walk.filter(Files::isRegularFile).filter(f -> !f.equals(except)).toList()) {
                texts.add(f + ": " + new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
            }
        }
        texts.addAll(rows("SELECT * FROM reinit_run"));
        texts.addAll(rows("SELECT * FROM reinit_attempt"));
        for (String secret : secretForms(all)) {
            assertThat(texts).noneMatch(t -> t.contains(secret));
        }
    }

    @Test
    void should_give_back_every_key_byte_for_byte_after_export_reset_and_reinit() throws Exception {
        // given 12 ready wallets, 8 of them with shielded keys (both sides ready)
        fixture("shielded_roundtrip").serve(DelayedStatusHandler.always(fx.dataSource, FAST, FAST, Fate.READY));
        List<ShieldedKeys> all = new ArrayList<>();
        for (int i = 0; i < WALLETS.size(); i++) {
            ShieldedKeys k = i < 8 ? keys(i) : null;
            if (k != null) {
                all.add(k);
            }
            insert(WALLETS.get(i), "ready", k == null ? "none" : "ready", k, 0);
        }
        List<String> before = rows(SELECT_KEYS);
        Path export = dir.resolve("wallets.csv");
        CommandRun exported = commands.run("export", "--out", export.toString());
        fx.exec("DELETE FROM wallet");

        // when
        CommandRun run = reinit(export);

        // then
        assertThat(exported.exitCode()).as(exported.err()).isZero();
        assertThat(exported.err()).contains("SECRET:", "8 wallet(s)", "chmod 600");
        JsonNode manifest = new ObjectMapper().readTree(dir.resolve("wallets.csv.manifest.json").toFile());
        assertThat(manifest.get("walletsWithShieldedKeys").asLong()).isEqualTo(8);
        assertThat(manifest.get("shieldedKeysInFile").asBoolean()).isTrue();
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(rows(SELECT_KEYS)).isEqualTo(before);
        assertThat(fx.report().get("ready").asInt()).isEqualTo(12);
        assertThat(fx.report().get("invoked").asInt()).isEqualTo(12);
        for (Wallet w : WALLETS) {
            assertThat(fx.server().invocationCount(w.xpubkey())).isEqualTo(1);
        }
        assertThat(rows("SELECT ct_status, status, COUNT(*), COUNT(last_used_shielded_index) FROM wallet"
                + " GROUP BY ct_status, status ORDER BY ct_status")).containsExactly("none | ready | 4 | 0",
                        "ready | ready | 8 | 0");
        CommandRun verify = commands.run("verify", "--manifest", dir.resolve("wallets.csv.manifest.json").toString());
        assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
        assertThat(verify.out()).contains("8/8 wallets kept their shielded keys");
        assertNoKeyIn(all, export, exported.out(), exported.err(), run.out(), run.err(), verify.out(), verify.err());
    }

    @Test
    void should_reload_a_legacy_ready_shielded_error_wallet_and_never_invoke_a_fully_ready_one() throws Exception {
        // given: 0 legacy ready / shielded error (with its rows), 1 ready on both sides, 2 ready without keys
        fixture("shielded_rerun").serve(DelayedStatusHandler.always(fx.dataSource, FAST, FAST, Fate.READY));
        Wallet broken = WALLETS.get(0);
        insert(broken, "ready", "error", keys(100), 1);
        insert(WALLETS.get(1), "ready", "ready", keys(101), 0);
        insert(WALLETS.get(2), "ready", "none", null, 0);
        fx.exec("INSERT INTO wallet_balance (wallet_id, token_id, unlocked_balance, locked_balance, transactions)"
                + " VALUES (?, '00', 20, 0, 2)", broken.id());
        Path export = dir.resolve("wallets.csv");
        commands.run("export", "--out", export.toString());
        CommandRun statusBefore = commands.run("status");

        // when
        CommandRun run = reinit(export);

        // then
        assertThat(statusBefore.out()).contains("ready 2", "error 1", "ct_status none 1");
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(fx.server().invocationCount(broken.xpubkey())).isEqualTo(1);
        assertThat(fx.server().invocationCount(WALLETS.get(1).xpubkey())).isZero();
        assertThat(fx.server().invocationCount(WALLETS.get(2).xpubkey())).isZero();
        assertThat(fx.report().get("ready").asInt()).isEqualTo(1);
        assertThat(fx.report().get("skippedReady").asInt()).isEqualTo(2);
        assertThat(rows("SELECT status, ct_status, ready_at FROM wallet WHERE id = '" + broken.id() + "'"))
                .containsExactly("ready | ready | 1700000100");
        assertThat(fx.count("SELECT COUNT(*) FROM wallet_balance WHERE wallet_id = ?", broken.id())).isEqualTo(1);
    }

    @Test
    void should_report_a_wallet_whose_shielded_side_fails_and_load_it_on_a_rerun() throws Exception {
        // given three new wallets with keys; the shielded pass of the first fails once
        fixture("shielded_fail");
        Wallet failing = WALLETS.get(0);
        Set<String> failedOnce = ConcurrentHashMap.newKeySet();
        fx.serve(new DelayedStatusHandler(fx.dataSource, FAST, FAST,
                xpub -> xpub.equals(failing.xpubkey()) && failedOnce.add(xpub) ? Fate.SHIELDED_ERROR : Fate.READY));
        List<ShieldedKeys> all = List.of(keys(200), keys(201), keys(202));
        Path csv = keyedCsv("keyed.csv", WALLETS.subList(0, 3), all);

        // when
        CommandRun first = reinit(csv);
        String afterFirst = fx.queryString("SELECT CONCAT(status, '/', ct_status) FROM wallet WHERE id = ?",
                failing.id());
        JsonNode firstReport = fx.report();
        CommandRun second = reinit(csv);

        // then
        assertThat(first.exitCode()).as(first.out() + first.err()).isEqualTo(1);
        assertThat(firstReport.get("error").asInt()).isEqualTo(1);
        assertThat(firstReport.get("ready").asInt()).isEqualTo(2);
        assertThat(afterFirst).isEqualTo("error/error");
        assertThat(second.exitCode()).as(second.out() + second.err()).isZero();
        assertThat(fx.server().invocationCount(failing.xpubkey())).isEqualTo(2);
        assertThat(fx.server().invocationCount(WALLETS.get(1).xpubkey())).isEqualTo(1);
        assertThat(rows("SELECT DISTINCT status, ct_status FROM wallet")).containsExactly("ready | ready");
        assertNoKeyIn(all, csv, first.out(), first.err(), second.out(), second.err());
    }

    @Test
    void should_refuse_a_keyless_file_on_the_shielded_schema_before_writing_anything() {
        // given the documented 9-column export
        fixture("shielded_keyless").serve(DelayedStatusHandler.always(fx.dataSource, FAST, FAST, Fate.READY));
        Path csv = TestWallets.csv(dir, "wallets.csv", WALLETS);

        // when
        CommandRun refused = reinit(csv);
        int walletsAfterRefusal = fx.count("SELECT COUNT(*) FROM wallet");
        int invocationsAfterRefusal = fx.server().invocations().size();
        CommandRun allowed = reinit(csv, "--without-shielded-keys");

        // then
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("no shielded key columns", "12 wallet(s)", "--without-shielded-keys",
                "nothing was changed");
        assertThat(walletsAfterRefusal).isZero();
        assertThat(invocationsAfterRefusal).isZero();
        assertThat(allowed.exitCode()).as(allowed.out() + allowed.err()).isZero();
        assertThat(allowed.err()).contains("WARNING", "lose their shielded side");
        assertThat(rows("SELECT DISTINCT status, ct_status FROM wallet")).containsExactly("ready | none");
    }

    @Test
    void should_refuse_wallets_with_shielded_keys_in_the_direct_loader() {
        // given two wallets with keys and one without
        fixture("shielded_direct");
        Path csv = keyedCsv("keyed.csv", WALLETS.subList(0, 3), java.util.Arrays.asList(keys(300), keys(301), null));

        // when
        CommandRun run = reinit(csv, "--loader", "direct", "--workers", "1", "--network", "mainnet");

        // then
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
        JsonNode report = fx.report();
        assertThat(report.get("invokeFailed").asInt()).isEqualTo(2);
        assertThat(report.get("ready").asInt()).isEqualTo(1);
        assertThat(report.get("reasons").get(WALLETS.get(0).id()).asText()).contains("--loader lambda");
        assertThat(rows("SELECT status, ct_status FROM wallet ORDER BY ct_status")).containsExactlyInAnyOrder(
                "creating | creating", "creating | creating", "ready | none");
    }

    @Test
    void should_report_a_conflict_when_the_keys_differ_from_the_existing_row() {
        // given the database holds the wallet with other keys
        fixture("shielded_conflict").serve(DelayedStatusHandler.always(fx.dataSource, FAST, FAST, Fate.READY));
        insert(WALLETS.get(0), "error", "error", keys(400), 1);
        Path csv = keyedCsv("keyed.csv", WALLETS.subList(0, 1), List.of(keys(401)));

        // when
        CommandRun run = reinit(csv);

        // then
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(fx.report().get("conflicts").asInt()).isEqualTo(1);
        assertThat(fx.report().get("reasons").get(WALLETS.get(0).id()).asText()).contains("different shielded keys");
        assertThat(fx.server().invocationCount(WALLETS.get(0).xpubkey())).isZero();
    }

    @Test
    void should_fail_verify_naming_the_wallets_that_lost_their_keys() throws Exception {
        // given an export of 3 wallets with keys, then a reset and a reinit from a keyless file
        fixture("shielded_verify").serve(DelayedStatusHandler.always(fx.dataSource, FAST, FAST, Fate.READY));
        for (int i = 0; i < 3; i++) {
            insert(WALLETS.get(i), "ready", "ready", keys(500 + i), 0);
        }
        Path export = dir.resolve("wallets.csv");
        commands.run("export", "--out", export.toString());
        fx.exec("DELETE FROM wallet");
        CommandRun run = reinit(TestWallets.csv(dir, "plain.csv", WALLETS.subList(0, 3)),
                "--without-shielded-keys");

        // when
        CommandRun verify = commands.run("verify", "--manifest", dir.resolve("wallets.csv.manifest.json").toString());

        // then
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(verify.exitCode()).isEqualTo(1);
        assertThat(verify.out()).contains("3 of the 3 wallet(s) that had shielded keys in the export have none");
    }

    @Test
    void should_refuse_cleanup_when_the_export_left_the_shielded_keys_out() throws Exception {
        // given 3 wallets with keys, exported once without the keys and once with them
        fixture("shielded_cleanup").serve(DelayedStatusHandler.always(fx.dataSource, FAST, FAST, Fate.READY));
        for (int i = 0; i < 3; i++) {
            insert(WALLETS.get(i), "ready", "ready", keys(700 + i), 0);
        }
        Path keyless = dir.resolve("keyless.csv");
        Path keyed = dir.resolve("keyed.csv");
        commands.run("export", "--out", keyless.toString(), "--without-shielded-keys");
        commands.run("export", "--out", keyed.toString());

        // when
        CommandRun refused = commands.run("cleanup", "--confirm", fx.schema.name(), "--manifest",
                keyless + ".manifest.json");
        int walletsAfterRefusal = rows("SELECT id FROM wallet").size();
        CommandRun cleaned = commands.run("cleanup", "--confirm", fx.schema.name(), "--manifest",
                keyed + ".manifest.json");

        // then: the keys exist only in the wallet rows, so only the export that carries them may let cleanup run
        assertThat(refused.exitCode()).as(refused.out() + refused.err()).isEqualTo(1);
        assertThat(refused.err()).contains("3 wallet(s)", "hold shielded keys");
        assertThat(walletsAfterRefusal).isEqualTo(3);
        assertThat(cleaned.exitCode()).as(cleaned.out() + cleaned.err()).isZero();
        assertThat(rows("SELECT id FROM wallet")).isEmpty();
    }

    /** A header file with the shielded columns: keys.get(i) for wallets.get(i), null = none. */
    private Path keyedCsv(String name, List<Wallet> wallets, List<ShieldedKeys> keys) {
        StringBuilder sb = new StringBuilder("id,xpubkey,max_gap,created_at,auth_xpubkey,scan_xpriv_hex,spend_xpub,"
                + "shielded_max_gap\n");
        for (int i = 0; i < wallets.size(); i++) {
            Wallet w = wallets.get(i);
            ShieldedKeys k = keys.get(i);
            sb.append(String.join(",", w.id(), w.xpubkey(), "20", "1700000000", w.authXpubkey(),
                    k == null ? "\\N" : HexFormat.of().formatHex(k.scanXpriv()), k == null ? "\\N" : k.spendXpub(),
                    k == null ? "\\N" : "20")).append('\n');
        }
        try {
            return Files.writeString(dir.resolve(name), sb.toString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

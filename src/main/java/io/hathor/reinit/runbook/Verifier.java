package io.hathor.reinit.runbook;

import io.hathor.reinit.db.Database;
import io.hathor.reinit.db.TableStats;
import io.hathor.reinit.db.WalletRepository;
import io.hathor.reinit.csv.ValidationSummary;
import io.hathor.reinit.wallet.Hashes;
import io.hathor.reinit.csv.WalletRecord;
import io.hathor.reinit.wallet.WalletRow;
import io.hathor.reinit.wallet.WalletStatus;
import io.hathor.reinit.config.ExitStatus;
import io.hathor.reinit.config.ReinitException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code reinit verify}: every wallet of the export ready, and the row counts of the manifest reached. */
public final class Verifier {
    public static final String FILE = "export file";
    public static final String WALLETS = "wallets of the export";
    public static final String CLAIMED = "claimed addresses";
    public static final String BALANCES = "wallet_balance rows";
    public static final String HISTORY = "wallet_tx_history rows";
    public static final String KEYS = "shielded keys";
    static final int PROBLEMS_SHOWN = 50;

    private Verifier() {}

    /**
     * @param manifest the export's manifest
     * @param csv the export to read instead of the file the manifest names, or null
     */
    public record Options(Path manifest, Path csv) {}

    public static VerifyReport run(Database database, Options options) {
        ExportManifest manifest = ExportManifest.read(options.manifest());
        List<CheckResult> results = new ArrayList<>();
        Path file = options.csv() != null ? options.csv() : Path.of(manifest.file());
        if (!Files.isRegularFile(file)) {
            throw new ReinitException(ExitStatus.USAGE, "cannot read the export " + file
                    + (options.csv() == null ? " named in " + options.manifest() + " (pass --csv FILE)" : ""));
        }
        if (options.csv() == null) {
            String sha = sha256(file);
            results.add(sha.equals(manifest.sha256())
                    ? CheckResult.pass(FILE, file + " matches the manifest's sha256")
                    : CheckResult.fail(FILE, file + " changed since the export: sha256 " + sha + ", manifest "
                            + manifest.sha256()));
        }
        WalletRepository wallets = new WalletRepository(database);
        List<VerifyReport.WalletProblem> problems = new ArrayList<>();
        long[] n = new long[3]; // total, not ready, missing
        long[] keys = new long[3]; // with keys in the file, of those without their keys now, export wallets with keys now
        ValidationSummary summary = ExportIds.forEachRecordChunk(file, records -> {
            Map<String, WalletRow> rows = wallets.rows(records.stream().map(WalletRecord::id).toList());
            for (WalletRecord r : records) {
                String id = r.id();
                n[0]++;
                WalletRow row = rows.get(id);
                if (row != null && row.keys() != null) {
                    keys[2]++;
                }
                if (r.keys() != null) {
                    keys[0]++;
                    if (row == null || !r.keys().sameKeys(row.keys())) {
                        keys[1]++;
                    }
                }
                WalletStatus s = row == null ? null : row.status();
                if (s == WalletStatus.READY) {
                    continue;
                }
                n[1]++;
                if (s == null) {
                    n[2]++;
                }
                if (problems.size() < PROBLEMS_SHOWN) {
                    problems.add(new VerifyReport.WalletProblem(id, s == null ? "missing" : s.sql()));
                }
            }
        });
        if (summary.invalid() > 0) {
            results.add(CheckResult.warn(FILE, summary.invalid() + " invalid row(s) in " + file + " not checked"));
        }
        if (n[0] != manifest.rows()) {
            results.add(CheckResult.warn(FILE, file + " holds " + n[0] + " wallets, the manifest " + manifest.rows()));
        }
        results.add(n[1] == 0
                ? CheckResult.pass(WALLETS, n[0] + "/" + n[0] + " ready")
                : CheckResult.fail(WALLETS, n[1] + " of " + n[0] + " not ready (" + n[2] + " missing)"));
        CheckResult keyCheck = keys(manifest, summary.keyColumns(), keys);
        if (keyCheck != null) {
            results.add(keyCheck);
        }
        TableStats.WalletRows now = new TableStats(database).walletRows();
        String explained = n[1] == 0 ? "no wallet of the export explains it"
                : "explained by the " + n[1] + " wallet(s) not ready";
        results.add(compare(CLAIMED, now.claimedAddresses(), manifest.claimedAddresses(), explained));
        results.add(compare(BALANCES, now.walletBalance(), manifest.walletBalanceRows(), explained));
        results.add(compare(HISTORY, now.walletTxHistory(), manifest.walletTxHistoryRows(), explained));
        return new VerifyReport(results, n[0], n[1], n[2], problems);
    }

    /**
     * Wallets that had shielded keys at export time and have none (or others) now: per wallet when the file carries
     * the keys, else against the manifest's count. Null when the export had no keys.
     */
    private static CheckResult keys(ExportManifest manifest, boolean keysInFile, long[] keys) {
        long exported = keysInFile ? keys[0]
                : manifest.walletsWithShieldedKeys() == null ? 0 : manifest.walletsWithShieldedKeys();
        if (exported == 0) {
            return null;
        }
        long lost = keysInFile ? keys[1] : Math.max(0, exported - keys[2]);
        return lost == 0
                ? CheckResult.pass(KEYS, exported + "/" + exported + " wallets kept their shielded keys")
                : CheckResult.fail(KEYS, lost + " of the " + exported + " wallet(s) that had shielded keys in the"
                        + " export have " + (keysInFile ? "none or other keys" : "none") + " now: their shielded"
                        + " side is lost until the keys are restored");
    }

    private static CheckResult compare(String name, long now, long then, String explained) {
        if (now == then) {
            return CheckResult.pass(name, now + " (as exported)");
        }
        if (now > then) {
            return CheckResult.warn(name, now + ", " + (now - then) + " more than exported (activity since)");
        }
        return CheckResult.fail(name, now + ", " + (then - now) + " fewer than the " + then + " exported; "
                + explained);
    }

    static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return Hashes.hex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new ReinitException(ExitStatus.USAGE, "cannot read " + file + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

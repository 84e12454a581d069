package io.hathor.reinit.runbook;

import io.hathor.reinit.db.TableStats;
import io.hathor.reinit.db.WalletRepository;
import io.hathor.reinit.csv.ValidationSummary;
import io.hathor.reinit.wallet.Hashes;
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
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** {@code reinit verify}: every wallet of the export ready, and the row counts of the manifest reached. */
public final class Verifier {
    public static final String FILE = "export file";
    public static final String WALLETS = "wallets of the export";
    public static final String CLAIMED = "claimed addresses";
    public static final String BALANCES = "wallet_balance rows";
    public static final String HISTORY = "wallet_tx_history rows";
    static final int PROBLEMS_SHOWN = 50;

    private Verifier() {}

    /**
     * @param manifest the export's manifest
     * @param csv the export to read instead of the file the manifest names, or null
     */
    public record Options(Path manifest, Path csv) {}

    public static VerifyReport run(DataSource dataSource, Options options) throws SQLException {
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
        WalletRepository wallets = new WalletRepository(dataSource);
        List<VerifyReport.WalletProblem> problems = new ArrayList<>();
        long[] n = new long[3]; // total, not ready, missing
        ValidationSummary summary = ExportIds.forEachChunk(file, ids -> {
            Map<String, WalletStatus> statuses = wallets.statuses(ids);
            for (String id : ids) {
                n[0]++;
                WalletStatus s = statuses.get(id);
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
        TableStats.WalletRows now = new TableStats(dataSource).walletRows();
        String explained = n[1] == 0 ? "no wallet of the export explains it"
                : "explained by the " + n[1] + " wallet(s) not ready";
        results.add(compare(CLAIMED, now.claimedAddresses(), manifest.claimedAddresses(), explained));
        results.add(compare(BALANCES, now.walletBalance(), manifest.walletBalanceRows(), explained));
        results.add(compare(HISTORY, now.walletTxHistory(), manifest.walletTxHistoryRows(), explained));
        return new VerifyReport(results, n[0], n[1], n[2], problems);
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

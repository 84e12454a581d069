package io.hathor.reinit.runbook;

import io.hathor.reinit.config.ExitStatus;
import io.hathor.reinit.config.InputFormat;
import io.hathor.reinit.config.ReinitException;
import io.hathor.reinit.csv.ValidationSummary;
import io.hathor.reinit.csv.WalletFileValidator;
import io.hathor.reinit.db.Database;
import io.hathor.reinit.db.RunLock;
import io.hathor.reinit.db.SchemaCatalog;
import io.hathor.reinit.db.ServerInspection;
import io.hathor.reinit.db.TableCleaner;
import io.hathor.reinit.db.TableStats;
import io.hathor.reinit.db.WalletRepository;
import io.hathor.reinit.wallet.ShieldedKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code reinit cleanup}: empties the wallet-service tables (the wallet-service README's reset list plus
 * token_creation and shielded_tx_output_data) with foreign key checks off; SequelizeMeta and the journal stay.
 */
public final class Cleanup {
    private Cleanup() {}

    /**
     * What cleanup would empty.
     *
     * @param database the current schema
     * @param rowsBefore existing tables of the list → row count
     * @param absent tables of the list this schema does not have
     */
    public record Plan(String database, Map<String, Long> rowsBefore, List<String> absent) {}

    /** Wallet ids named in a refusal. */
    static final int IDS_SHOWN = 20;

    public static Plan plan(Database database) {
        Map<String, Long> rows = new TableCleaner(database).plan();
        List<String> absent = new ArrayList<>(SchemaCatalog.CLEANUP_TABLES);
        absent.removeAll(rows.keySet());
        return new Plan(new ServerInspection(database).currentSchema(), rows, absent);
    }

    /** Refuses (exit 2) unless {@code confirm} is the database's name. */
    public static void requireConfirmation(Plan plan, String confirm) {
        if (confirm == null) {
            throw new ReinitException(ExitStatus.USAGE, "refusing to empty " + plan.rowsBefore().size()
                    + " tables of " + plan.database() + ": pass --confirm " + plan.database() + " (or --dry-run)");
        }
        if (!confirm.equals(plan.database())) {
            throw new ReinitException(ExitStatus.USAGE, "refusing: --confirm '" + confirm
                    + "' is not the database name '" + plan.database() + "'");
        }
    }

    /**
     * Refuses to empty a wallet table that has rows unless the export a manifest describes covers every wallet now
     * in the database with the same xpubkey. Without a manifest: exit 2. Exit 1 when the manifest names another
     * server (host, port, schema), when its export file changed since (sha256), when a wallet of the database is
     * not in the export or has another xpubkey there (the first {@link #IDS_SHOWN} ids and the count are named), or
     * when the export file is gone and the database's wallets do not give the manifest's {@code walletDigest}.
     * Call it while holding the run lock, so no run inserts wallets between the check and the TRUNCATEs.
     */
    public static void requireExport(Database database, Plan plan, ExportManifest manifest, Path manifestPath,
            ServerIdentity target) {
        long wallets = plan.rowsBefore().getOrDefault("wallet", 0L);
        if (wallets == 0) {
            return;
        }
        if (manifest == null) {
            throw new ReinitException(ExitStatus.USAGE, "refusing: the wallet table of " + plan.database() + " has "
                    + wallets + " rows and no export manifest was given; run 'reinit export --out FILE' and pass"
                    + " --manifest FILE.manifest.json");
        }
        ServerIdentity source = manifest.server() != null ? manifest.server()
                : ServerIdentity.fromUrl(manifest.database());
        if (source == null || !source.equals(target)) {
            throw refusal(manifestPath + " is an export of " + (source == null ? "an unnamed database" : source)
                    + ", not of " + target + "; export this database first");
        }
        long withKeys = new TableStats(database).walletsWithShieldedKeys();
        if (withKeys > 0 && !manifest.shieldedKeysInFile()) {
            // Private scan keys live only in the wallet row: an export without them cannot bring them back.
            throw refusal(withKeys + " wallet(s) of " + plan.database() + " hold shielded keys that the export of "
                    + manifestPath + " does not carry; export again with 'reinit export' (keys included)");
        }
        Path file = exportFile(manifest, manifestPath);
        if (file != null) {
            String sha = Verifier.sha256(file);
            if (!sha.equals(manifest.sha256())) {
                throw refusal("the export " + file + " changed since " + manifestPath + " was written (sha256 "
                        + sha + ", manifest " + manifest.sha256() + "); export again");
            }
            requireCovered(new WalletRepository(database), file);
        } else if (manifest.walletDigest() != null) {
            WalletDigest now = new WalletDigest();
            new WalletRepository(database).forEachWallet(row -> now.add(row.id(), row.xpubkey()));
            if (now.wallets() != manifest.rows() || !now.hex().equals(manifest.walletDigest())) {
                throw refusal("the export file " + manifest.file() + " is missing and the " + now.wallets()
                        + " wallets of " + plan.database() + " are not the " + manifest.rows() + " of "
                        + manifestPath + " (wallet digest differs); put the export beside the manifest to see which,"
                        + " or export again");
            }
        } else {
            throw refusal("the export file " + manifest.file() + " named in " + manifestPath
                    + " is missing and the manifest has no wallet digest; export again");
        }
    }

    /** Every wallet of the database is in {@code file} with the same xpubkey and, when it has them, the same keys. */
    private static void requireCovered(WalletRepository wallets, Path file) {
        Map<String, String> exported = new HashMap<>();
        Map<String, ShieldedKeys> exportedKeys = new HashMap<>();
        ValidationSummary summary = WalletFileValidator.validate(file, InputFormat.AUTO, record -> {
            exported.put(record.id(), record.xpubkey());
            if (record.keys() != null) {
                exportedKeys.put(record.id(), record.keys());
            }
        }, error -> {});
        List<String> missing = new ArrayList<>();
        List<String> otherKey = new ArrayList<>();
        long[] counts = new long[2];
        wallets.forEachWallet(row -> {
            String xpubkey = exported.get(row.id());
            if (xpubkey == null) {
                counts[0]++;
                if (missing.size() < IDS_SHOWN) {
                    missing.add(row.id());
                }
            } else if (!xpubkey.equals(row.xpubkey())
                    || row.keys() != null && !row.keys().sameKeys(exportedKeys.get(row.id()))) {
                counts[1]++;
                if (otherKey.size() < IDS_SHOWN) {
                    otherKey.add(row.id());
                }
            }
        });
        if (counts[0] == 0 && counts[1] == 0) {
            return;
        }
        List<String> parts = new ArrayList<>();
        if (counts[0] > 0) {
            parts.add(counts[0] + " wallet(s) of the database are not in the export " + file + ids(missing, counts[0]));
        }
        if (counts[1] > 0) {
            parts.add(counts[1] + " wallet(s) have another xpubkey in the export (or other shielded keys)"
                    + ids(otherKey, counts[1]));
        }
        String invalid = summary.invalid() > 0 ? " (" + summary.invalid() + " row(s) of the export are invalid)" : "";
        throw refusal(String.join("; ", parts) + invalid + "; export again");
    }

    private static String ids(List<String> shown, long total) {
        return (total > shown.size() ? ": first " + shown.size() + ": " : ": ") + String.join(", ", shown);
    }

    /** The export file the manifest names, else the file of that name beside the manifest; null when neither exists. */
    private static Path exportFile(ExportManifest manifest, Path manifestPath) {
        Path named = Path.of(manifest.file());
        if (Files.isRegularFile(named)) {
            return named;
        }
        Path parent = manifestPath.toAbsolutePath().getParent();
        Path beside = parent == null ? null : parent.resolve(named.getFileName());
        return beside != null && Files.isRegularFile(beside) ? beside : null;
    }

    private static ReinitException refusal(String reason) {
        return new ReinitException(ExitStatus.FAILED, "refusing, nothing deleted: " + reason);
    }

    /** Empties the plan's tables in one session, while {@code lock} keeps every run out. */
    public static void execute(Database database, Plan plan, String confirm, RunLock lock) {
        requireConfirmation(plan, confirm);
        if (!lock.name().equals(RunLock.nameFor(plan.database()))) {
            throw new IllegalArgumentException("the run lock " + lock.name() + " is not the one of " + plan.database());
        }
        new TableCleaner(database).truncate(List.copyOf(plan.rowsBefore().keySet()));
    }
}

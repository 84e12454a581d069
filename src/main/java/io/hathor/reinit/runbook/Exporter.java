package io.hathor.reinit.runbook;

import io.hathor.reinit.config.JdbcUrls;
import io.hathor.reinit.csv.OutfileWriter;
import io.hathor.reinit.db.Database;
import io.hathor.reinit.db.SchemaFlavor;
import io.hathor.reinit.db.SchemaInspector;
import io.hathor.reinit.db.TableStats;
import io.hathor.reinit.db.WalletRepository;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code reinit export}: streams the wallet table into the documented OUTFILE format (constant memory) and writes
 * the manifest beside it. On the shielded schema the file also carries the shielded key columns (with a header
 * line), unless they are left out on purpose; walletsByStatus counts the unified status.
 */
public final class Exporter {
    private Exporter() {}

    /**
     * @param out export file
     * @param header write a header line first
     * @param database the source's JDBC URL for the manifest (credentials are removed)
     * @param withoutShieldedKeys leave the shielded key columns out on purpose (the documented 9 columns only)
     */
    public record Options(Path out, boolean header, String database, boolean withoutShieldedKeys) {
        public Options(Path out, boolean header, String database) {
            this(out, header, database, false);
        }
    }

    /** Told the expected total once, then the rows written so far every {@link #STEP} rows and at the end. */
    public interface Progress {
        Progress NONE = new Progress() {};

        default void start(long expectedRows) {}

        default void rows(long written) {}
    }

    /** Rows between two progress calls. */
    public static final int STEP = 1000;

    public static ExportManifest run(Database database, Options options, Progress progress, Clock clock) {
        SchemaFlavor schema = SchemaInspector.flavor(database);
        String flavor = schema.name();
        boolean keysInFile = schema == SchemaFlavor.SHIELDED && !options.withoutShieldedKeys();
        long[] withKeys = new long[1];
        progress.start(countWallets(database));
        Map<String, Long> byStatus = new LinkedHashMap<>();
        byStatus.put("creating", 0L);
        byStatus.put("ready", 0L);
        byStatus.put("error", 0L);
        long rows;
        String sha256;
        WalletDigest digest = new WalletDigest();
        try (OutfileWriter writer = new OutfileWriter(options.out(), options.header(), keysInFile)) {
            new WalletRepository(database).forEachWallet(row -> {
                writer.write(row);
                digest.add(row.id(), row.xpubkey());
                if (row.keys() != null) {
                    withKeys[0]++;
                }
                byStatus.merge(row.status() == null ? "unknown" : row.status().sql(), 1L, Long::sum);
                if (writer.rows() % STEP == 0) {
                    progress.rows(writer.rows());
                }
            });
            rows = writer.rows();
            writer.close();
            sha256 = writer.sha256();
        }
        progress.rows(rows);
        TableStats.WalletRows counts = new TableStats(database).walletRows();
        ExportManifest manifest = new ExportManifest(ExportManifest.FORMAT, options.out().toAbsolutePath().toString(),
                options.header() || keysInFile, rows, sha256, byStatus, counts.claimedAddresses(),
                counts.walletBalance(), counts.walletTxHistory(), clock.instant().toString(), flavor,
                withoutCredentials(options.database()), ServerIdentity.fromUrl(options.database()), digest.hex(),
                schema == SchemaFlavor.SHIELDED ? withKeys[0] : null, keysInFile);
        manifest.write(ExportManifest.pathFor(options.out()));
        return manifest;
    }

    /** The URL without user info, without user/password parameters and with secret parameters redacted. */
    static String withoutCredentials(String url) {
        if (url == null) {
            return null;
        }
        String s = JdbcUrls.redacted(url).replaceFirst("//[^/@?]*@", "//");
        int q = s.indexOf('?');
        if (q < 0) {
            return s;
        }
        String kept = java.util.Arrays.stream(s.substring(q + 1).split("&"))
                .filter(p -> !p.toLowerCase(java.util.Locale.ROOT).matches("(password|user)=.*"))
                .collect(java.util.stream.Collectors.joining("&"));
        return kept.isEmpty() ? s.substring(0, q) : s.substring(0, q + 1) + kept;
    }

    private static long countWallets(Database database) {
        return new TableStats(database).walletsByStatus().values().stream().mapToLong(Long::longValue).sum();
    }
}

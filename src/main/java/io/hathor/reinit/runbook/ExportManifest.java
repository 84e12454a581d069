package io.hathor.reinit.runbook;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.hathor.reinit.config.ExitStatus;
import io.hathor.reinit.config.ReinitException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code FILE.manifest.json}, written beside an export: what the database held when the file was written.
 *
 * @param file absolute path of the export file
 * @param header whether the file starts with a header line
 * @param rows wallet rows in the file
 * @param sha256 hex sha256 of the file's bytes
 * @param walletsByStatus wallet.status → rows in the file
 * @param claimedAddresses address rows with a wallet_id at export time
 * @param walletBalanceRows wallet_balance rows at export time
 * @param walletTxHistoryRows wallet_tx_history rows at export time
 * @param createdAt ISO-8601 UTC time the export finished
 * @param schemaFlavor LEGACY or SHIELDED
 * @param database JDBC URL of the source database, without credentials
 * @param server host, port and schema of the source database; cleanup refuses another database
 * @param walletDigest {@link WalletDigest} of the exported (id, xpubkey) pairs, so that cleanup can check a database
 *     against a manifest whose export file is gone
 * @param walletsWithShieldedKeys wallets holding shielded keys (scan_xpriv) at export time; null for older manifests
 * @param shieldedKeysInFile whether the file carries those keys (false with --without-shielded-keys)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ExportManifest(String format, String file, boolean header, long rows, String sha256,
        Map<String, Long> walletsByStatus, long claimedAddresses, long walletBalanceRows, long walletTxHistoryRows,
        String createdAt, String schemaFlavor, String database, ServerIdentity server, String walletDigest,
        Long walletsWithShieldedKeys, boolean shieldedKeysInFile) {

    public static final String FORMAT = "reinit-export-manifest/1";
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The manifest path of an export file: the same name plus {@code .manifest.json}. */
    public static Path pathFor(Path exportFile) {
        return exportFile.resolveSibling(exportFile.getFileName() + ".manifest.json");
    }

    public void write(Path to) {
        try {
            JSON.writeValue(to.toFile(), this);
        } catch (IOException e) {
            throw new ReinitException(ExitStatus.USAGE, "cannot write " + to + ": " + e.getMessage(), e);
        }
    }

    public static ExportManifest read(Path from) {
        try {
            ExportManifest m = JSON.readValue(from.toFile(), ExportManifest.class);
            if (m.file() == null || m.walletsByStatus() == null) {
                throw new ReinitException(ExitStatus.USAGE, from + " is not an export manifest (no file or"
                        + " walletsByStatus)");
            }
            return m;
        } catch (IOException e) {
            throw new ReinitException(ExitStatus.USAGE, "cannot read manifest " + from + ": "
                    + Checks.oneLine(e), e);
        }
    }
}

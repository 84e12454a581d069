package io.hathor.reinit.run;

import io.hathor.reinit.config.ExitStatus;
import io.hathor.reinit.config.ReinitException;
import io.hathor.reinit.csv.WalletRecord;
import io.hathor.reinit.db.DatabaseException;
import io.hathor.reinit.db.SchemaFlavor;
import io.hathor.reinit.db.WalletRepository;
import java.util.ArrayList;
import java.util.List;

/**
 * Before anything is written: refuses a file that would bring wallets back without their shielded keys (a file
 * without key columns on the shielded schema), or with keys the legacy schema cannot hold. Wallets already in the
 * database keep their keys, so only wallets the run would insert count.
 */
public final class ShieldedKeysGuard {
    static final String FLAG = "--without-shielded-keys";
    private static final int CHUNK = 1_000;

    private ShieldedKeysGuard() {}

    /**
     * @param withoutKeys the operator accepts that those wallets lose their shielded side
     * @return a warning to print when the run goes on without keys, else null
     * @throws ReinitException (exit 2) when keys would be lost and {@code withoutKeys} is false
     */
    public static String check(RunInput input, WalletRepository wallets, boolean withoutKeys) {
        try {
            return checkOrThrow(input, wallets, withoutKeys);
        } catch (DatabaseException e) {
            throw new ReinitException(ExitStatus.USAGE, "cannot read the wallet table: " + e.getMessage(), e);
        }
    }

    private static String checkOrThrow(RunInput input, WalletRepository wallets, boolean withoutKeys) {
        SchemaFlavor flavor = wallets.flavor();
        String file = input.file().toString();
        String problem = null;
        if (flavor == SchemaFlavor.SHIELDED && !input.summary().keyColumns()) {
            long absent = absent(input.wallets(), wallets);
            if (absent > 0) {
                problem = "the database has the shielded schema but " + file + " has no shielded key columns"
                        + " (scan_xpriv, spend_xpub): " + absent + " wallet(s) would be inserted without keys and"
                        + " lose their shielded side for good (use the export of `reinit export`, which carries"
                        + " them";
            }
        } else if (flavor == SchemaFlavor.LEGACY && input.summary().withKeys() > 0) {
            problem = file + " holds shielded keys for " + input.summary().withKeys() + " wallet(s) but the"
                    + " database has the legacy schema (no wallet.scan_xpriv): they cannot be restored (migrate the"
                    + " database first";
        }
        if (problem == null) {
            return null;
        }
        if (!withoutKeys) {
            throw ReinitException.configuration("refusing: " + problem + "; or pass " + FLAG
                    + " to go on without them); nothing was changed");
        }
        return "WARNING: " + problem + "); going on because of " + FLAG;
    }

    /** Wallets of the file that the run would insert, a chunk at a time. */
    private static long absent(ValidatedWallets input, WalletRepository wallets) {
        long[] absent = {0};
        input.forEachChunk(CHUNK, chunk -> {
            List<String> ids = new ArrayList<>();
            for (WalletRecord r : chunk) {
                if (!r.idOnly()) {
                    ids.add(r.id());
                }
            }
            absent[0] += ids.isEmpty() ? 0 : ids.size() - wallets.rows(ids).size();
        });
        return absent[0];
    }
}

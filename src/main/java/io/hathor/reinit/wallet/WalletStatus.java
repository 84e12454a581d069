package io.hathor.reinit.wallet;

import java.util.Locale;

/** Values of {@code wallet.status}. */
public enum WalletStatus {
    CREATING,
    READY,
    ERROR;

    public String sql() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the column value; returns null for anything else so callers can report it. */
    public static WalletStatus fromSql(String value) {
        if (value == null) {
            return null;
        }
        return switch (value) {
            case "creating" -> CREATING;
            case "ready" -> READY;
            case "error" -> ERROR;
            default -> null;
        };
    }
}

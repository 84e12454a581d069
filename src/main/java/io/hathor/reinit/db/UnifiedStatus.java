package io.hathor.reinit.db;

/**
 * The wallet-service's unified wallet status in SQL, so every decision reads it the same way: with ct_status 'none'
 * it is status; otherwise error when either side is error, creating when either side is creating, else ready. On
 * the legacy schema (no ct_status) it is status.
 */
final class UnifiedStatus {
    static final String SHIELDED_EXPRESSION = """
            CASE WHEN ct_status = 'none' THEN status
                 WHEN status = 'error' OR ct_status = 'error' THEN 'error'
                 WHEN status = 'creating' OR ct_status = 'creating' THEN 'creating'
                 ELSE 'ready' END""";

    private UnifiedStatus() {}

    static String expression(SchemaFlavor flavor) {
        return flavor == SchemaFlavor.SHIELDED ? SHIELDED_EXPRESSION : "status";
    }
}

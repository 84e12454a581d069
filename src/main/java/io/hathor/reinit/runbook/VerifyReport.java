package io.hathor.reinit.runbook;

import java.util.List;

/**
 * {@code reinit verify}: the database against an export's manifest.
 *
 * @param results one line per comparison
 * @param wallets wallets of the export file
 * @param notReady wallets of the export that are not ready (listed in {@code problems}, up to 50)
 * @param missing wallets of the export absent from the database
 * @param problems the first wallets that are not ready or missing: they explain shortfalls
 */
public record VerifyReport(List<CheckResult> results, long wallets, long notReady, long missing,
        List<WalletProblem> problems) {

    /** A wallet of the export that is not ready; status "missing" when its row is absent. */
    public record WalletProblem(String id, String status) {}

    public boolean passed() {
        return results.stream().noneMatch(r -> r.level() == CheckResult.Level.FAIL);
    }
}

package io.hathor.reinit.schedule;

import io.hathor.reinit.wallet.WalletStatus;
import java.util.List;
import java.util.Map;

/** Reads the current {@code wallet.status} of many wallets at once (one query per ≤ 1,000 ids). */
@FunctionalInterface
public interface StatusSource {
    Map<String, WalletStatus> statuses(List<String> walletIds) throws Exception;
}

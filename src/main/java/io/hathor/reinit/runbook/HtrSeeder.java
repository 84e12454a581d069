package io.hathor.reinit.runbook;

import io.hathor.reinit.db.Database;
import io.hathor.reinit.db.TokenRepository;

/**
 * {@code reinit seed-htr}: inserts the HTR token row when absent, as the wallet-service seeder does:
 * transactions = distinct txs with an HTR output, version 0 when the column exists.
 */
public final class HtrSeeder {
    private HtrSeeder() {}

    /**
     * @param inserted true when the row was inserted, false when it was already there
     * @param transactions the row's transactions count
     * @param withVersion whether token.version exists (and was set to 0 on insert)
     */
    public record Result(boolean inserted, long transactions, boolean withVersion) {}

    public static Result run(Database database) {
        TokenRepository.Seeded seeded = new TokenRepository(database).seedHtr();
        return new Result(seeded.inserted(), seeded.transactions(), seeded.withVersion());
    }
}

package io.hathor.reinit.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.hathor.reinit.support.CommandRun;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CI smoke test of the quick start: the demo end to end, both loaders, through the real command line. */
class DemoCommandIT {
    private static final String[] TABLES = {"address (ownership)", "wallet_balance", "wallet_tx_history", "wallet"};

    @TempDir
    Path dir;

    @Test
    void should_reinitialize_every_wallet_through_the_local_lambda() {
        // given / when
        CommandRun run = CommandRun.demo("--wallets", "30", "--log-dir", dir.resolve("logs").toString());
        // then
        assertPassed(run);
        assertThat(run.out()).contains("loader lambda").contains("READY:          30");
    }

    @Test
    void should_reinitialize_every_wallet_in_process() {
        // given / when
        CommandRun run = CommandRun.demo("--wallets", "30", "--loader", "direct", "--log-dir",
                dir.resolve("logs").toString());
        // then
        assertPassed(run);
        assertThat(run.out()).contains("loader direct").contains("READY:          30");
    }

    @Test
    void should_carry_every_shielded_key_over_byte_for_byte_on_the_shielded_schema() {
        // given / when
        CommandRun run = CommandRun.demo("--wallets", "30", "--shielded", "--log-dir",
                dir.resolve("logs").toString());
        // then every third wallet had keys; the keys table compares HEX(scan_xpriv), spend_xpub and ct_status
        assertPassed(run);
        assertThat(run.out()).contains("10 wallets with shielded keys", "READY:          30");
        assertThat(run.out()).containsPattern("(?m)^  wallet \\(shielded keys\\) +30 +30 +\\d+  MATCH$");
    }

    private static void assertPassed(CommandRun run) {
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("Verification: derived tables before the reset vs after the re-initialization");
        for (String table : TABLES) {
            assertThat(run.out()).containsPattern("(?m)^  " + java.util.regex.Pattern.quote(table)
                    + " +[1-9]\\d* +\\d+ +\\d+  MATCH$");
        }
        assertThat(run.out()).doesNotContain("DIFFER").contains("Demo PASSED");
    }
}

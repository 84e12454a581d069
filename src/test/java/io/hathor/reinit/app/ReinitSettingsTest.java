package io.hathor.reinit.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hathor.reinit.config.DatabaseSettings;
import io.hathor.reinit.config.ExitStatus;
import io.hathor.reinit.config.LambdaSettings;
import io.hathor.reinit.config.ReinitException;
import io.hathor.reinit.config.RunSettings;
import io.hathor.reinit.wallet.Network;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ReinitSettingsTest {
    private static ReinitSettings.Builder valid() {
        return ReinitSettings.builder().csv(Path.of("wallets.csv"))
                .database(poolSize -> new DatabaseSettings("jdbc:mysql://db:3306/wallets", "u", "p", null, poolSize))
                .lambda(() -> new LambdaSettings("svc-dev-loadWalletAsync", "eu-central-1", null));
    }

    @Test
    void should_seal_the_command_line_defaults() {
        // when
        ReinitSettings settings = valid().build();
        // then
        assertThat(settings.run().batchSize()).isEqualTo(50);
        assertThat(settings.run().schedule()).isEqualTo(RunSettings.Schedule.WINDOW);
        assertThat(settings.run().order()).isEqualTo(RunSettings.Order.HEAVIEST_FIRST);
        assertThat(settings.dbOutageTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(settings.network()).isEqualTo(Network.parse("mainnet"));
        assertThat(settings.lambda().functionName()).isEqualTo("svc-dev-loadWalletAsync");
    }

    @Test
    void should_size_the_pool_for_the_plan() {
        // when
        ReinitSettings lambda = valid().batchSize(10).build();
        ReinitSettings direct = valid().loader(RunSettings.LoaderKind.DIRECT).workers(3).build();
        // then: the Lambda window plus 4, the workers plus 2
        assertThat(lambda.database().poolSize()).isEqualTo(14);
        assertThat(direct.database().poolSize()).isEqualTo(5);
        assertThat(direct.lambda()).isNull();
    }

    @Test
    void should_name_every_flag_at_fault_in_one_message() {
        // when / then
        assertThatThrownBy(() -> valid().batchSize(0).timeout(Duration.ZERO).maxGap(1001).build())
                .isInstanceOf(ReinitException.class)
                .hasMessageContaining("--batch-size must be at least 1 (got 0)")
                .hasMessageContaining("--timeout must be a positive duration")
                .hasMessageContaining("--max-gap must be between 1 and 1000 (got 1001)")
                .satisfies(e -> assertThat(((ReinitException) e).status()).isEqualTo(ExitStatus.USAGE));
    }

    @Test
    void should_check_the_run_only_flags_and_name_the_variable_of_the_network() {
        assertThatThrownBy(() -> valid().workers(0).build()).hasMessageContaining("--workers must be at least 1");
        assertThatThrownBy(() -> valid().maxErrorRate(1.5).build()).hasMessageContaining("--max-error-rate");
        assertThatThrownBy(() -> valid().dbOutageTimeout(Duration.ofSeconds(-1)).build())
                .hasMessageContaining("--db-outage-timeout must not be negative");
        assertThatThrownBy(() -> valid().network("moonnet").build()).hasMessageContaining("(--network or NETWORK)");
    }

    @Test
    void should_not_ask_for_database_or_lambda_settings_when_the_run_values_are_invalid() {
        // given
        AtomicInteger asked = new AtomicInteger();
        ReinitSettings.Builder builder = valid().batchSize(-1).database(poolSize -> {
            asked.incrementAndGet();
            throw ReinitException.configuration("no database given: set DB_ENDPOINT (or pass --db-url)");
        });
        // when / then
        assertThatThrownBy(builder::build).hasMessageContaining("--batch-size");
        assertThat(asked).hasValue(0);
    }

    @Test
    void should_validate_only_what_a_dry_run_reads() {
        // when
        RunSettings run = ReinitSettings.builder().csv(Path.of("w.csv")).workers(0).buildRunSettings();
        // then
        assertThat(run.csv()).isEqualTo(Path.of("w.csv"));
        assertThatThrownBy(() -> ReinitSettings.builder().buildRunSettings())
                .hasMessageContaining("--csv FILE is required");
    }
}

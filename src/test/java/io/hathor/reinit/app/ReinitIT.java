package io.hathor.reinit.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.hathor.reinit.config.DatabaseSettings;
import io.hathor.reinit.config.ExitStatus;
import io.hathor.reinit.config.LambdaSettings;
import io.hathor.reinit.config.ReinitException;
import io.hathor.reinit.lambda.DelayedStatusHandler;
import io.hathor.reinit.lambda.DelayedStatusHandler.Fate;
import io.hathor.reinit.run.RunInput;
import io.hathor.reinit.run.RunSummary;
import io.hathor.reinit.runbook.CheckResult;
import io.hathor.reinit.schedule.StopSignal;
import io.hathor.reinit.support.PipelineFixture;
import io.hathor.reinit.support.PipelineFixtures;
import io.hathor.reinit.support.TestWallets;
import io.hathor.reinit.support.TestWallets.Wallet;
import io.hathor.reinit.wallet.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The facade driven directly, without the command line: real database server, real AWS SDK, local Invoke API. */
class ReinitIT {
    private static final List<Wallet> WALLETS = TestWallets.all();
    private static final Duration FAST = Duration.ofMillis(150);

    @TempDir
    Path dir;

    private PipelineFixture fx;

    @RegisterExtension
    final PipelineFixtures fixtures = new PipelineFixtures();

    private ReinitSettings.Builder settings(Path csv) {
        return ReinitSettings.builder().csv(csv).logDir(dir.resolve("logs")).reportJson(dir.resolve("report.json"))
                .pollingInterval(Duration.ofMillis(100)).timeout(Duration.ofSeconds(5))
                .database(poolSize -> new DatabaseSettings(fx.schema.url(), fx.schema.server().user(),
                        fx.schema.server().password(), null, poolSize))
                .lambda(() -> new LambdaSettings(PipelineFixture.FUNCTION, "eu-central-1", fx.server().endpoint()));
    }

    @Test
    void should_load_every_wallet_to_ready_and_show_each_step_through_the_view() {
        // given
        fx = fixtures.open("facade_ready", dir);
        fx.serve(DelayedStatusHandler.always(fx.dataSource, FAST, FAST, Fate.READY));
        Path csv = TestWallets.csv(dir, "wallets.csv", WALLETS);
        RecordingView view = new RecordingView();
        // when
        RunSummary summary = Reinit.run(settings(csv).build(), view);
        // then
        assertThat(summary.exitStatus()).isEqualTo(ExitStatus.OK);
        assertThat(summary.count(Outcome.READY)).isEqualTo(12);
        assertThat(view.events).containsExactly("input 12 valid", "interrupts on", "progress closed",
                "finished 12 ready", "interrupts off");
        assertThat(fx.count("SELECT COUNT(*) FROM wallet WHERE status = 'ready'")).isEqualTo(12);
        JsonNode report = fx.report();
        assertThat(report.get("ready").asInt()).isEqualTo(12);
        assertThat(Files.exists(summary.reportFile())).isTrue();
    }

    @Test
    void should_refuse_invalid_input_before_touching_the_database() {
        // given
        fx = fixtures.open("facade_invalid", dir);
        fx.serve(DelayedStatusHandler.always(fx.dataSource, FAST, FAST, Fate.READY));
        Wallet first = WALLETS.get(0);
        String xpub = first.xpubkey();
        String corrupted = xpub.substring(0, xpub.length() - 1) + (xpub.endsWith("A") ? "B" : "A");
        List<Wallet> wallets = new ArrayList<>(WALLETS.subList(1, WALLETS.size()));
        wallets.add(new Wallet(first.label(), first.id(), corrupted, first.authXpubkey()));
        Path broken = TestWallets.csv(dir, "broken.csv", wallets);
        RecordingView view = new RecordingView();
        // when / then
        assertThatThrownBy(() -> Reinit.run(settings(broken).build(), view))
                .isInstanceOf(ReinitException.class)
                .hasMessageContaining("problem(s) in the input; nothing was changed")
                .satisfies(e -> assertThat(((ReinitException) e).status()).isEqualTo(ExitStatus.FAILED));
        assertThat(view.events).hasSize(1).first().asString().startsWith("input ");
        assertThat(fx.count("SELECT COUNT(*) FROM wallet")).isZero();
        assertThat(fx.server().invocations()).isEmpty();
    }

    /** Records what the facade showed, in order. */
    private static final class RecordingView implements Reinit.View {
        final List<String> events = new ArrayList<>();

        @Override
        public void inputRead(RunInput input) {
            events.add("input " + input.summary().valid() + " valid");
        }

        @Override
        public void checksFailed(List<CheckResult> failed) {
            events.add("checks failed " + failed.size());
        }

        @Override
        public void warning(String line) {
            events.add("warning " + line);
        }

        @Override
        public Reinit.Progress progress(int wallets) {
            return new Reinit.Progress() {
                private boolean closed;

                @Override
                public void close() {
                    if (!closed) {
                        closed = true;
                        events.add("progress closed");
                    }
                }
            };
        }

        @Override
        public Runnable stopOnInterrupt(StopSignal stop) {
            events.add("interrupts on");
            return () -> events.add("interrupts off");
        }

        @Override
        public void finished(RunSummary summary) {
            events.add("finished " + summary.count(Outcome.READY) + " ready");
        }
    }
}

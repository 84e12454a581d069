package io.hathor.reinit.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.hathor.reinit.config.InputFormat;
import io.hathor.reinit.config.LambdaSettings;
import io.hathor.reinit.config.RunSettings;
import io.hathor.reinit.lambda.DelayedStatusHandler;
import io.hathor.reinit.lambda.DelayedStatusHandler.Fate;
import io.hathor.reinit.lambda.LoadWalletInvoker;
import io.hathor.reinit.retry.RetryPolicy;
import io.hathor.reinit.schedule.LaunchResult;
import io.hathor.reinit.schedule.ScheduleSettings;
import io.hathor.reinit.schedule.StopSignal;
import io.hathor.reinit.schedule.WalletTask;
import io.hathor.reinit.support.PipelineFixture;
import io.hathor.reinit.support.PipelineFixtures;
import io.hathor.reinit.support.SyntheticWallets;
import io.hathor.reinit.support.TestWallets;
import io.hathor.reinit.support.TestWallets.Wallet;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A launch already handed to a launch thread when the run stops (circuit breaker, Ctrl+C, lost lock) sends nothing:
 * the core driven directly with one launch thread and a window of 2, so the second launch deterministically starts
 * after the stop that the first one's load requested.
 */
class StopRaceIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    private PipelineFixture fx;

    @RegisterExtension
    final PipelineFixtures fixtures = new PipelineFixtures();

    /** The Lambda backend; the first load asks for a stop once its Event was accepted, as a tripping breaker does. */
    private static final class StoppingBackend implements LoadBackend {
        private final LambdaBackend lambda;
        private final StopSignal stop;
        private final AtomicInteger loads = new AtomicInteger();

        StoppingBackend(LambdaBackend lambda, StopSignal stop) {
            this.lambda = lambda;
            this.stop = stop;
        }

        @Override
        public void checkReady() {
            lambda.checkReady();
        }

        @Override
        public LaunchResult load(WalletTask task) {
            LaunchResult result = lambda.load(task);
            if (loads.incrementAndGet() == 1) {
                stop.requestStop("circuit breaker: stopped by the test");
            }
            return result;
        }

        @Override
        public int launchThreads(int window) {
            return 1;
        }

        @Override
        public String name() {
            return lambda.name();
        }

        @Override
        public void close() {
            lambda.close();
        }
    }

    @Test
    void should_send_nothing_after_a_stop_although_the_launch_was_already_handed_to_a_thread() throws Exception {
        // given: 4 wallets in file order, a window of 2 on one launch thread; wallet 2 is handed to the thread with
        // wallet 1, and wallet 1's load stops the run
        fx = fixtures.open("stop_race", dir);
        fx.serve(DelayedStatusHandler.always(fx.dataSource, Duration.ofMillis(50), Duration.ofMillis(50), Fate.READY));
        List<Wallet> wallets = SyntheticWallets.of(4, 23);
        Path csv = TestWallets.csv(dir, "wallets.csv", wallets);
        RunSettings settings = new RunSettings(csv, InputFormat.AUTO, 2, Duration.ofMillis(100), Duration.ZERO,
                TIMEOUT, dir.resolve("logs"), null, false, 5, false, null, RunSettings.Schedule.WINDOW, true,
                RunSettings.LoaderKind.LAMBDA, RunSettings.Order.FILE);
        ScheduleSettings schedule = new ScheduleSettings(RunSettings.Schedule.WINDOW, 2, Duration.ofMillis(100),
                Duration.ZERO, TIMEOUT, 1, 1.0, 50, 20);
        StopSignal stop = new StopSignal();
        LambdaBackend lambda = new LambdaBackend(new LoadWalletInvoker(new LambdaSettings(PipelineFixture.FUNCTION,
                "eu-central-1", fx.server().endpoint()), RetryPolicy.defaults()));
        RunSummary summary;
        try (StoppingBackend backend = new StoppingBackend(lambda, stop);
                RunInput input = InputReader.read(settings, "stop-race")) {
            Reinitializer run = new Reinitializer(settings, schedule, fx.database, backend, null, stop,
                    Clock.systemUTC(), "stop-race", new Safeguards(null, null, null));
            // when
            summary = run.run(input);
        }
        // then: only wallet 1 was sent, and it was polled to its end
        Wallet first = wallets.get(0);
        Wallet second = wallets.get(1);
        assertThat(fx.server().invocationCount(first.xpubkey())).isEqualTo(1);
        assertThat(fx.server().invocationCount(second.xpubkey())).isZero();
        assertThat(summary.invoked()).isEqualTo(1);
        assertThat(fx.status(first.id())).isEqualTo("ready");
        // wallet 2 is as it was, its attempt is closed unsent (a rerun loads it at once), and the report has it
        assertThat(fx.status(second.id())).isEqualTo("creating");
        assertThat(fx.queryString("SELECT outcome FROM reinit_attempt WHERE wallet_id = ?", second.id()))
                .isEqualTo("NOT_SENT");
        assertThat(fx.count("SELECT COUNT(*) FROM reinit_attempt WHERE sent_at_ms IS NOT NULL")).isEqualTo(1);
        List<String> notFinished = new ArrayList<>();
        summary.notFinished().forEachId(notFinished::add);
        assertThat(notFinished).containsExactly(second.id(), wallets.get(2).id(), wallets.get(3).id());
        assertThat(summary.notFinished().count()).isEqualTo(3);
        assertThat(summary.abortReason()).contains("circuit breaker");
    }
}

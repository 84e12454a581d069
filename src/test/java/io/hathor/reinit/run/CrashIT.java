package io.hathor.reinit.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.hathor.reinit.demo.LocalInvokeServer;
import io.hathor.reinit.lambda.DelayedStatusHandler;
import io.hathor.reinit.lambda.DelayedStatusHandler.Fate;
import io.hathor.reinit.support.PipelineFixture;
import io.hathor.reinit.support.SyntheticWallets;
import io.hathor.reinit.support.TestWallets;
import io.hathor.reinit.support.TestWallets.Wallet;
import io.hathor.reinit.wallet.WalletId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tool as a separate process, killed with SIGKILL at random moments (fixed seed) and run again: one rerun
 * converges, every wallet ends ready, no ready wallet is invoked again, and no wallet is invoked twice within its
 * timeout unless the journal shows the process died between journaling the invocation and recording it sent. A few
 * rounds send SIGTERM instead, which must end in a graceful stop (exit 3) or a finished run.
 */
class CrashIT {
    private static final long SEED = 424242L;
    private static final int ROUNDS = 20;
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    @TempDir
    Path dir;

    @Test
    void should_converge_after_repeated_kills_without_double_invocations() throws Exception {
        // given
        List<Wallet> wallets = SyntheticWallets.of(24, 99);
        Random random = new Random(SEED);
        List<String> readyInvoked = new CopyOnWriteArrayList<>();
        try (PipelineFixture fx = new PipelineFixture("crash", dir)) {
            DelayedStatusHandler load = new DelayedStatusHandler(fx.dataSource, Duration.ofMillis(100),
                    Duration.ofMillis(400), x -> Fate.READY);
            LocalInvokeServer server = fx.serve(invocation -> {
                String id = WalletId.of(invocation.xpubkey());
                if ("ready".equals(fx.status(id))) {
                    readyInvoked.add(id);
                }
                load.onEvent(invocation);
            });
            Path csv = TestWallets.csv(dir, "wallets.csv", wallets);
            List<String> command = command(fx, server, csv);
            // when: killed at random moments
            for (int round = 0; round < ROUNDS; round++) {
                Process p = start(command, round);
                boolean term = round % 4 == 3;
                Thread.sleep(term ? 2500 + random.nextInt(1000) : 600 + random.nextInt(2200));
                if (term) {
                    p.destroy(); // SIGTERM: graceful once the run has started (143 = before the handler was installed)
                    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
                    assertThat(p.exitValue()).as("round " + round + " after SIGTERM").isIn(0, 1, 3, 143);
                } else {
                    p.destroyForcibly(); // SIGKILL
                    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
                }
            }
            // then: reruns converge
            int exit = -1;
            int last = ROUNDS;
            for (int rerun = 0; rerun < 4 && exit != 0; rerun++) {
                last = ROUNDS + rerun;
                Process p = start(command, last);
                assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
                exit = p.exitValue();
                if (exit != 0) {
                    Thread.sleep(TIMEOUT.toMillis()); // let a lost invocation's timeout pass
                }
            }
            assertThat(exit).as(Files.readString(dir.resolve("out_" + last + ".txt"))).isZero();
            assertThat(last).as("reruns needed to converge").isEqualTo(ROUNDS);
            assertThat(fx.count("SELECT COUNT(*) FROM wallet WHERE status = 'ready'")).isEqualTo(wallets.size());
            assertThat(readyInvoked).as("ready wallets invoked again").isEmpty();
            Map<String, List<java.time.Instant>> byWallet = new HashMap<>();
            for (LocalInvokeServer.Invocation i : server.invocations()) {
                byWallet.computeIfAbsent(i.xpubkey(), k -> new ArrayList<>()).add(i.at());
            }
            assertThat(byWallet).hasSize(wallets.size());
            for (Map.Entry<String, List<java.time.Instant>> e : byWallet.entrySet()) {
                List<java.time.Instant> times = e.getValue().stream().sorted().toList();
                String id = WalletId.of(e.getKey());
                for (int k = 1; k < times.size(); k++) {
                    if (Duration.between(times.get(k - 1), times.get(k)).compareTo(TIMEOUT) < 0) {
                        // Only a kill between the send and its journal record may repeat an Event within --timeout.
                        assertThat(fx.count("SELECT COUNT(*) FROM reinit_attempt WHERE wallet_id = ?"
                                + " AND sent_at_ms IS NULL AND outcome IS NULL AND invoked_at_ms <= ?", id,
                                times.get(k - 1).toEpochMilli())).as("re-invoked within --timeout: " + id).isPositive();
                    }
                }
            }
            assertThat(fx.count("SELECT COUNT(*) FROM reinit_run WHERE state = 'running'")).isZero();
        }
    }

    private Process start(List<String> command, int round) throws Exception {
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("out_" + round + ".txt").toFile()).start();
    }

    private List<String> command(PipelineFixture fx, LocalInvokeServer server, Path csv) throws Exception {
        Path password = Files.writeString(dir.resolve("db-password"), fx.schema.server().password());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                "io.hathor.reinit.Main", "--csv", csv.toString(), "--db-url", fx.schema.url(),
                "--db-user", fx.schema.server().user(), "--db-password-file", password.toString(),
                "--function-name", PipelineFixture.FUNCTION, "--lambda-endpoint", server.endpoint().toString(),
                "--log-dir", dir.resolve("logs").toString(), "--polling-interval", "100ms",
                "--timeout", TIMEOUT.toSeconds() + "s", "--batch-size", "3");
    }
}

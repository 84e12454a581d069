package io.hathor.reinit.bench;

import io.hathor.reinit.config.RunSettings;
import io.hathor.reinit.schedule.Completion;
import io.hathor.reinit.schedule.LaunchResult;
import io.hathor.reinit.schedule.ScheduleSettings;
import io.hathor.reinit.schedule.Scheduler;
import io.hathor.reinit.schedule.SchedulerListener;
import io.hathor.reinit.schedule.StopSignal;
import io.hathor.reinit.schedule.WalletTask;
import io.hathor.reinit.wallet.Outcome;
import io.hathor.reinit.wallet.WalletStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Figures, not a test: the real {@link Scheduler} over a time-compressed simulation. 15,000 wallets whose load
 * times are lognormal (median 2 min, p99 9 min, capped at the Lambda's 600 s timeout), every time divided by
 * {@code scale} (1,000: 2 min becomes 120 ms, the 10 s poll 10 ms, the reference's 5 s batch delay 5 ms). The
 * launcher "invokes" by noting when the wallet will be ready; the status source answers from that map, so the
 * scheduler sees exactly what polling a database would show. Same load times, same concurrency for every strategy.
 *
 * <p>Arguments: [wallets] [concurrency] [scale] [seed]; defaults 15000 50 1000 7.
 */
public final class SchedulerBench {
    static final Duration MEDIAN = Duration.ofMinutes(2);
    static final Duration P99 = Duration.ofMinutes(9);
    static final Duration LAMBDA_TIMEOUT = Duration.ofSeconds(600);
    static final Duration POLLING_INTERVAL = Duration.ofSeconds(10);
    static final Duration BATCH_DELAY = Duration.ofSeconds(5);
    /** Generous: no wallet may time out, so the figures are about dispatch only. */
    static final Duration SCHEDULER_TIMEOUT = Duration.ofMinutes(30);
    static final int LAUNCH_THREADS = 32;
    static final double Z99 = 2.326347874;

    private SchedulerBench() {}

    public static void main(String[] args) throws Exception {
        int wallets = args.length > 0 ? Integer.parseInt(args[0]) : 15_000;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        long scale = args.length > 2 ? Long.parseLong(args[2]) : 1_000;
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 7;

        long[] loadNanos = sample(wallets, seed);
        long[] sorted = loadNanos.clone();
        Arrays.sort(sorted);
        long sum = Arrays.stream(loadNanos).sum();
        System.out.printf("%d wallets, concurrency %d, time compressed %d×; real load times: median %.1f min, p99 %.1f"
                + " min, max %.1f min, mean %.2f min, total %.1f h%n", wallets, concurrency, scale,
                realMinutes(sorted[wallets / 2]), realMinutes(sorted[(int) (wallets * 0.99)]),
                realMinutes(sorted[wallets - 1]), realMinutes(sum / wallets), sum / 3.6e12);
        long[] scaled = Arrays.stream(loadNanos).map(n -> n / scale).toArray();

        double bound = Math.max((double) sum / concurrency, sorted[wallets - 1]);
        System.out.printf("%n%-34s %12s %12s %12s %14s%n", "strategy", "makespan", "utilisation", "wallets/min",
                "real duration");
        row("theoretical bound (sum / conc.)", bound / scale, 1.0, wallets, scale);
        for (RunSettings.Schedule schedule : RunSettings.Schedule.values()) {
            Result r = simulate(schedule, scaled, concurrency, scale);
            double utilisation = (double) sum / scale / (concurrency * (double) r.makespanNanos);
            row(schedule.name().toLowerCase() + " schedule" + (schedule == RunSettings.Schedule.BATCH
                    ? " (+5 s delay)" : ""), r.makespanNanos, utilisation, wallets, scale);
            if (r.ready != wallets) {
                System.out.printf("  !! only %d of %d wallets ended READY%n", r.ready, wallets);
            }
        }
        System.out.printf("%nmakespan = measured wall time of the compressed run; real duration = makespan × %d;"
                + " utilisation = sum of load times / (concurrency × makespan).%n", scale);
    }

    private static void row(String name, double makespanNanos, double utilisation, int wallets, long scale) {
        double realSeconds = makespanNanos * scale / 1e9;
        System.out.printf("%-34s %10.2f s %11.1f%% %12.1f %11.2f h%n", name, makespanNanos / 1e9, 100 * utilisation,
                wallets / (realSeconds / 60), realSeconds / 3600);
    }

    /** Lognormal with the given median and p99, capped at the Lambda timeout; nanoseconds of real time. */
    static long[] sample(int wallets, long seed) {
        double mu = Math.log(MEDIAN.toNanos());
        double sigma = Math.log((double) P99.toNanos() / MEDIAN.toNanos()) / Z99;
        Random random = new Random(seed);
        long[] out = new long[wallets];
        for (int i = 0; i < wallets; i++) {
            out[i] = Math.min(LAMBDA_TIMEOUT.toNanos(), (long) Math.exp(mu + sigma * random.nextGaussian()));
        }
        return out;
    }

    private record Result(long makespanNanos, int ready) {}

    private static Result simulate(RunSettings.Schedule schedule, long[] loadNanos, int concurrency, long scale)
            throws InterruptedException {
        Map<String, Long> durationById = new HashMap<>();
        List<WalletTask> tasks = new ArrayList<>(loadNanos.length);
        for (int i = 0; i < loadNanos.length; i++) {
            String id = String.format("%064d", i);
            durationById.put(id, loadNanos[i]);
            tasks.add(new WalletTask(id, "xpub-" + i, 20, null));
        }
        Map<String, Long> readyAtNanos = new ConcurrentHashMap<>();
        ScheduleSettings settings = new ScheduleSettings(schedule, concurrency, POLLING_INTERVAL.dividedBy(scale),
                BATCH_DELAY.dividedBy(scale), SCHEDULER_TIMEOUT.dividedBy(scale), LAUNCH_THREADS, 1.0, 50, 20);
        Scheduler scheduler = new Scheduler(settings,
                task -> {
                    readyAtNanos.put(task.walletId(), System.nanoTime() + durationById.get(task.walletId()));
                    return LaunchResult.accepted(0);
                },
                ids -> {
                    long now = System.nanoTime();
                    Map<String, WalletStatus> out = new HashMap<>(ids.size() * 2);
                    for (String id : ids) {
                        Long readyAt = readyAtNanos.get(id);
                        out.put(id, readyAt != null && now >= readyAt ? WalletStatus.READY : WalletStatus.CREATING);
                    }
                    return out;
                },
                SchedulerListener.NONE, new StopSignal(), Clock.systemUTC());
        long start = System.nanoTime();
        Map<String, Completion> done = scheduler.run(tasks);
        long makespan = System.nanoTime() - start;
        int ready = (int) done.values().stream().filter(c -> c.outcome() == Outcome.READY).count();
        return new Result(makespan, ready);
    }

    private static double realMinutes(long nanos) {
        return nanos / 6e10;
    }
}

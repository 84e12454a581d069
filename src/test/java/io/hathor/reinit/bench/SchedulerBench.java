package io.hathor.reinit.bench;

import io.hathor.reinit.config.RunSettings;
import io.hathor.reinit.schedule.Completion;
import io.hathor.reinit.schedule.LaunchResult;
import io.hathor.reinit.schedule.LoadOrder;
import io.hathor.reinit.schedule.ScheduleSettings;
import io.hathor.reinit.schedule.Scheduler;
import io.hathor.reinit.schedule.SchedulerListener;
import io.hathor.reinit.schedule.StopSignal;
import io.hathor.reinit.schedule.WalletTask;
import io.hathor.reinit.wallet.Outcome;
import io.hathor.reinit.wallet.WalletStatus;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Figures, not a test: the real {@link Scheduler} over a time-compressed simulation. N wallets whose load times are
 * lognormal (median 2 min, p99 9 min, capped at the Lambda's 600 s timeout), every time divided by {@code scale}
 * (1,000: 2 min becomes 120 ms, the 10 s poll 10 ms, the reference's 5 s batch delay 5 ms). The launcher "invokes"
 * by noting when the wallet will be ready; the status source answers from that map, so the scheduler sees exactly
 * what polling a database would show. Same load times, same concurrency for every strategy.
 *
 * <p>Part 1 (N wallets, the CLI defaults: 10 s polling, 5 s batch delay): makespan of window and batch and their
 * ratio to the lower bound {@code max(Σ load / concurrency, longest load)}, which no schedule can beat. Part 2 (a
 * sweep on {@code sweepWallets}, default min(N, 3,000), since batch runs are long): how the polling interval (1 s,
 * 10 s, 30 s) and the batch delay (0, 5 s, 30 s) change both. Every duration printed is real time (compressed
 * measurement × scale) unless marked "compressed".
 *
 * <p>Where the window's overhead comes from: a wallet's slot stays taken from its launch until the first poll that
 * sees it READY, so each wallet costs its load plus a detection latency of about half a polling interval; the
 * bench measures that latency per wallet and prints a poll-adjusted bound {@code max((Σ load + Σ detection) /
 * concurrency, longest)}, the best a poll-driven schedule can do. What remains is the end tail (slots emptying
 * while the last long loads run) and machine noise: at 1,000× a 1 ms hiccup of the scheduler thread is 1 s of real
 * time, so a busy machine inflates the figures a little.
 *
 * <p>Part 3: the start order, file order against heaviest first, on a small run with a few heavy wallets at the end
 * of the file (see {@link #order()}).
 *
 * <p>Arguments: [wallets] [concurrency] [scale] [seed] [sweepWallets]; defaults 15000 50 1000 7 min(wallets, 3000).
 * {@code sweepWallets = 0} skips the sweep.
 */
public final class SchedulerBench {
    static final Duration MEDIAN = Duration.ofMinutes(2);
    static final Duration P99 = Duration.ofMinutes(9);
    static final Duration LAMBDA_TIMEOUT = Duration.ofSeconds(600);
    /** The CLI defaults (--polling-interval 10s, --batch-delay 5s). */
    static final Duration POLLING_INTERVAL = Duration.ofSeconds(10);
    static final Duration BATCH_DELAY = Duration.ofSeconds(5);
    /** Generous: no wallet may time out, so the figures are about dispatch only. */
    static final Duration SCHEDULER_TIMEOUT = Duration.ofMinutes(30);
    static final int LAUNCH_THREADS = 32;
    static final double Z99 = 2.326347874;
    static final double WINDOW_TARGET = 1.05;

    private SchedulerBench() {}

    public static void main(String[] args) throws Exception {
        int wallets = args.length > 0 ? Integer.parseInt(args[0]) : 15_000;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        long scale = args.length > 2 ? Long.parseLong(args[2]) : 1_000;
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 7;
        int sweepWallets = args.length > 4 ? Integer.parseInt(args[4]) : Math.min(wallets, 3_000);
        System.out.printf("machine: %d cores, %s %s, Java %s; time compressed %d× (1 ms measured = %d ms real)%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"),
                System.getProperty("os.arch"), System.getProperty("java.version"), scale, scale);

        // Part 1: the CLI defaults.
        Load load = Load.of(wallets, concurrency, seed, scale);
        System.out.printf("%n== Part 1: %d wallets, concurrency %d, polling %d s, batch delay %d s%n", wallets,
                concurrency, POLLING_INTERVAL.toSeconds(), BATCH_DELAY.toSeconds());
        load.describe();
        header();
        System.out.printf("%-38s %9.2f h %8s %11.1f %8s %10s %7s %15s %8s%n", "lower bound max(Σload/c, longest)",
                load.bound / 3.6e12, "1.000", wallets / (load.bound / 6e10), "-", "-", "-", "-", "-");
        Result window = simulate(RunSettings.Schedule.WINDOW, load, POLLING_INTERVAL, BATCH_DELAY);
        row("window", load, window);
        Result batch = simulate(RunSettings.Schedule.BATCH, load, POLLING_INTERVAL, BATCH_DELAY);
        row("batch (the reference)", load, batch);
        legend(scale);
        verdict(load, window);
        System.out.printf("batch / window makespan: %.2f×%n", (double) batch.makespanNanos / window.makespanNanos);

        // Part 2: the sweep.
        if (sweepWallets > 0) {
            Load small = sweepWallets == wallets ? load : Load.of(sweepWallets, concurrency, seed, scale);
            System.out.printf("%n== Part 2: sweep, %d wallets, concurrency %d (same distribution, seed %d)%n",
                    sweepWallets, concurrency, seed);
            small.describe();
            header();
            System.out.printf("%-38s %9.2f h %8s %11.1f %8s %10s %7s %15s %8s%n", "lower bound max(Σload/c, longest)",
                    small.bound / 3.6e12, "1.000", sweepWallets / (small.bound / 6e10), "-", "-", "-", "-", "-");
            for (int poll : new int[] {1, 10, 30}) {
                row("window, polling " + poll + " s", small, simulate(RunSettings.Schedule.WINDOW, small,
                        Duration.ofSeconds(poll), BATCH_DELAY));
            }
            for (int poll : new int[] {1, 10, 30}) {
                row("batch, polling " + poll + " s, delay 5 s", small, simulate(RunSettings.Schedule.BATCH, small,
                        Duration.ofSeconds(poll), BATCH_DELAY));
            }
            for (int delay : new int[] {0, 30}) {
                row("batch, polling 10 s, delay " + delay + " s", small, simulate(RunSettings.Schedule.BATCH, small,
                        POLLING_INTERVAL, Duration.ofSeconds(delay)));
            }
            legend(scale);
        }

        order();
    }

    /**
     * Part 3: the start order. 200 wallets, 20 in flight, load time following size (1 s + 2 ms per address derived:
     * last_used_address_index + 1 + max_gap); 190 light wallets (last used 0–400) and 10 heavy ones (2,000–9,000)
     * at the end of the file, as in an export sorted by creation. Polling 1 s, compressed 100×.
     */
    private static void order() throws InterruptedException {
        int wallets = 200;
        int heavy = 10;
        int concurrency = 20;
        long scale = 10;
        Random random = new Random(15);
        long[] real = new long[wallets];
        long[] costs = new long[wallets];
        for (int i = 0; i < wallets; i++) {
            int lastUsed = i < wallets - heavy ? random.nextInt(401) : 2_000 + random.nextInt(7_001);
            costs[i] = LoadOrder.expectedCost(lastUsed, 20);
            real[i] = Duration.ofSeconds(1).toNanos() + costs[i] * Duration.ofMillis(2).toNanos();
        }
        Load load = Load.of(real, costs, concurrency, scale);
        System.out.printf("%n== Part 3: start order, %d wallets (%d heavy at the end of the file), concurrency %d,"
                + " load = 1 s + 2 ms × (last_used + 1 + max_gap), polling 1 s, compressed %d×%n", wallets, heavy,
                concurrency, scale);
        System.out.printf("real load times: light %.1f–%.1f s, heavy %.1f–%.1f s; Σload/c = %.1f s, longest = %.1f s"
                + " → bound = %.1f s%n", seconds(Arrays.stream(real, 0, wallets - heavy).min().orElse(0)),
                seconds(Arrays.stream(real, 0, wallets - heavy).max().orElse(0)),
                seconds(Arrays.stream(real, wallets - heavy, wallets).min().orElse(0)),
                seconds(Arrays.stream(real, wallets - heavy, wallets).max().orElse(0)), seconds((long) load.sumBound),
                seconds(load.sorted[wallets - 1]), seconds((long) load.bound));
        System.out.printf("%n%-32s %10s %8s%n", "schedule, order", "makespan", "÷bound");
        for (RunSettings.Schedule schedule : RunSettings.Schedule.values()) {
            for (RunSettings.Order order : new RunSettings.Order[] {RunSettings.Order.FILE,
                    RunSettings.Order.HEAVIEST_FIRST}) {
                Result r = simulate(schedule, order, load, Duration.ofSeconds(1), Duration.ZERO);
                double makespan = (double) r.makespanNanos * scale;
                System.out.printf("%-32s %8.1f s %8.3f%s%n", schedule.name().toLowerCase() + ", " + order,
                        makespan / 1e9, makespan / load.bound, r.ready == wallets ? "" : "  !! not all READY");
            }
        }
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    /** The load times of one run, real and compressed, and the bound. */
    record Load(int wallets, int concurrency, long scale, long[] realNanos, long[] costs, long[] sorted, long sum,
            double bound, double sumBound) {
        static Load of(int wallets, int concurrency, long seed, long scale) {
            return of(sample(wallets, seed), new long[wallets], concurrency, scale);
        }

        /** Load times with the expected cost heaviest-first sorts by (all equal: file order). */
        static Load of(long[] real, long[] costs, int concurrency, long scale) {
            int wallets = real.length;
            long[] sorted = real.clone();
            Arrays.sort(sorted);
            long sum = Arrays.stream(real).sum();
            double sumBound = (double) sum / concurrency;
            return new Load(wallets, concurrency, scale, real, costs, sorted, sum,
                    Math.max(sumBound, sorted[wallets - 1]), sumBound);
        }

        void describe() {
            System.out.printf("real load times: median %.2f min, p99 %.2f min, max %.2f min, mean %.2f min, Σ %.1f h;"
                    + " Σload/c = %.2f h, longest = %.2f min → bound = %.2f h (%s term)%n",
                    min(sorted[wallets / 2]), min(sorted[(int) (wallets * 0.99)]), min(sorted[wallets - 1]),
                    min(sum / wallets), sum / 3.6e12, sumBound / 3.6e12, min(sorted[wallets - 1]), bound / 3.6e12,
                    sumBound >= sorted[wallets - 1] ? "Σload/c" : "longest");
        }
    }

    private static void header() {
        System.out.printf("%n%-38s %11s %8s %9s %8s %10s %7s %15s %8s%n", "strategy", "makespan", "÷bound",
                "wallets/min", "slot use", "detect avg", "polls", "poll gap avg/p99", "CPU");
    }

    private static void row(String name, Load load, Result r) {
        double realNanos = (double) r.makespanNanos * load.scale;
        // slot use: Σ load / (concurrency × makespan), the share of slot-time spent loading
        double slotUse = (double) load.sum / (load.concurrency * realNanos);
        System.out.printf("%-38s %9.2f h %8.3f %11.1f %7.1f%% %8.1f s %7d %7.1f/%5.1f s %6.2f s%n", name,
                realNanos / 3.6e12, realNanos / load.bound, load.wallets / (realNanos / 6e10), 100 * slotUse,
                r.meanDetectNanos * load.scale / 1e9, r.polls, r.meanPollGapNanos * load.scale / 1e9,
                r.p99PollGapNanos * load.scale / 1e9, r.cpuNanos / 1e9);
        if (r.ready != load.wallets) {
            System.out.printf("  !! only %d of %d wallets ended READY%n", r.ready, load.wallets);
        }
    }

    private static void legend(long scale) {
        System.out.printf("""
                makespan: measured wall time of the compressed run × %d, in real hours; ÷bound: makespan / bound
                slot use: Σ load / (concurrency × makespan), the share of slot-time spent loading
                detect avg: mean real time from a wallet's end of load to the poll that saw it READY
                polls: status queries; poll gap: real time between two of them (nominal: the polling interval;
                  more means the scheduler thread ran late — a shared machine); CPU: this JVM during the run
                """, scale);
    }

    /** Whether the window schedule meets the target, and why not when it does not. */
    private static void verdict(Load load, Result window) {
        double real = (double) window.makespanNanos * load.scale;
        double ratio = real / load.bound;
        double detectSum = window.meanDetectNanos * load.scale * load.wallets;
        double pollBound = Math.max((load.sum + detectSum) / load.concurrency, load.sorted[load.wallets - 1]);
        System.out.printf("%nwindow at %d s polling: %.3f × bound — target ≤ %.2f × bound %s%n",
                POLLING_INTERVAL.toSeconds(), ratio, WINDOW_TARGET, ratio <= WINDOW_TARGET ? "MET" : "NOT MET");
        System.out.printf("  of which poll latency: each wallet holds its slot %.1f s (real) past its end until a poll"
                + " sees it; poll-adjusted bound max((Σload + Σdetect)/c, longest) = %.2f h = %.3f × bound%n",
                window.meanDetectNanos * load.scale / 1e9, pollBound / 3.6e12, pollBound / load.bound);
        System.out.printf("  remainder (end tail, refill gaps, machine noise): %.3f × bound; the last wallet was"
                + " launched at %.2f h, the run drained for %.1f min after it (slots emptying one by one)%n",
                (real - pollBound) / load.bound, window.lastLaunchNanos * (double) load.scale / 3.6e12,
                (window.makespanNanos - window.lastLaunchNanos) * (double) load.scale / 6e10);
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

    /** Makespan in compressed nanoseconds; mean detection latency in compressed nanoseconds. */
    private record Result(long makespanNanos, int ready, double meanDetectNanos, int polls, long cpuNanos,
            double meanPollGapNanos, long p99PollGapNanos, long lastLaunchNanos) {}

    private static Result simulate(RunSettings.Schedule schedule, Load load, Duration pollingInterval,
            Duration batchDelay) throws InterruptedException {
        return simulate(schedule, RunSettings.Order.FILE, load, pollingInterval, batchDelay);
    }

    private static Result simulate(RunSettings.Schedule schedule, RunSettings.Order order, Load load,
            Duration pollingInterval, Duration batchDelay) throws InterruptedException {
        long scale = load.scale;
        Map<String, Long> durationById = new HashMap<>();
        LoadOrder ordered = new LoadOrder(order);
        for (int i = 0; i < load.wallets; i++) {
            String id = String.format("%064d", i);
            durationById.put(id, load.realNanos[i] / scale);
            ordered.add(new WalletTask(id, "xpub-" + i, 20, null), load.costs[i]);
        }
        List<WalletTask> tasks = ordered.tasks();
        Map<String, Long> readyAtNanos = new ConcurrentHashMap<>();
        AtomicLong detectNanos = new AtomicLong();
        AtomicInteger polls = new AtomicInteger();
        long[] lastPoll = {0};
        AtomicLong lastLaunch = new AtomicLong();
        List<Long> gaps = new ArrayList<>();
        ScheduleSettings settings = new ScheduleSettings(schedule, load.concurrency, pollingInterval.dividedBy(scale),
                batchDelay.dividedBy(scale), SCHEDULER_TIMEOUT.dividedBy(scale), LAUNCH_THREADS, 1.0, 50, 20);
        Scheduler scheduler = new Scheduler(settings,
                task -> {
                    lastLaunch.accumulateAndGet(System.nanoTime(), Math::max);
                    readyAtNanos.put(task.walletId(), System.nanoTime() + durationById.get(task.walletId()));
                    return LaunchResult.accepted(0);
                },
                ids -> {
                    polls.incrementAndGet();
                    long now = System.nanoTime();
                    // the scheduler polls from its one thread
                    if (lastPoll[0] != 0) {
                        gaps.add(now - lastPoll[0]);
                    }
                    lastPoll[0] = now;
                    Map<String, WalletStatus> out = new HashMap<>(ids.size() * 2);
                    for (String id : ids) {
                        Long readyAt = readyAtNanos.get(id);
                        boolean ready = readyAt != null && now >= readyAt;
                        if (ready) {
                            // the scheduler finishes a wallet on the first READY it sees: counted once
                            detectNanos.addAndGet(now - readyAt);
                        }
                        out.put(id, ready ? WalletStatus.READY : WalletStatus.CREATING);
                    }
                    return out;
                },
                SchedulerListener.NONE, new StopSignal(), Clock.systemUTC());
        System.gc();
        long cpu0 = processCpuNanos();
        long start = System.nanoTime();
        Map<String, Completion> done = scheduler.run(tasks);
        long makespan = System.nanoTime() - start;
        long cpu = processCpuNanos() - cpu0;
        int ready = (int) done.values().stream().filter(c -> c.outcome() == Outcome.READY).count();
        long[] g = gaps.stream().mapToLong(Long::longValue).sorted().toArray();
        double gapMean = g.length == 0 ? 0 : Arrays.stream(g).average().orElse(0);
        long gapP99 = g.length == 0 ? 0 : g[(int) (g.length * 0.99)];
        return new Result(makespan, ready, (double) detectNanos.get() / Math.max(1, ready), polls.get(), cpu,
                gapMean, gapP99, lastLaunch.get() - start);
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static double min(long nanos) {
        return nanos / 6e10;
    }
}

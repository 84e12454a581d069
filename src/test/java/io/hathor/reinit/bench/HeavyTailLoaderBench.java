package io.hathor.reinit.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.hathor.reinit.db.Database;
import io.hathor.reinit.demo.EmbeddedDatabase;
import io.hathor.reinit.demo.SyntheticChain;
import io.hathor.reinit.loader.DirectLoader;
import io.hathor.reinit.loader.LoadRequest;
import io.hathor.reinit.loader.LoadResult;
import io.hathor.reinit.loader.LoadSummary;
import io.hathor.reinit.loader.ParallelLoader;
import io.hathor.reinit.wallet.Network;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Figures, not a test: how a wallet's load time grows with its size. A heavy-tailed chain: the synthetic chain's
 * small wallets plus a few heavy wallets (every address 0 … n−1 used). A sample of small wallets, then each heavy
 * wallet, is loaded alone, one after the other, and timed; then the remaining small wallets in groups on N workers. Prints
 * time per wallet against its kept addresses and a least-squares line t = a + b·n over the heavy wallets.
 * Arguments: [small wallets] [workers] [heavy sizes, comma-separated]; defaults 2000, the number of processors,
 * 10000,25000,50000,100000.
 */
public final class HeavyTailLoaderBench {
    private static final int SMALL_SAMPLE = 200;

    private HeavyTailLoaderBench() {}

    /** One timed load: the wallet's kept addresses (lastUsed + maxGap + 1), derivations and wall time. */
    private record Timed(int kept, int derived, double seconds, double deriveSeconds) {}

    public static void main(String[] args) throws Exception {
        int small = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
        int workers = args.length > 1 ? Integer.parseInt(args[1]) : ParallelLoader.defaultWorkers();
        int[] sizes = Arrays.stream((args.length > 2 ? args[2] : "10000,25000,50000,100000").split(","))
                .mapToInt(Integer::parseInt).toArray();
        try (EmbeddedDatabase db = DirectLoaderBench.startDatabase()) {
            DirectLoaderBench.createSchema(db);
            try (HikariDataSource ds = DirectLoaderBench.pool(db, workers)) {
                long g0 = System.nanoTime();
                SyntheticChain.Summary chain = SyntheticChain.generate(ds, small, 2026L, Network.MAINNET);
                List<HeavyTailChain.HeavyWallet> heavy = HeavyTailChain.write(ds, sizes, 7L, Network.MAINNET);
                System.out.printf("generated %s and %d heavy wallets %s in %.1f s%n", chain, heavy.size(),
                        Arrays.toString(sizes), (System.nanoTime() - g0) / 1e9);
                DirectLoader loader = new DirectLoader(Database.on(ds), Network.MAINNET);
                Set<String> heavyIds = new HashSet<>();
                heavy.forEach(h -> heavyIds.add(h.walletId()));
                List<LoadRequest> smallRequests = new ArrayList<>();
                List<LoadRequest> heavyRequests = new ArrayList<>();
                for (LoadRequest r : DirectLoaderBench.requests(ds)) {
                    (heavyIds.contains(r.walletId()) ? heavyRequests : smallRequests).add(r);
                }
                System.out.println("load average before: " + DirectLoaderBench.loadAverage());
                long t0 = System.nanoTime();
                // the small ones first: they also warm up the JIT before the heavy ones are timed
                List<Timed> smallTimes = new ArrayList<>();
                for (LoadRequest r : smallRequests.subList(0, Math.min(SMALL_SAMPLE, smallRequests.size()))) {
                    smallTimes.add(timed(loader, r));
                }
                List<Timed> heavyTimes = new ArrayList<>();
                for (LoadRequest r : heavyRequests) {
                    heavyTimes.add(timed(loader, r));
                }
                heavyTimes.sort(java.util.Comparator.comparingInt(Timed::kept));
                LoadSummary rest;
                try (ParallelLoader parallel = new ParallelLoader(loader, workers, Duration.ofSeconds(30))) {
                    rest = parallel.loadAll(smallRequests.subList(smallTimes.size(), smallRequests.size()), r -> {});
                }
                double total = (System.nanoTime() - t0) / 1e9;
                System.out.println("load average after: " + DirectLoaderBench.loadAverage());
                printTable(heavyTimes, smallTimes);
                System.out.printf("the other %d small wallets in groups on %d workers: %.1f s (%d failed); whole chain %.1f s%n",
                        rest.wallets(), workers, rest.elapsed().toNanos() / 1e9, rest.failed(), total);
                DirectLoaderBench.printStatuses(ds);
            }
        }
    }

    private static Timed timed(DirectLoader loader, LoadRequest request) {
        long start = System.nanoTime();
        LoadResult result = loader.load(request);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (!result.success()) {
            System.out.println("failed: " + request.walletId() + ": " + result.error());
        }
        return new Timed(result.lastUsedIndex() + request.maxGap() + 1, result.addressesDerived(), seconds,
                result.deriveNanos() / 1e9);
    }

    private static void printTable(List<Timed> heavy, List<Timed> small) {
        System.out.println();
        System.out.println("time per wallet against its kept addresses (each wallet loaded alone)");
        System.out.printf("%-22s %9s %10s %10s %12s %12s%n", "wallets", "addresses", "time s", "derive s", "µs/address",
                "fit s");
        double[] fit = leastSquares(heavy);
        double smallSeconds = small.stream().mapToDouble(Timed::seconds).average().orElse(0);
        double smallKept = small.stream().mapToDouble(Timed::kept).average().orElse(0);
        double smallDerive = small.stream().mapToDouble(Timed::deriveSeconds).average().orElse(0);
        System.out.printf("%-22s %9.0f %10.4f %10.4f %12.1f %12s%n", small.size() + " small (mean)", smallKept, smallSeconds,
                smallDerive, 1e6 * smallSeconds / smallKept, "-");
        for (Timed t : heavy) {
            System.out.printf("%-22s %9d %10.2f %10.2f %12.1f %12.2f%n", "1 heavy", t.kept(), t.seconds(), t.deriveSeconds(),
                    1e6 * t.seconds() / t.kept(), fit[0] + fit[1] * t.kept());
        }
        System.out.printf("least squares over the heavy wallets: t = %.3f s + %.1f µs × addresses, R² = %.4f%n",
                fit[0], 1e6 * fit[1], fit[2]);
    }

    /** {intercept, slope, R²} of seconds against kept addresses. */
    private static double[] leastSquares(List<Timed> points) {
        int n = points.size();
        double mx = points.stream().mapToDouble(Timed::kept).average().orElse(0);
        double my = points.stream().mapToDouble(Timed::seconds).average().orElse(0);
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (Timed p : points) {
            sxy += (p.kept() - mx) * (p.seconds() - my);
            sxx += (p.kept() - mx) * (p.kept() - mx);
            syy += (p.seconds() - my) * (p.seconds() - my);
        }
        if (n < 2 || sxx == 0) {
            return new double[] {my, 0, 0};
        }
        double slope = sxy / sxx;
        double r2 = syy == 0 ? 1 : sxy * sxy / (sxx * syy);
        return new double[] {my - slope * mx, slope, r2};
    }
}

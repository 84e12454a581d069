package io.hathor.reinit.loader;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link DirectLoader#loadGroup} for many wallets on a fixed pool of named worker threads ({@code --workers N}),
 * in groups of up to {@code groupSize} wallets (one set of statements and one commit per group). Owns its executor:
 * {@link #close()} shuts it down and waits up to the shutdown timeout, logging when workers
 * are still busy. The data source should allow at least {@code workers} connections (plus one for error marks).
 */
public final class ParallelLoader implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ParallelLoader.class);
    private static final AtomicInteger POOL_NUMBER = new AtomicInteger();

    private final DirectLoader loader;
    /** Wallets per group: large enough to amortize round trips and commits, small enough for short transactions. */
    public static final int DEFAULT_GROUP_SIZE = 50;

    private final int workers;
    private final int groupSize;
    private final Duration shutdownTimeout;
    private final ExecutorService executor;

    public ParallelLoader(DirectLoader loader, int workers, Duration shutdownTimeout) {
        this(loader, workers, DEFAULT_GROUP_SIZE, shutdownTimeout);
    }

    public ParallelLoader(DirectLoader loader, int workers, int groupSize, Duration shutdownTimeout) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, got " + workers);
        }
        if (groupSize < 1) {
            throw new IllegalArgumentException("groupSize must be at least 1, got " + groupSize);
        }
        this.loader = Objects.requireNonNull(loader, "loader");
        this.workers = workers;
        this.groupSize = groupSize;
        this.shutdownTimeout = Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
        this.executor = Executors.newFixedThreadPool(workers, namedThreads("loader-" + POOL_NUMBER.incrementAndGet() + "-worker-"));
    }

    /** One worker per available processor. */
    public static int defaultWorkers() {
        return Runtime.getRuntime().availableProcessors();
    }

    public int workers() {
        return workers;
    }

    /**
     * Loads every request and calls {@code onResult} once per wallet, from the worker threads (so it must be
     * thread-safe). Returns when all are done; if the calling thread is interrupted, pending loads are cancelled,
     * the interrupt flag is restored and the summary counts what finished.
     */
    public LoadSummary loadAll(List<LoadRequest> requests, Consumer<LoadResult> onResult) {
        long start = System.nanoTime();
        CountDownLatch done = new CountDownLatch(requests.size());
        AtomicInteger succeeded = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicLong derived = new AtomicLong();
        AtomicLong claimed = new AtomicLong();
        AtomicLong deriveNanos = new AtomicLong();
        AtomicLong sqlNanos = new AtomicLong();
        List<List<LoadRequest>> groups = groups(requests, groupSize);
        List<Future<?>> futures = new ArrayList<>(groups.size());
        for (List<LoadRequest> group : groups) {
            futures.add(executor.submit(() -> {
                try {
                    for (LoadResult result : loader.loadGroup(group)) {
                        (result.success() ? succeeded : failed).incrementAndGet();
                        derived.addAndGet(result.addressesDerived());
                        claimed.addAndGet(result.addressesClaimed());
                        deriveNanos.addAndGet(result.deriveNanos());
                        sqlNanos.addAndGet(result.sqlNanos());
                        try {
                            onResult.accept(result);
                        } catch (RuntimeException e) {
                            LOG.error("result callback failed unexpectedly for wallet {}", result.walletId(), e);
                        }
                    }
                } catch (RuntimeException e) {
                    LOG.error("loader failed unexpectedly for a group starting with wallet {}", group.get(0).walletId(), e);
                } finally {
                    group.forEach(r -> done.countDown());
                }
            }));
        }
        boolean interrupted = false;
        try {
            done.await();
        } catch (InterruptedException e) {
            interrupted = true;
            futures.forEach(f -> f.cancel(false));
            Thread.currentThread().interrupt();
            LOG.warn("interrupted: {} of {} wallets were not loaded", done.getCount(), requests.size());
        }
        return new LoadSummary(requests.size(), succeeded.get(), failed.get(), derived.get(), claimed.get(),
                deriveNanos.get(), sqlNanos.get(), Duration.ofNanos(System.nanoTime() - start), interrupted);
    }

    /** Consecutive requests, at most {@code size} per group, a wallet id at most once per group. */
    static List<List<LoadRequest>> groups(List<LoadRequest> requests, int size) {
        List<List<LoadRequest>> groups = new ArrayList<>();
        List<LoadRequest> current = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (LoadRequest request : requests) {
            if (current.size() == size || ids.contains(request.walletId())) {
                groups.add(current);
                current = new ArrayList<>();
                ids.clear();
            }
            current.add(request);
            ids.add(request.walletId());
        }
        if (!current.isEmpty()) {
            groups.add(current);
        }
        return groups;
    }

    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(shutdownTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                List<Runnable> dropped = executor.shutdownNow();
                LOG.warn("loader workers still busy after {} ms; interrupted them, {} queued loads dropped",
                        shutdownTimeout.toMillis(), dropped.size());
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory namedThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return runnable -> {
            Thread t = new Thread(runnable, prefix + n.incrementAndGet());
            t.setDaemon(false);
            return t;
        };
    }
}

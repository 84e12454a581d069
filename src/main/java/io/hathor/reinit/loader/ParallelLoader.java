package io.hathor.reinit.loader;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
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
 * Runs {@link DirectLoader#load} for many wallets on a fixed pool of named worker threads ({@code --workers N}).
 * Owns its executor: {@link #close()} shuts it down and waits up to the shutdown timeout, logging when workers
 * are still busy. The data source should allow at least {@code workers} connections (plus one for error marks).
 */
public final class ParallelLoader implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ParallelLoader.class);
    private static final AtomicInteger POOL_NUMBER = new AtomicInteger();

    private final DirectLoader loader;
    private final int workers;
    private final Duration shutdownTimeout;
    private final ExecutorService executor;

    public ParallelLoader(DirectLoader loader, int workers, Duration shutdownTimeout) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, got " + workers);
        }
        this.loader = Objects.requireNonNull(loader, "loader");
        this.workers = workers;
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
        List<Future<?>> futures = new ArrayList<>(requests.size());
        for (LoadRequest request : requests) {
            futures.add(executor.submit(() -> {
                try {
                    LoadResult result = loader.load(request);
                    (result.success() ? succeeded : failed).incrementAndGet();
                    derived.addAndGet(result.addressesDerived());
                    claimed.addAndGet(result.addressesClaimed());
                    deriveNanos.addAndGet(result.deriveNanos());
                    sqlNanos.addAndGet(result.sqlNanos());
                    onResult.accept(result);
                } catch (RuntimeException e) {
                    LOG.error("callback or loader failed unexpectedly for wallet {}", request.walletId(), e);
                } finally {
                    done.countDown();
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

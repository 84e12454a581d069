package io.hathor.reinit.csv;

import io.hathor.reinit.config.ExitStatus;
import io.hathor.reinit.config.ReinitException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Validates records on all cores while keeping file order: xpub checks (base58 and EC point decompression) cost
 * ~10 µs each, so one core cannot reach 100,000 rows/s. Chunks in flight are bounded, so memory stays constant;
 * small files never start a thread.
 */
final class ParallelValidation implements AutoCloseable {
    static final int CHUNK = 2048;
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final RowValidator validator;
    private final int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
    private final ArrayDeque<Future<List<RowValidator.Result>>> inFlight = new ArrayDeque<>();
    private List<RecordTokenizer.RawRecord> chunk = new ArrayList<>(CHUNK);
    private ExecutorService pool;

    ParallelValidation(RowValidator validator) {
        this.validator = validator;
    }

    /** Queues a record; results of finished chunks go to {@code sink} in file order. */
    void add(RecordTokenizer.RawRecord record, Consumer<RowValidator.Result> sink) {
        chunk.add(record);
        if (chunk.size() < CHUNK) {
            return;
        }
        if (pool == null) {
            pool = Executors.newFixedThreadPool(threads, namedThreads());
        }
        List<RecordTokenizer.RawRecord> full = chunk;
        chunk = new ArrayList<>(CHUNK);
        inFlight.add(pool.submit(() -> validateAll(full)));
        while (inFlight.size() > 2 * threads) {
            drainOne(sink);
        }
    }

    /** Validates what is left and hands every remaining result to {@code sink}. */
    void finish(Consumer<RowValidator.Result> sink) {
        while (!inFlight.isEmpty()) {
            drainOne(sink);
        }
        validateAll(chunk).forEach(sink);
        chunk = new ArrayList<>();
    }

    private List<RowValidator.Result> validateAll(List<RecordTokenizer.RawRecord> records) {
        List<RowValidator.Result> results = new ArrayList<>(records.size());
        for (RecordTokenizer.RawRecord r : records) {
            results.add(r.problem() != null ? validator.unreadable(r.line(), r.problem())
                    : validator.validate(r.line(), r.fields()));
        }
        return results;
    }

    private void drainOne(Consumer<RowValidator.Result> sink) {
        try {
            inFlight.removeFirst().get().forEach(sink);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReinitException(ExitStatus.ABORTED, "validation interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("validation failed unexpectedly", e.getCause());
        }
    }

    private static java.util.concurrent.ThreadFactory namedThreads() {
        int poolNumber = POOLS.incrementAndGet();
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "csv-validate-" + poolNumber + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public void close() {
        if (pool == null) {
            return;
        }
        pool.shutdownNow();
        try {
            pool.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

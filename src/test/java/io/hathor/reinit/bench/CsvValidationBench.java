package io.hathor.reinit.bench;

import io.hathor.reinit.config.InputFormat;
import io.hathor.reinit.csv.ValidationSummary;
import io.hathor.reinit.csv.WalletFileValidator;
import io.hathor.reinit.wallet.Base58;
import io.hathor.reinit.wallet.ExtendedPublicKey;
import io.hathor.reinit.wallet.Hashes;
import io.hathor.reinit.wallet.WalletId;
import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Scale figures for validation (not a timed test): generates a 1,000,000-row OUTFILE export of distinct valid
 * wallets, validates it, prints rows/s and peak heap. Run with -Xmx256m (see the README of the csv package).
 *
 * <pre>
 * ./mvnw -B -o -q test-compile
 * java -Xmx256m -cp target/test-classes:target/classes:$(find ~/.m2/repository -name 'bcprov-jdk18on-1.82.jar' \
 *   -o -name 'commons-csv-1.14.1.jar' -o -name 'slf4j-api-2.0.17.jar' | tr '\n' ':') \
 *   io.hathor.reinit.bench.CsvValidationBench [rows]
 * </pre>
 */
public final class CsvValidationBench {
    private static final String W01_XPUB = "xpub6CxfK7qFCANK6MqkiW88tAoNQZptDouSrhc2sYhRztSvnD1Z3zVwzfMQZXniG89fFpszB4a8"
            + "UyMpZD82cXhWqGk5J7QehbZdHijtxeJmg7S";
    private static final String W01_AUTH = "xpub6AdU4joL585czFKadGF1rzhtVStGfQfow8BXStrFqx2gPKfQmP5v9BqMxUeBfu6xwEr2yg"
            + "DCvodsVmZEGA8mPxzzm4LmgeStPrq4eUVetcQ";
    private static final int DISTINCT_POINTS = 4096;

    private CsvValidationBench() {}

    public static void main(String[] args) throws IOException {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path file = Files.createTempFile("wallets-bench", ".csv");
        try {
            long t0 = System.nanoTime();
            generate(file, rows);
            System.out.printf("generated %,d rows (%,d MB) in %.1f s%n", rows, Files.size(file) >> 20,
                    (System.nanoTime() - t0) / 1e9);
            resetPeaks();
            long[] valid = {0};
            long[] errors = {0};
            long cpu1 = processCpuNanos();
            long t1 = System.nanoTime();
            ValidationSummary s = WalletFileValidator.validate(file, InputFormat.AUTO, r -> valid[0]++,
                    e -> errors[0]++);
            double seconds = (System.nanoTime() - t1) / 1e9;
            double cpuSeconds = (processCpuNanos() - cpu1) / 1e9;
            System.out.printf("validated %,d rows (%s, %,d valid, %,d errors) in %.2f s = %,.0f rows/s on %d cores%n",
                    s.rows(), s.format(), valid[0], errors[0], seconds, s.rows() / seconds,
                    Runtime.getRuntime().availableProcessors());
            System.out.printf("validation CPU time %.2f s = %.1f µs per row (%,.0f rows/s per fully used core)%n",
                    cpuSeconds, 1e6 * cpuSeconds / s.rows(), s.rows() / cpuSeconds);
            System.out.printf("peak heap %,d MB (max heap %,d MB)%n", peakHeap() >> 20,
                    Runtime.getRuntime().maxMemory() >> 20);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Distinct depth-3 xpubs: real points from w01's children, with a chain code and child number per row. */
    static void generate(Path file, int rows) throws IOException {
        ExtendedPublicKey base = ExtendedPublicKey.parse(W01_XPUB);
        byte[][] points = new byte[DISTINCT_POINTS][];
        for (int i = 0; i < DISTINCT_POINTS; i++) {
            points[i] = base.child(i).publicKey();
        }
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < rows; i++) {
                String xpub = accountXpub(points[i % DISTINCT_POINTS], i);
                out.write('"' + WalletId.of(xpub) + "\",\"" + xpub + "\",\"ready\",\"20\",\"1651234567\","
                        + (i % 3 == 0 ? "\\N" : "\"1651234601\"") + ",\"0\",\"" + W01_AUTH + "\",\"" + (i % 50) + "\"\n");
            }
        }
    }

    static String accountXpub(byte[] point, int i) {
        byte[] chainCode = Hashes.sha256(ByteBuffer.allocate(4).putInt(i).array());
        ByteBuffer payload = ByteBuffer.allocate(78).putInt(0x0488B21E).put((byte) 3).putInt(0x1234abcd)
                .putInt(0x80000000 | (i & 0x7fffffff)).put(chainCode).put(point);
        return Base58.encodeChecked(payload.array());
    }

    /** CPU time of the whole JVM (all threads, GC and JIT included): the figure that holds on a loaded machine. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static void resetPeaks() {
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    private static long peakHeap() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }
}

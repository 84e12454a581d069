package io.hathor.reinit.cli;

import io.hathor.reinit.config.ExitStatus;
import io.hathor.reinit.config.RunSettings;
import io.hathor.reinit.demo.DemoReport;
import io.hathor.reinit.demo.DemoResult;
import io.hathor.reinit.demo.DemoRun;
import io.hathor.reinit.demo.DemoSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code reinit demo}: a full reset and re-initialization on an embedded database, verified row by row. */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        header = "Reset and re-initialize a synthetic database locally, then verify every derived row.",
        description = "Runs the whole story locally with nothing installed: an embedded MariaDB with a synthetic"
                + " chain, every wallet loaded once and snapshotted, the wallet table exported and the database"
                + " reset, then the real 'reinit --csv' re-initializes it (through a local Lambda Invoke API, or in"
                + " process) and the derived tables are compared with the snapshot.",
        footer = {"", "Exit codes: 0 every table matches, 1 something differs or failed, 2 usage error."})
public final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--wallets", paramLabel = "N", defaultValue = "" + DemoSettings.DEFAULT_WALLETS,
            description = "Synthetic wallets (default: ${DEFAULT-VALUE}).")
    int wallets;

    @Option(names = "--loader", paramLabel = "KIND", defaultValue = "lambda",
            description = "lambda (a local Invoke API runs the load) or direct (default: ${DEFAULT-VALUE}).")
    RunSettings.LoaderKind loader;

    @Option(names = "--keep", paramLabel = "DIR", description = "Keep the database files in DIR (empty or absent).")
    Path keep;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "" + DemoSettings.DEFAULT_SEED,
            description = "Seed of the synthetic chain (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--shielded", description = "Shielded schema; every third wallet gets shielded keys, which the"
            + " export must carry over byte for byte (Lambda path only).")
    boolean shielded;

    @Mixin
    LoggingOptions logging;

    @Override
    public Integer call() throws InterruptedException {
        DemoSettings settings = new DemoSettings(wallets, loader, keep, seed, logging.logDir, logging.verbose,
                shielded);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (loader == RunSettings.LoaderKind.LAMBDA) {
            DemoCredentials.useDummiesWhenAbsent();
        }
        DemoRun run = new DemoRun(settings, args -> Cli.newCommandLine(out, err).execute(args.toArray(String[]::new)),
                new DemoProgress(out), Runtime.getRuntime().availableProcessors());
        DemoResult result = run.run();
        out.print(DemoReport.text(result));
        out.flush();
        return result.passed() ? ExitStatus.OK.code() : ExitStatus.FAILED.code();
    }
}

package io.hathor.reinit.cli;

import io.hathor.reinit.config.ExitStatus;
import io.hathor.reinit.config.ReinitException;
import io.hathor.reinit.db.Database;
import io.hathor.reinit.report.RunbookReports;
import io.hathor.reinit.runbook.ExportManifest;
import io.hathor.reinit.runbook.Exporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code reinit export --out FILE}: the wallet table as the documented CSV, with a manifest beside it. */
@Command(name = "export", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = "Streams the wallet table into FILE in the documented SELECT … INTO OUTFILE format (what"
                + " reinit --csv reads) and writes FILE.manifest.json: row count, sha256, wallets per status, claimed"
                + " addresses, wallet_balance and wallet_tx_history rows, schema flavor, database, server (host, port,"
                + " schema) and a digest of the (id, xpubkey) pairs. FILE is created readable by its owner only. Run"
                + " it before the reset; reinit cleanup refuses wallets it does not cover, and reinit verify compares"
                + " the database with the manifest afterwards.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  reinit export --out backups/wallets.csv",
            "  reinit export --out backups/wallets.csv --header --json",
            "",
            "Exit codes: 0 written, 2 usage or configuration error (FILE exists without",
            "            --force, no database)."
        })
public final class ExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "Export file to write.")
    Path out;

    @Option(names = "--header", description = "Start the file with a line naming the columns.")
    boolean header;

    @Option(names = "--force", description = "Overwrite FILE when it exists.")
    boolean force;

    @Option(names = "--json", description = "Print the manifest as JSON.")
    boolean json;

    @Option(names = "--without-shielded-keys",
            description = "Shielded schema: leave scan_xpriv, spend_xpub and shielded_max_gap out (the documented 9"
                    + " columns). Wallets re-initialized from such a file lose their shielded side.")
    boolean withoutShieldedKeys;

    @Mixin
    LoggingOptions logging;

    @Mixin
    DatabaseOptions database;

    @Override
    public Integer call() {
        if (Files.exists(out) && !force) {
            throw ReinitException.configuration(out + " exists; pass --force to overwrite it");
        }
        var settings = database.settings(2);
        ExportManifest manifest;
        try (Database db = Database.open(settings); Bar bar = new Bar()) {
            manifest = Exporter.run(db, new Exporter.Options(out, header, settings.jdbcUrl(), withoutShieldedKeys),
                    bar, Clock.systemUTC());
        }
        var w = spec.commandLine().getOut();
        w.print(json ? RunbookReports.json(manifest)
                : RunbookReports.text(manifest, ExportManifest.pathFor(out).toString()));
        w.flush();
        String keys = RunbookReports.shieldedKeysNotice(manifest);
        if (keys != null) {
            var err = spec.commandLine().getErr();
            err.println(keys);
            err.flush();
        }
        return ExitStatus.OK.code();
    }

    /** A progress bar when stdout is a terminal; nothing otherwise. */
    private static final class Bar implements Exporter.Progress, AutoCloseable {
        private ProgressBar bar;

        @Override
        public void start(long expectedRows) {
            if (System.console() != null) {
                bar = new ProgressBarBuilder().setTaskName("export").setInitialMax(expectedRows)
                        .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500).showSpeed().build();
            }
        }

        @Override
        public void rows(long written) {
            if (bar != null) {
                bar.maxHint(Math.max(bar.getMax(), written));
                bar.stepTo(written);
            }
        }

        @Override
        public void close() {
            if (bar != null) {
                bar.close();
            }
        }
    }
}

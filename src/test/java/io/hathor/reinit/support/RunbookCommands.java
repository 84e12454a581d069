package io.hathor.reinit.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Runs a {@code reinit} subcommand against a fixture's schema with the DB flags an operator would pass. */
public final class RunbookCommands {
    private final PipelineFixture fx;

    public RunbookCommands(PipelineFixture fx) {
        this.fx = fx;
    }

    /** {@code reinit <subcommand> <args…> --db-url … --db-user … --db-password-file … --log-dir …}. */
    public CommandRun run(String subcommand, String... args) {
        List<String> all = new ArrayList<>();
        all.add(subcommand);
        all.addAll(Arrays.asList(args));
        all.addAll(List.of("--db-url", fx.schema.url(), "--db-user", fx.schema.server().user(),
                "--db-password-file", passwordFile().toString(), "--log-dir", fx.dir.resolve("logs").toString()));
        return CommandRun.of(all.toArray(String[]::new));
    }

    private Path passwordFile() {
        try {
            Path file = fx.dir.resolve("runbook-db-password");
            Files.writeString(file, fx.schema.server().password());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

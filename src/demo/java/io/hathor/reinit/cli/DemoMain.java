package io.hathor.reinit.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/** Entry point of {@code target/reinit-demo.jar}: the {@code demo} command, with the tool's error handling. */
public final class DemoMain {
    private DemoMain() {}

    public static void main(String[] args) {
        System.exit(newCommandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true))
                .execute(args));
    }

    public static CommandLine newCommandLine(PrintWriter out, PrintWriter err) {
        return Cli.configure(new CommandLine(new DemoCommand()), out, err);
    }
}

package io.hathor.reinit.support;

import io.hathor.reinit.cli.Cli;
import io.hathor.reinit.cli.DemoMain;
import java.io.PrintWriter;
import java.io.StringWriter;

/** Drives the real picocli command line in-process and captures what it printed. */
public record CommandRun(int exitCode, String out, String err) {

    public static CommandRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.newCommandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new CommandRun(code, out.toString(), err.toString());
    }

    /** Runs the demo's command line ({@code target/reinit-demo.jar}) with these arguments. */
    public static CommandRun demo(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = DemoMain.newCommandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new CommandRun(code, out.toString(), err.toString());
    }
}

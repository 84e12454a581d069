package io.hathor.reinit;

import io.hathor.reinit.cli.Cli;

/** Entry point of {@code reinit}. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(Cli.execute(args));
    }
}

package io.hathor.reinit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.hathor.reinit.support.CommandRun;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class HelpTest {
    @Test
    void should_print_every_example_and_exit_code_line_whole_within_80_columns() {
        CommandLine root = Cli.newCommandLine(new java.io.PrintWriter(java.io.Writer.nullWriter()),
                new java.io.PrintWriter(java.io.Writer.nullWriter()));
        List<CommandLine> commands = new java.util.ArrayList<>(List.of(root));
        commands.addAll(root.getSubcommands().values());
        for (CommandLine command : commands) {
            String name = command.getCommandName();
            // when
            CommandRun help = name.equals(root.getCommandName()) ? CommandRun.of("--help")
                    : CommandRun.of(name, "--help");
            // then
            List<String> printed = help.out().lines().toList();
            for (String line : command.getCommandSpec().usageMessage().footer()) {
                assertThat(printed).as(name + ": " + line).contains(line);
                assertThat(line.length()).as(name + ": " + line).isLessThanOrEqualTo(80);
            }
        }
        assertThat(CommandRun.of("cleanup", "--help").out())
                .contains("--manifest backups.csv.manifest.json" + System.lineSeparator());
    }
}

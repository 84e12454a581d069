package io.hathor.reinit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.hathor.reinit.config.ExitStatus;
import io.hathor.reinit.config.ReinitException;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CliTest {

    @Test
    void should_map_an_unexpected_failure_to_aborted_in_the_mapper_and_the_handler() {
        // given
        IllegalStateException bug = new IllegalStateException("a bug");
        StringWriter err = new StringWriter();
        CommandLine cmd = Cli.newCommandLine(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        // when
        int mapped = Cli.exitCodeOf(bug);
        int handled = new OneLineErrorHandler().handleExecutionException(bug, cmd, null);
        // then: one answer, 3 (aborted): nothing promises that the database was left untouched
        assertThat(mapped).isEqualTo(ExitStatus.ABORTED.code());
        assertThat(handled).isEqualTo(ExitStatus.ABORTED.code());
        assertThat(err.toString()).startsWith("reinit: unexpected failure: ").doesNotContain("\tat ");
    }

    @Test
    void should_keep_the_status_of_expected_failures() {
        assertThat(Cli.exitCodeOf(ReinitException.configuration("missing DB_NAME")))
                .isEqualTo(ExitStatus.USAGE.code());
        assertThat(Cli.exitCodeOf(new ReinitException(ExitStatus.FAILED, "invalid rows")))
                .isEqualTo(ExitStatus.FAILED.code());
        assertThat(Cli.exitCodeOf(new CommandLine.ParameterException(new CommandLine(new ReinitCommand()), "bad")))
                .isEqualTo(ExitStatus.USAGE.code());
    }
}

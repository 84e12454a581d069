package io.hathor.reinit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.hathor.reinit.config.ExitStatus;
import io.hathor.reinit.config.ReinitException;
import io.hathor.reinit.db.DatabaseException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.SQLSyntaxErrorException;
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
    void should_name_a_database_failure_by_the_drivers_exception_with_exit_3() {
        // given: a failed statement of a runbook command, as it leaves db
        DatabaseException failure = DatabaseException.of(new SQLSyntaxErrorException(
                "Table 'wallet_service.wallet' doesn't exist", "42S02", 1146));
        StringWriter err = new StringWriter();
        CommandLine cmd = Cli.newCommandLine(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        // when
        int handled = new OneLineErrorHandler().handleExecutionException(failure, cmd, null);
        // then: the line a SQLException gave before it was translated, and exit 3
        assertThat(handled).isEqualTo(ExitStatus.ABORTED.code());
        assertThat(err.toString()).startsWith("reinit: unexpected failure: java.sql.SQLSyntaxErrorException: Table"
                + " 'wallet_service.wallet' doesn't exist (stack trace in ").doesNotContain("\tat ");
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

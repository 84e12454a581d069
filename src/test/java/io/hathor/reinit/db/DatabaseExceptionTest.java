package io.hathor.reinit.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class DatabaseExceptionTest {
    @Test
    void should_keep_the_servers_error_code_state_and_message() {
        // given: a deadlock as the driver reports it
        SQLException deadlock = new SQLException("Deadlock found when trying to get lock", "40001", 1213);
        // when
        DatabaseException e = DatabaseException.of(deadlock);
        // then
        assertThat(e.errorCode()).isEqualTo(1213);
        assertThat(e.sqlState()).isEqualTo("40001");
        assertThat(e).hasMessage("Deadlock found when trying to get lock").hasCause(deadlock);
    }

    @Test
    void should_take_code_and_state_from_the_first_sql_exception_among_the_causes() {
        // given: a read-only refusal wrapped by another layer
        SQLException readOnly = new SQLException("The MySQL server is running with the --read-only option", "HY000",
                1290);
        // when
        DatabaseException e = new ServerSetupException("refused", new RuntimeException(readOnly));
        // then
        assertThat(e.errorCode()).isEqualTo(1290);
        assertThat(e.sqlState()).isEqualTo("HY000");
        assertThat(ServerSetupException.causedBySetup(e)).isTrue();
        assertThat(new DatabaseException("no SQL below", new IllegalStateException()).errorCode()).isZero();
    }

    @Test
    void should_stay_transient_and_describable_once_translated() {
        // given: a lost connection and a pool timeout over a driver refusal, translated
        DatabaseException lost = DatabaseException.of(new SQLTransientConnectionException(
                "Communications link failure", "08S01"));
        DatabaseException keyRetrieval = DatabaseException.of(new SQLTransientConnectionException(
                "reinit-db - Connection is not available", null,
                new SQLNonTransientConnectionException("Public Key Retrieval is not allowed", "08001")));
        DatabaseException syntax = DatabaseException.of(new SQLException("You have an error", "42000", 1064));
        // then: the retry and the one-line description read through the translation
        assertThat(Retrying.isTransient(lost)).isTrue();
        assertThat(Retrying.isTransient(syntax)).isFalse();
        assertThat(keyRetrieval.describe()).isEqualTo(DataSources.PUBLIC_KEY_RETRIEVAL_FIX);
        assertThat(lost.describe()).isEqualTo("Communications link failure");
    }
}

package io.hathor.reinit.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class ServerErrorsTest {
    @Test
    void should_replace_the_drivers_public_key_retrieval_error_with_the_fix() {
        // given: what Connector/J throws for a caching_sha2_password login without TLS, wrapped by the pool
        SQLException driver = new SQLNonTransientConnectionException("Public Key Retrieval is not allowed", "08001");
        SQLException pool = new SQLTransientConnectionException("reinit-db - Connection is not available", null,
                driver);
        // when
        String message = DataSources.describe(pool);
        // then
        assertThat(message).isEqualTo(DataSources.PUBLIC_KEY_RETRIEVAL_FIX)
                .contains("--db-ssl-mode REQUIRED", "allowPublicKeyRetrieval=true")
                .doesNotContain("Public Key Retrieval is not allowed");
    }

    @Test
    void should_tell_server_setup_errors_from_wallet_errors() {
        // given
        SQLException binlog = new SQLException("Cannot execute statement: impossible to write to binary log since"
                + " BINLOG_FORMAT = STATEMENT", "HY000", 1665);
        SQLException readOnly = new SQLException("The MySQL server is running with the --read-only option", "HY000",
                1290);
        SQLException duplicate = new SQLException("Duplicate entry", "23000", 1062);
        SQLException deadlock = new SQLException("Deadlock found", "40001", 1213);
        // then
        assertThat(ServerSetupException.causedBySetup(new RuntimeException(binlog))).isTrue();
        assertThat(ServerSetupException.causedBySetup(readOnly)).isTrue();
        assertThat(ServerSetupException.causedBySetup(duplicate)).isFalse();
        assertThat(ServerSetupException.causedBySetup(deadlock)).isFalse();
        assertThat(ServerSetupException.causedBySetup(new IllegalStateException("wallet row not found"))).isFalse();
    }
}

package io.hathor.reinit.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class TestDatabaseIT {
    @Test
    void should_create_schema_with_htr_token() throws Exception {
        // given
        TestDatabase.Schema schema = TestDatabase.newSchema("support");
        // when
        try (Connection c = schema.connect();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT symbol, version FROM token WHERE id = '00'")) {
            // then
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("HTR");
            assertThat(rs.getInt(2)).isZero();
        }
    }

    @Test
    void should_run_under_mysql8_default_sql_mode() throws Exception {
        // given
        TestDatabase.Schema schema = TestDatabase.newSchema("sql_mode");
        try (Connection c = schema.connect(); Statement st = c.createStatement()) {
            // when
            String mode;
            try (ResultSet rs = st.executeQuery("SELECT @@SESSION.sql_mode")) {
                rs.next();
                mode = rs.getString(1);
            }
            // then: MySQL 8.0's default, and a query it forbids is refused
            assertThat(mode.split(",")).contains("ONLY_FULL_GROUP_BY", "STRICT_TRANS_TABLES", "NO_ZERO_IN_DATE",
                    "NO_ZERO_DATE", "ERROR_FOR_DIVISION_BY_ZERO", "NO_ENGINE_SUBSTITUTION");
            assertThatThrownBy(() -> st.executeQuery("SELECT id, status FROM wallet GROUP BY status"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("GROUP BY");
        }
    }
}

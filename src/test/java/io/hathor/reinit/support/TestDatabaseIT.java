package io.hathor.reinit.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
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
}

package io.hathor.reinit.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hathor.reinit.support.CommandRun;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseSettingsTest {
    private static final String SECRET = "hunter2";

    @TempDir
    Path logs;

    @Test
    void should_refuse_a_url_carrying_a_password_however_it_is_spelled() {
        for (String url : new String[] {
            "jdbc:mysql://db:3306/ws?password=" + SECRET,
            "jdbc:mysql://db:3306/ws?%70assword=" + SECRET,
            "jdbc:mysql://db:3306/ws?useSSL=true&password1=" + SECRET,
            "jdbc:mysql://db:3306/ws?PassWord=" + SECRET,
            "jdbc:mysql://db:3306/ws?pwd=" + SECRET,
            "jdbc:mysql://db:3306/ws;%50ASSWORD%3D" + SECRET,
            "jdbc:mysql://(host=db,port=3306,password=" + SECRET + ")/ws",
            "jdbc:mysql://root:" + SECRET + "@db:3306/ws",
            "jdbc:mysql://root%3A" + SECRET + "%40db:3306/ws"}) {
            // when / then
            assertThatThrownBy(() -> new DatabaseSettings(url, "u", "", null, 1)).as(url)
                    .isInstanceOf(ReinitException.class)
                    .hasMessageContaining("must not carry a password")
                    .hasMessageNotContaining(SECRET);
        }
    }

    @Test
    void should_accept_a_url_whose_parameters_name_no_password() {
        // when
        DatabaseSettings s = new DatabaseSettings("jdbc:mysql://db:3306/ws?sslMode=REQUIRED&connectTimeout=5000", "u",
                SECRET, null, 1);
        // then
        assertThat(s.schemaName()).isEqualTo("ws");
        assertThat(s.toString()).contains("sslMode=REQUIRED").doesNotContain(SECRET);
    }

    @Test
    void should_redact_secret_and_key_parameters_when_printing() {
        // when
        String shown = JdbcUrls.redacted("jdbc:mysql://db:3306/ws?sslMode=REQUIRED&awsSecretToken=" + SECRET
                + "&%61piKey=" + SECRET + "&trustCertificateKeyStoreUrl=file:/k&password1=" + SECRET);
        // then
        assertThat(shown).doesNotContain(SECRET)
                .isEqualTo("jdbc:mysql://db:3306/ws?sslMode=REQUIRED&awsSecretToken=<redacted>&apiKey=<redacted>"
                        + "&trustCertificateKeyStoreUrl=<redacted>&password1=<redacted>");
        assertThat(JdbcUrls.redacted("jdbc:mysql://u:" + SECRET + "@db/ws")).isEqualTo("jdbc:mysql://<redacted>@db/ws");
    }

    @Test
    void should_exit_2_without_printing_an_encoded_password_given_in_db_url() {
        // when
        CommandRun run = CommandRun.of("check", "--db-url", "jdbc:mysql://127.0.0.1:1/ws?%70assword=" + SECRET,
                "--db-user", "u", "--log-dir", logs.toString());
        // then
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("must not carry a password");
        assertThat(run.out() + run.err()).doesNotContain(SECRET);
    }
}

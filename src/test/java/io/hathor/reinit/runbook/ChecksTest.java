package io.hathor.reinit.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import io.hathor.reinit.db.RunLock;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChecksTest {
    @Test
    void should_pass_privileges_from_a_global_all_grant() {
        // when
        CheckResult r = Checks.privileges(List.of("GRANT ALL PRIVILEGES ON *.* TO `root`@`localhost` WITH GRANT OPTION"),
                "ws");
        // then
        assertThat(r.level()).isEqualTo(CheckResult.Level.PASS);
    }

    @Test
    void should_fail_missing_privileges_on_the_schema() {
        // when
        CheckResult r = Checks.privileges(List.of("GRANT USAGE ON *.* TO `u`@`%`",
                "GRANT SELECT, INSERT ON `ws`.* TO `u`@`%`"), "ws");
        // then
        assertThat(r.level()).isEqualTo(CheckResult.Level.FAIL);
        assertThat(r.detail()).contains("UPDATE", "DELETE", "CREATE").doesNotContain("SELECT,");
    }

    @Test
    void should_warn_when_roles_may_grant_what_is_missing() {
        // when
        CheckResult r = Checks.privileges(List.of("GRANT USAGE ON *.* TO `u`@`%`", "GRANT `app_rw`@`%` TO `u`@`%`"),
                "ws");
        // then
        assertThat(r.level()).isEqualTo(CheckResult.Level.WARN);
    }

    @Test
    void should_warn_without_drop_and_read_escaped_schema_names() {
        // when
        CheckResult r = Checks.privileges(List.of(
                "GRANT SELECT, INSERT, UPDATE, DELETE, CREATE ON `wallet\\_service`.* TO `u`@`%`"), "wallet_service");
        // then
        assertThat(r.level()).isEqualTo(CheckResult.Level.WARN);
        assertThat(r.detail()).contains("DROP");
    }

    @Test
    void should_pass_privileges_on_a_schema_whose_name_holds_a_backtick_a_quote_or_a_space() {
        for (String[] grantAndSchema : new String[][] {
            {"GRANT ALL PRIVILEGES ON `we``ird`.* TO `u`@`%`", "we`ird"},
            {"GRANT ALL PRIVILEGES ON `o'brien`.* TO 'u'@'%'", "o'brien"},
            {"GRANT ALL PRIVILEGES ON `my wallets`.* TO `u`@`%`", "my wallets"},
            {"GRANT ALL PRIVILEGES ON \"ws\".* TO \"u\"@\"%\"", "ws"},
            {"GRANT ALL PRIVILEGES ON \"say \"\"hi\"\"\".* TO \"u\"@\"%\"", "say \"hi\""}}) {
            // when
            CheckResult r = Checks.privileges(List.of("GRANT USAGE ON *.* TO `u`@`%`", grantAndSchema[0]),
                    grantAndSchema[1]);
            // then
            assertThat(r.level()).as(grantAndSchema[0]).isEqualTo(CheckResult.Level.PASS);
        }
    }

    @Test
    void should_not_take_a_grant_on_another_schema_or_a_table_for_the_schema() {
        // when
        CheckResult other = Checks.privileges(List.of("GRANT ALL PRIVILEGES ON `we``ird2`.* TO `u`@`%`"), "we`ird");
        CheckResult table = Checks.privileges(List.of("GRANT ALL PRIVILEGES ON `ws`.`wallet` TO `u`@`%`"), "ws");
        // then
        assertThat(other.level()).isEqualTo(CheckResult.Level.FAIL);
        assertThat(table.level()).isEqualTo(CheckResult.Level.WARN);
    }

    @Test
    void should_name_the_lock_after_the_schema_within_64_characters() {
        // then
        assertThat(RunLock.nameFor("wallet_service")).isEqualTo("reinit:wallet_service");
        assertThat(RunLock.nameFor("x".repeat(64))).hasSize(64).startsWith("reinit:");
    }

    @Test
    void should_drop_credentials_from_the_url() {
        // then
        assertThat(Exporter.withoutCredentials("jdbc:mysql://u:secret@db:3306/ws?user=u&password=p&sslMode=REQUIRED"))
                .isEqualTo("jdbc:mysql://db:3306/ws?sslMode=REQUIRED");
        assertThat(Exporter.withoutCredentials("jdbc:mysql://db:3306/ws")).isEqualTo("jdbc:mysql://db:3306/ws");
    }
}

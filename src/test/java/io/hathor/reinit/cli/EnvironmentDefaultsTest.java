package io.hathor.reinit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hathor.reinit.config.DatabaseSettings;
import io.hathor.reinit.config.LambdaSettings;
import io.hathor.reinit.config.ReinitException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The variables reach the flags through the one default-value provider: flag over environment over .env. */
class EnvironmentDefaultsTest {
    private static final Map<String, String> PROCESS = Map.of("DB_ENDPOINT", "db.internal", "DB_NAME", "wallets",
            "DB_PASS", "s3cret-from-env", "SERVICE_NAME", "hathor-wallet-service", "NETWORK", "testnet");
    private static final Map<String, String> DOT_ENV = Map.of("DB_ENDPOINT", "ignored.local", "DB_PORT", "3307",
            "DB_USER", "reinit", "STAGE", "dev", "AWS_REGION", "eu-central-1");

    private static ReinitCommand parse(Environment env, String... args) {
        ReinitCommand command = new ReinitCommand();
        CommandLine cmd = Cli.configure(new CommandLine(command), new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()));
        Cli.useEnvironment(cmd, env);
        cmd.parseArgs(args);
        return command;
    }

    @Test
    void should_fill_the_flags_from_the_environment_over_dot_env() {
        // when
        ReinitCommand command = parse(new Environment(PROCESS, DOT_ENV), "--csv", "w.csv");
        DatabaseSettings db = command.database.settings(4);
        LambdaSettings lambda = command.lambda.settings();
        // then
        assertThat(db.jdbcUrl()).contains("db.internal:3307/wallets").doesNotContain("ignored.local");
        assertThat(db.user()).isEqualTo("reinit");
        assertThat(db.password()).isEqualTo("s3cret-from-env");
        assertThat(lambda.functionName()).isEqualTo("hathor-wallet-service-dev-loadWalletAsync");
        assertThat(lambda.region()).isEqualTo("eu-central-1");
        assertThat(lambda.endpoint()).isEqualTo(URI.create("http://localhost:3002"));
        assertThat(command.network).isEqualTo("testnet");
    }

    @Test
    void should_let_flags_win_over_both() {
        // when
        ReinitCommand command = parse(new Environment(PROCESS, DOT_ENV), "--csv", "w.csv", "--db-url",
                "jdbc:mysql://other:3306/x", "--db-user", "admin", "--function-name", "f", "--region", "us-east-1",
                "--lambda-endpoint", "http://127.0.0.1:9", "--network", "privatenet");
        // then
        assertThat(command.database.settings(4).jdbcUrl()).startsWith("jdbc:mysql://other:3306/x");
        assertThat(command.database.settings(4).user()).isEqualTo("admin");
        assertThat(command.lambda.settings()).isEqualTo(new LambdaSettings("f", "us-east-1",
                URI.create("http://127.0.0.1:9")));
        assertThat(command.network).isEqualTo("privatenet");
    }

    @Test
    void should_name_the_missing_variable_when_nothing_sets_the_database_or_function() {
        // when
        ReinitCommand command = parse(new Environment(Map.of("DB_ENDPOINT", "db"), Map.of("STAGE", "prod")),
                "--csv", "w.csv");
        // then
        assertThatThrownBy(() -> command.database.settings(4)).isInstanceOf(ReinitException.class)
                .hasMessage("no database given: set DB_NAME (or pass --db-url)");
        assertThatThrownBy(() -> command.lambda.settings()).isInstanceOf(ReinitException.class)
                .hasMessage("no Lambda function: pass --function-name or set SERVICE_NAME");
        assertThat(command.network).isEqualTo("mainnet");
        assertThat(command.lambda.endpoint).isNull();
    }

    @Test
    void should_show_the_defaults_of_unset_variables() {
        // given
        Environment env = new Environment(Map.of(), Map.of());
        // when
        String described = env.describe();
        // then
        assertThat(described).containsPattern("DB_PORT +3306 \\(default\\)");
        assertThat(described).containsPattern("NETWORK +mainnet \\(default\\)");
        assertThat(described).containsPattern("DB_PASS +\\(not set\\)");
        assertThat(described).doesNotContain("--db-url");
    }

    @Test
    void should_list_the_values_in_effect_and_their_source_in_help_but_never_the_password() {
        // given
        StringWriter out = new StringWriter();
        CommandLine cmd = Cli.newCommandLine(new PrintWriter(out, true), new PrintWriter(new StringWriter()));
        Cli.useEnvironment(cmd, new Environment(PROCESS, DOT_ENV));
        // when
        cmd.execute("--help");
        // then
        String help = out.toString();
        assertThat(help).contains("Values in effect (environment over ./.env over defaults; flags override them):");
        assertThat(help).containsPattern("DB_ENDPOINT +db\\.internal \\(environment\\)");
        assertThat(help).containsPattern("DB_PORT +3307 \\(\\.env\\)");
        assertThat(help).containsPattern("DB_PASS +\\(set\\) \\(environment\\)");
        assertThat(help).containsPattern("AWS_REGION +eu-central-1 \\(\\.env\\)");
        assertThat(help).containsPattern("NETWORK +testnet \\(environment\\)");
        assertThat(help).containsPattern("--db-url +jdbc:mysql://db\\.internal:3307/wallets");
        assertThat(help).containsPattern("--function-name +hathor-wallet-service-dev-loadWalletAsync");
        assertThat(help).doesNotContain("s3cret-from-env");
        assertThat(help).doesNotContain("ignored.local");
    }
}

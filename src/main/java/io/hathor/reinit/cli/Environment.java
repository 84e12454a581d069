package io.hathor.reinit.cli;

import io.hathor.reinit.config.DatabaseSettings;
import io.hathor.reinit.config.ReinitException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;

/**
 * The wallet-service's variables: the process environment over a {@code .env} file in the working directory (the
 * environment wins), and the picocli default-value provider that gives them to the flags they stand for (a flag on
 * the command line wins over both). The one place the CLI reads them; the core gets typed settings.
 */
final class Environment implements CommandLine.IDefaultValueProvider {
    /** The variables the tool reads, in the order --help lists them. */
    static final List<String> VARIABLES = List.of("DB_ENDPOINT", "DB_PORT", "DB_NAME", "DB_USER", "DB_PASS", "STAGE",
            "SERVICE_NAME", "AWS_REGION", "NETWORK");
    /** What the tool uses when a variable is not set. */
    private static final Map<String, String> DEFAULTS = Map.of("DB_PORT", "3306", "NETWORK", "mainnet");
    /** Variables whose value is never shown. */
    private static final Set<String> SECRETS = Set.of("DB_PASS");
    /** The serverless-offline endpoint used when STAGE=dev. */
    static final String SERVERLESS_OFFLINE = "http://localhost:3002";

    private static volatile Environment current;

    private final Map<String, String> process;
    private final Map<String, String> dotEnv;

    Environment(Map<String, String> process, Map<String, String> dotEnv) {
        this.process = Map.copyOf(process);
        this.dotEnv = Map.copyOf(dotEnv);
    }

    /** This process's environment and the working directory's {@code .env}, read once. */
    static Environment current() {
        Environment loaded = current;
        if (loaded == null) {
            loaded = new Environment(System.getenv(), parse(Path.of(".env")));
            current = loaded;
        }
        return loaded;
    }

    /** Where a variable's value comes from. */
    enum Source {
        ENVIRONMENT("environment"),
        DOT_ENV(".env"),
        DEFAULT("default"),
        UNSET("not set");

        private final String label;

        Source(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** The variable's value, or null when neither the environment nor .env sets it (an empty value is unset). */
    String get(String name) {
        return switch (source(name)) {
            case ENVIRONMENT -> process.get(name);
            case DOT_ENV -> dotEnv.get(name);
            case DEFAULT, UNSET -> null;
        };
    }

    String getOr(String name, String fallback) {
        String value = get(name);
        return value == null ? fallback : value;
    }

    Source source(String name) {
        String value = process.get(name);
        if (value != null && !value.isEmpty()) {
            return Source.ENVIRONMENT;
        }
        value = dotEnv.get(name);
        return value == null || value.isEmpty() ? Source.UNSET : Source.DOT_ENV;
    }

    /** Only the process environment, for what other libraries read from it (the AWS SDK does not read .env). */
    String fromProcess(String name) {
        String value = process.get(name);
        return value == null || value.isEmpty() ? null : value;
    }

    /** The flags' defaults from the variables; null leaves the option's own default. */
    @Override
    public String defaultValue(CommandLine.Model.ArgSpec arg) {
        if (!(arg instanceof CommandLine.Model.OptionSpec option)) {
            return null;
        }
        return switch (option.longestName()) {
            case "--db-url" -> jdbcUrl();
            case "--db-user" -> get("DB_USER");
            case "--function-name" -> get("SERVICE_NAME") == null || get("STAGE") == null ? null
                    : get("SERVICE_NAME") + "-" + get("STAGE") + "-loadWalletAsync";
            case "--region" -> get("AWS_REGION");
            case "--lambda-endpoint" -> "dev".equals(get("STAGE")) ? SERVERLESS_OFFLINE : null;
            case "--network" -> get("NETWORK");
            default -> null;
        };
    }

    /** The URL from DB_ENDPOINT, DB_PORT (3306) and DB_NAME; null when one is missing or the port is no number. */
    private String jdbcUrl() {
        String host = get("DB_ENDPOINT");
        String name = get("DB_NAME");
        if (host == null || name == null) {
            return null;
        }
        try {
            return DatabaseSettings.urlFor(host, DatabaseOptions.parsePort(getOr("DB_PORT", "3306")), name);
        } catch (ReinitException e) {
            return null;
        }
    }

    /**
     * One line per variable: its value (never a password's) and where it comes from, then the flag defaults built
     * from them.
     */
    String describe() {
        StringBuilder text = new StringBuilder();
        for (String name : VARIABLES) {
            Source source = source(name);
            String value = get(name);
            if (source == Source.UNSET && DEFAULTS.containsKey(name)) {
                source = Source.DEFAULT;
                value = DEFAULTS.get(name);
            }
            String shown = value == null ? "" : SECRETS.contains(name) ? "(set) " : value + " ";
            text.append(String.format("  %-17s %s(%s)%n", name, shown, source));
        }
        derived(text, "--db-url", jdbcUrl(), "DB_ENDPOINT, DB_PORT, DB_NAME");
        derived(text, "--function-name", defaultValueOf("--function-name"), "SERVICE_NAME, STAGE");
        derived(text, "--lambda-endpoint", defaultValueOf("--lambda-endpoint"), "STAGE=dev");
        return text.toString();
    }

    private static void derived(StringBuilder text, String flag, String value, String from) {
        if (value != null) {
            text.append(String.format("  %-17s %s (from %s)%n", flag, value, from));
        }
    }

    private String defaultValueOf(String flag) {
        return defaultValue(CommandLine.Model.OptionSpec.builder(flag).build());
    }

    /** KEY=VALUE lines; '#' comments, optional 'export ', single or double quotes around the value. */
    static Map<String, String> parse(Path file) {
        Map<String, String> values = new HashMap<>();
        if (!Files.isRegularFile(file)) {
            return values;
        }
        try {
            for (String raw : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String line = raw.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                if (line.startsWith("export ")) {
                    line = line.substring(7).strip();
                }
                int eq = line.indexOf('=');
                if (eq <= 0) {
                    continue;
                }
                String key = line.substring(0, eq).strip();
                String value = line.substring(eq + 1).strip();
                if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                        || value.startsWith("'") && value.endsWith("'"))) {
                    value = value.substring(1, value.length() - 1);
                }
                values.put(key, value);
            }
        } catch (IOException e) {
            // An unreadable .env is treated as absent; the settings validation names what is missing.
        }
        return values;
    }
}

package io.hathor.reinit.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The wallet-service's variables: the process environment, over a {@code .env} file in the working directory when
 * present (the environment wins). Only the CLI reads it; the core gets typed settings.
 */
final class Environment {
    private static volatile Map<String, String> dotEnv;

    private Environment() {}

    static String get(String name) {
        String value = System.getenv(name);
        if (value != null && !value.isEmpty()) {
            return value;
        }
        String fromFile = dotEnv().get(name);
        return fromFile == null || fromFile.isEmpty() ? null : fromFile;
    }

    static String getOr(String name, String fallback) {
        String value = get(name);
        return value == null ? fallback : value;
    }

    private static Map<String, String> dotEnv() {
        Map<String, String> loaded = dotEnv;
        if (loaded == null) {
            loaded = parse(Path.of(".env"));
            dotEnv = loaded;
        }
        return loaded;
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

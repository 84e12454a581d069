package io.hathor.reinit.config;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses {@code 500ms}, {@code 10s}, {@code 5m}, {@code 1h}; a bare number takes the option's historical unit. */
public final class Durations {
    private static final Pattern FORMAT = Pattern.compile("(-?\\d+)(ms|s|m|h)?");

    private Durations() {}

    public static Duration parse(String text, ChronoUnit bareUnit) {
        Matcher m = FORMAT.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration (examples: 500ms, 10s, 5m, 1h)");
        }
        long amount = Long.parseLong(m.group(1));
        String unit = m.group(2);
        ChronoUnit chrono = unit == null ? bareUnit : switch (unit) {
            case "ms" -> ChronoUnit.MILLIS;
            case "s" -> ChronoUnit.SECONDS;
            case "m" -> ChronoUnit.MINUTES;
            default -> ChronoUnit.HOURS;
        };
        return Duration.of(amount, chrono);
    }

    /** Short human form: 1h2m, 5m, 10s, 500ms. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + "ms";
        }
        long s = d.toSeconds();
        long h = s / 3600;
        long m = (s % 3600) / 60;
        long sec = s % 60;
        StringBuilder sb = new StringBuilder();
        if (h > 0) {
            sb.append(h).append('h');
        }
        if (m > 0) {
            sb.append(m).append('m');
        }
        if (sec > 0 || sb.length() == 0) {
            sb.append(sec).append('s');
        }
        return sb.toString();
    }
}

package io.hathor.reinit.config;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Judges and prints JDBC URLs by their percent-decoded text, so that {@code %70assword=} counts as {@code password=}.
 * A parameter is any {@code name=value} of the URL: the query ({@code ?a=1&b=2}, also with {@code ;}) and the
 * driver's {@code (key=value,…)} host properties.
 */
public final class JdbcUrls {
    /** A parameter name, its '=' and the value up to the next separator. */
    private static final Pattern PARAMETER = Pattern.compile("([^?&;,()=/@]+)=([^&;,()]*)");
    private static final Pattern USER_INFO = Pattern.compile("^(jdbc:[a-z:]+//)([^/?]*@)");
    private static final String[] SECRET_WORDS = {"password", "pwd", "secret", "key"};
    static final String REDACTED = "<redacted>";

    private JdbcUrls() {}

    /** Whether the URL carries a password: a user-info part ({@code user:pw@host}) or a parameter naming one. */
    public static boolean carriesPassword(String url) {
        String decoded = decode(url);
        if (USER_INFO.matcher(decoded).find()) {
            return true;
        }
        Matcher m = PARAMETER.matcher(decoded);
        while (m.find()) {
            String name = m.group(1).strip().toLowerCase(Locale.ROOT);
            if (name.contains("password") || name.contains("pwd")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The URL for messages and logs: percent-decoded, the user-info part and the value of every parameter whose name
     * holds "password", "pwd", "secret" or "key" replaced by {@code <redacted>}.
     */
    public static String redacted(String url) {
        if (url == null) {
            return null;
        }
        String decoded = USER_INFO.matcher(decode(url)).replaceFirst("$1" + REDACTED + "@");
        Matcher m = PARAMETER.matcher(decoded);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String replacement = isSecret(name) ? name + "=" + REDACTED : m.group();
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static boolean isSecret(String name) {
        String lower = name.strip().toLowerCase(Locale.ROOT);
        for (String word : SECRET_WORDS) {
            if (lower.contains(word)) {
                return true;
            }
        }
        return false;
    }

    /** Percent-decodes as UTF-8; a '%' not followed by two hex digits stays as it is; '+' stays '+'. */
    static String decode(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        byte[] raw = text.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == '%' && i + 2 < raw.length && hex(raw[i + 1]) >= 0 && hex(raw[i + 2]) >= 0) {
                bytes.write(hex(raw[i + 1]) * 16 + hex(raw[i + 2]));
                i += 2;
            } else {
                bytes.write(raw[i]);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static int hex(byte b) {
        return Character.digit(b, 16);
    }
}

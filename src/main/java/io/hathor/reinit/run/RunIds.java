package io.hathor.reinit.run;

import java.security.SecureRandom;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/** Run ids that sort by time and name the run's files: {@code 20261123_154000_a1b2}. */
public final class RunIds {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss");
    private static final SecureRandom RANDOM = new SecureRandom();

    private RunIds() {}

    public static String next() {
        byte[] suffix = new byte[2];
        RANDOM.nextBytes(suffix);
        return LocalDateTime.now(ZoneOffset.UTC).format(STAMP) + "_" + HexFormat.of().formatHex(suffix);
    }
}

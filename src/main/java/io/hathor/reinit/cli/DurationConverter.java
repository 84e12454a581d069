package io.hathor.reinit.cli;

import io.hathor.reinit.config.Durations;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import picocli.CommandLine.ITypeConverter;

/** Duration flags; a bare number keeps the reference script's unit for that flag. */
final class DurationConverter {
    private DurationConverter() {}

    static final class Seconds implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return Durations.parse(value, ChronoUnit.SECONDS);
        }
    }

    static final class Minutes implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return Durations.parse(value, ChronoUnit.MINUTES);
        }
    }
}

package io.hathor.reinit.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import org.slf4j.LoggerFactory;

/** Adds the per-run log file ({@code <log-dir>/reinit_<timestamp>.log}) and sets the console level. */
final class Logging {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss");
    private static volatile Level consoleLevel = Level.INFO;
    private static volatile Path currentLogFile;

    private Logging() {}

    static synchronized Path start(Path logDir, boolean verbose) {
        consoleLevel = verbose ? Level.DEBUG : Level.INFO;
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ch.qos.logback.classic.Logger ours = context.getLogger("io.hathor.reinit");
        ours.setLevel(Level.DEBUG);
        Appender<ILoggingEvent> old = root.getAppender("RUNFILE");
        if (old != null) {
            root.detachAppender(old);
            old.stop();
        }
        Path file = logDir.resolve("reinit_" + LocalDateTime.now().format(STAMP) + ".log").toAbsolutePath();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{ISO8601} %-5level [%thread] %logger{36} - %msg%n");
        encoder.start();
        FileAppender<ILoggingEvent> appender = new FileAppender<>();
        appender.setName("RUNFILE");
        appender.setContext(context);
        appender.setFile(file.toString());
        appender.setAppend(true);
        appender.setEncoder(encoder);
        appender.start();
        root.addAppender(appender);
        currentLogFile = file;
        return file;
    }

    static Path currentLogFile() {
        return currentLogFile;
    }

    /** Console filter of {@link LogConfigurator}: shows what the current run's console level allows. */
    public static final class ConsoleFilter extends Filter<ILoggingEvent> {
        @Override
        public FilterReply decide(ILoggingEvent event) {
            if (!event.getLoggerName().startsWith("io.hathor.reinit")) {
                return event.getLevel().isGreaterOrEqual(Level.WARN) ? FilterReply.NEUTRAL : FilterReply.DENY;
            }
            return event.getLevel().isGreaterOrEqual(consoleLevel) ? FilterReply.NEUTRAL : FilterReply.DENY;
        }
    }
}

package io.hathor.reinit.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.Map;

/**
 * The tool's logging set-up in code, found by logback through {@code META-INF/services}: the console on stderr (what
 * {@link Logging.ConsoleFilter} lets through) and the levels per library. Reading an XML configuration loads about
 * 400 classes more and takes a good part of the start-up of a short command. When an operator names a file with
 * {@code -Dlogback.configurationFile}, or a {@code logback-test.xml} is on the class path (the tests), logback's own
 * configuration reads it instead. The run's log file is added by
 * {@link Logging#start}.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LogConfigurator extends ContextAwareBase implements Configurator {
    private static final Map<String, Level> LEVELS = Map.of(
            "io.hathor.reinit", Level.DEBUG,
            "com.zaxxer.hikari", Level.INFO,
            "ch.vorburger", Level.WARN,
            "software.amazon.awssdk", Level.WARN,
            "org.apache.http", Level.WARN);

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null
                || LogConfigurator.class.getClassLoader().getResource("logback-test.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        apply(context);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** The console appender and the levels, on {@code context}. */
    static void apply(LoggerContext context) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{HH:mm:ss} %-5level %msg%n%nopex");
        encoder.start();
        Logging.ConsoleFilter filter = new Logging.ConsoleFilter();
        filter.setContext(context);
        filter.start();
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setName("CONSOLE");
        console.setContext(context);
        console.setTarget("System.err");
        console.setEncoder(encoder);
        console.addFilter(filter);
        console.start();
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(console);
        LEVELS.forEach((name, level) -> context.getLogger(name).setLevel(level));
    }
}

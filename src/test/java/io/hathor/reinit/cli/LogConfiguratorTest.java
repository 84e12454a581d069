package io.hathor.reinit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.FilterReply;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The logging set-up in code that replaced logback.xml: registered for logback, console on stderr, the levels. */
class LogConfiguratorTest {

    @Test
    void should_be_registered_for_logback() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/META-INF/services/ch.qos.logback.classic.spi.Configurator")) {
            assertThat(in).isNotNull();
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8).strip()).isEqualTo(LogConfigurator.class.getName());
        }
    }

    @Test
    void should_log_to_stderr_through_the_console_filter_with_the_levels_of_the_tool() {
        // given
        LoggerContext context = new LoggerContext();
        // when
        LogConfigurator.apply(context);
        // then
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        assertThat(root.getLevel()).isEqualTo(Level.INFO);
        assertThat(context.getLogger("io.hathor.reinit").getLevel()).isEqualTo(Level.DEBUG);
        assertThat(context.getLogger("software.amazon.awssdk").getLevel()).isEqualTo(Level.WARN);
        ConsoleAppender<ILoggingEvent> console = (ConsoleAppender<ILoggingEvent>) root.getAppender("CONSOLE");
        assertThat(console.isStarted()).isTrue();
        assertThat(console.getTarget()).isEqualTo("System.err");
        assertThat(console.getFilterChainDecision(event(context, "io.hathor.reinit.run.X", Level.DEBUG))).isEqualTo(FilterReply.DENY);
        assertThat(console.getFilterChainDecision(event(context, "io.hathor.reinit.run.X", Level.INFO))).isEqualTo(FilterReply.NEUTRAL);
        assertThat(console.getFilterChainDecision(event(context, "com.zaxxer.hikari.pool", Level.INFO))).isEqualTo(FilterReply.DENY);
        assertThat(console.getFilterChainDecision(event(context, "com.zaxxer.hikari.pool", Level.WARN))).isEqualTo(FilterReply.NEUTRAL);
    }

    private static ILoggingEvent event(LoggerContext context, String logger, Level level) {
        return new LoggingEvent(LogConfiguratorTest.class.getName(), context.getLogger(logger), level, "message", null, null);
    }
}

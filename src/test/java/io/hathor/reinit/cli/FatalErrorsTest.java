package io.hathor.reinit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class FatalErrorsTest {

    @Test
    void should_end_an_out_of_memory_error_with_one_line_and_exit_3() {
        // given
        StringWriter err = new StringWriter();
        OutOfMemoryError oom = new OutOfMemoryError("Java heap space");
        // when
        int code = FatalErrors.report(oom, new PrintWriter(err));
        // then
        assertThat(code).isEqualTo(3);
        assertThat(err.toString().strip()).doesNotContain("\n").doesNotContain("\tat ")
                .startsWith("reinit: fatal error: out of memory (Java heap space); give the JVM more heap");
    }

    @Test
    void should_name_any_other_error_in_one_line() {
        // given
        StringWriter err = new StringWriter();
        // when
        int code = FatalErrors.report(new NoClassDefFoundError("io/hathor/Missing"), new PrintWriter(err));
        // then
        assertThat(code).isEqualTo(3);
        assertThat(err.toString().strip()).doesNotContain("\n")
                .startsWith("reinit: fatal error: NoClassDefFoundError: io/hathor/Missing");
    }
}

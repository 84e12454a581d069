package io.hathor.reinit.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class CsvCellsTest {
    private static final Path FULL = Path.of("/dev/full");
    private static final Path OPEN_FILES = Path.of("/proc/self/fd");

    @Test
    void should_close_the_file_when_the_header_cannot_be_written() throws IOException {
        assumeTrue(Files.isWritable(FULL) && Files.isDirectory(OPEN_FILES), "Linux /dev/full and /proc");
        // given: a device that refuses every write, and a header longer than the writer's buffer
        String longColumn = "x".repeat(20_000);
        long before = descriptorsOn(FULL);
        // when
        assertThatThrownBy(() -> CsvCells.open(FULL, "id", longColumn)).isInstanceOf(UncheckedIOException.class);
        // then
        assertThat(descriptorsOn(FULL)).as("file descriptors left open on " + FULL).isEqualTo(before);
    }

    private static long descriptorsOn(Path target) throws IOException {
        try (Stream<Path> descriptors = Files.list(OPEN_FILES)) {
            return descriptors.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).equals(target);
                } catch (IOException e) {
                    return false; // closed meanwhile
                }
            }).count();
        }
    }
}

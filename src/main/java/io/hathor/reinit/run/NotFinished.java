package io.hathor.reinit.run;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The wallets a run selected for a load but ended without (never launched after a stop, or left in flight when the
 * database was lost): their number, and the file that lists their ids, one per line, so a run stopped early over a
 * million wallets holds none of them in memory. A rerun of the same command takes them up.
 *
 * @param count how many
 * @param file the list; null when {@code count} is 0, or when the list could not be written
 */
public record NotFinished(int count, Path file) {
    public static final NotFinished NONE = new NotFinished(0, null);

    public NotFinished {
        if (count < 0 || (count == 0 && file != null)) {
            throw new IllegalArgumentException("a list file goes with a positive count: " + count + ", " + file);
        }
    }

    /** Each id of the file, in the order the run had them queued. */
    public void forEachId(Consumer<String> action) {
        if (file == null) {
            return;
        }
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!line.isEmpty()) {
                    action.accept(line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}

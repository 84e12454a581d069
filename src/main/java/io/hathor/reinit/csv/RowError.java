package io.hathor.reinit.csv;

/**
 * One problem in the input, with its coordinates; the reason never carries a full xpubkey.
 *
 * @param file the file name as given
 * @param line physical line where the record starts (0 when the problem concerns the whole file)
 * @param column column name, or null when the problem is about the whole record
 * @param reason what is wrong, safe to show and log
 * @param id the record's raw id cell when it had one (for the rejected file), else null
 */
public record RowError(String file, long line, String column, String reason, String id) {

    /** A problem not tied to a readable id. */
    public RowError(String file, long line, String column, String reason) {
        this(file, line, column, reason, null);
    }

    /** {@code file:line column: reason}, the console form. */
    public String describe() {
        return file + ":" + line + (column == null ? "" : " " + column) + ": " + reason;
    }
}

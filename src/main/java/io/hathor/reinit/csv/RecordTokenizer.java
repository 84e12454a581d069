package io.hathor.reinit.csv;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns physical lines into records of fields, MySQL style: backslash escapes ({@code \"} {@code \\} {@code \0}
 * {@code \b} {@code \n} {@code \r} {@code \t} {@code \Z}, backslash + separator/TAB/LF = that character), unquoted
 * {@code \N} = NULL while a quoted {@code "\N"} stays the two characters, quotes never doubled; or RFC 4180 quotes
 * for spreadsheet files.
 *
 * <p>Why not Commons CSV: its parser reports a quoted and an unquoted {@code \N} the same way, does not know
 * {@code \0}/{@code \Z}/{@code \N} escapes, and reports line numbers only after the record; MySQL's rules are small
 * enough to implement exactly here, with a hard cap per record and the start line kept for multi-line records.
 * Commons CSV still writes our own files (see {@link CsvCells}).
 */
final class RecordTokenizer {
    static final int MAX_RECORD_CHARS = PhysicalLineReader.MAX_LINE_BYTES;
    static final int MAX_FIELDS = 64;

    /** One record: fields (null = NULL) or the problem that made it unreadable. */
    record RawRecord(long line, String[] fields, String problem) {
        static RawRecord problem(long line, String problem) {
            return new RawRecord(line, null, problem);
        }
    }

    /** A record cannot be read; carries the reason up to {@link #next()}. */
    private static final class Unreadable extends Exception {
        private static final long serialVersionUID = 1L;
        final long line;

        Unreadable(long line, String reason) {
            super(reason, null, false, false);
            this.line = line;
        }
    }

    private final PhysicalLineReader lines;
    private final Dialect dialect;
    private final StringBuilder field = new StringBuilder(128);
    private final List<String> fields = new ArrayList<>(16);
    private String text;
    private int i;
    private long start;
    private int total;

    RecordTokenizer(PhysicalLineReader lines, Dialect dialect) {
        this.lines = lines;
        this.dialect = dialect;
    }

    /** The next record, or null at the end; blank lines between records are skipped. */
    RawRecord next() throws IOException {
        PhysicalLineReader.Line first;
        do {
            first = lines.next();
            if (first == null) {
                return null;
            }
        } while (first.problem() == null && first.text().isEmpty());
        if (first.problem() != null) {
            return RawRecord.problem(first.number(), first.problem());
        }
        start = first.number();
        text = first.text();
        i = 0;
        total = text.length();
        fields.clear();
        try {
            readFields();
            return new RawRecord(start, fields.toArray(new String[0]), null);
        } catch (Unreadable e) {
            return RawRecord.problem(e.line, e.getMessage());
        }
    }

    private void readFields() throws IOException, Unreadable {
        char sep = dialect.separator();
        while (true) {
            field.setLength(0);
            boolean isNull;
            if (dialect.quotes() && i < text.length() && text.charAt(i) == '"') {
                i++;
                readQuoted();
                isNull = false;
                if (i < text.length() && text.charAt(i) != sep) {
                    throw new Unreadable(start, "unexpected character after the closing quote of field "
                            + (fields.size() + 1));
                }
            } else {
                isNull = readUnquoted(sep);
            }
            fields.add(isNull ? null : field.toString());
            if (fields.size() > MAX_FIELDS) {
                throw new Unreadable(start, "more than " + MAX_FIELDS + " fields; not a wallet export row");
            }
            if (i < text.length()) {
                i++; // the separator
                continue;
            }
            return;
        }
    }

    /** Reads up to the separator or the end; returns true for an unquoted {@code \N} (NULL). */
    private boolean readUnquoted(char sep) throws IOException, Unreadable {
        int consumed = 0;
        boolean escapedN = false;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == sep) {
                break;
            }
            i++;
            if (c == '\\' && dialect.escapes()) {
                if (i >= text.length()) {
                    continueOnNextLine("a backslash ends the last line");
                    field.append('\n');
                    consumed += 2;
                    continue;
                }
                char e = text.charAt(i++);
                escapedN = consumed == 0 && e == 'N';
                consumed += 2;
                appendEscape(e);
            } else {
                field.append(c);
                consumed++;
            }
        }
        return escapedN && consumed == 2;
    }

    private void readQuoted() throws IOException, Unreadable {
        while (true) {
            if (i >= text.length()) {
                if (!dialect.rfcQuotes()) {
                    throw new Unreadable(start, "quote in field " + (fields.size() + 1)
                            + " is never closed on its line");
                }
                continueOnNextLine("quote in field " + (fields.size() + 1) + " opened on line " + start
                        + " is never closed");
                field.append('\n');
                continue;
            }
            char c = text.charAt(i++);
            if (c == '"') {
                if (dialect.rfcQuotes() && i < text.length() && text.charAt(i) == '"') {
                    field.append('"');
                    i++;
                    continue;
                }
                return;
            }
            if (c == '\\' && dialect.escapes() && !dialect.rfcQuotes()) {
                if (i >= text.length()) {
                    continueOnNextLine("a backslash ends the last line");
                    field.append('\n');
                    continue;
                }
                appendEscape(text.charAt(i++));
                continue;
            }
            field.append(c);
        }
    }

    private void appendEscape(char e) {
        switch (e) {
            case '0' -> field.append('\0');
            case 'b' -> field.append('\b');
            case 'n' -> field.append('\n');
            case 'r' -> field.append('\r');
            case 't' -> field.append('\t');
            case 'Z' -> field.append('\u001A');
            case 'N' -> field.append("\\N"); // only a whole unquoted \N is NULL; elsewhere it is literal
            default -> field.append(e);
        }
    }

    private void continueOnNextLine(String atEnd) throws IOException, Unreadable {
        PhysicalLineReader.Line next = lines.next();
        if (next == null) {
            throw new Unreadable(start, atEnd + " (end of file inside the record)");
        }
        if (next.problem() != null) {
            throw new Unreadable(next.number(), next.problem());
        }
        total += next.text().length() + 1;
        if (total > MAX_RECORD_CHARS) {
            throw new Unreadable(start, "record is longer than " + MAX_RECORD_CHARS
                    + " characters (an unclosed quote or escape?)");
        }
        text = next.text();
        i = 0;
    }
}

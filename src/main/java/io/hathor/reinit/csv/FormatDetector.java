package io.hathor.reinit.csv;

import io.hathor.reinit.config.InputFormat;
import java.util.regex.Pattern;

/** Tells the export formats apart from the first line, so operators need not say which tool wrote the file. */
final class FormatDetector {
    private static final Pattern HEX64 = Pattern.compile("[0-9a-fA-F]{64}");

    /** The format and separator of a file; format AUTO means not recognized. */
    record Detected(InputFormat format, char separator) {}

    private FormatDetector() {}

    /** Separator from the first line: TAB when it has one, comma otherwise. */
    static char separatorOf(String firstLine) {
        return firstLine.indexOf('\t') >= 0 ? '\t' : ',';
    }

    /**
     * A first line naming known columns is a header; a first field of 64 hex characters is an OUTFILE row when
     * quoted, a mysqldump --tab row otherwise, or an ids list when it is the only field.
     */
    static Detected detect(String firstLine) {
        char sep = separatorOf(firstLine);
        String[] cells = firstLine.split(sep == '\t' ? "\t" : ",", -1);
        String first = cells[0].strip();
        boolean quoted = first.length() >= 2 && first.startsWith("\"") && first.endsWith("\"");
        String bare = quoted ? first.substring(1, first.length() - 1) : first;
        if (HEX64.matcher(bare).matches()) {
            if (cells.length == 1) {
                return new Detected(InputFormat.IDS, sep);
            }
            return new Detected(quoted ? InputFormat.OUTFILE : InputFormat.TAB, sep);
        }
        for (String cell : cells) {
            if (Column.byName(cell) != null) {
                return new Detected(InputFormat.HEADER, sep);
            }
        }
        return new Detected(InputFormat.AUTO, sep);
    }
}

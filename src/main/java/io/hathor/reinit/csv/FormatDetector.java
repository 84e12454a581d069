package io.hathor.reinit.csv;

import io.hathor.reinit.config.InputFormat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
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

    /** Bytes read from the start of a file to recognize UTF-16. */
    private static final int HEAD_BYTES = 64;

    /**
     * One line naming the fix for a file whose format was not recognized but that is close to an export: UTF-16
     * text (a byte-order mark, or a NUL beside every ASCII byte) or semicolon-separated fields; null otherwise.
     */
    static String hint(Path file, String firstLine) {
        if (isUtf16(head(file))) {
            return "the file is UTF-16; convert it to UTF-8 first (iconv -f UTF-16 -t UTF-8 " + file
                    + " > wallets-utf8.csv)";
        }
        if (firstLine != null && firstLine.indexOf(';') >= 0 && firstLine.indexOf(',') < 0
                && firstLine.indexOf('\t') < 0 && detect(firstLine.replace(';', ',')).format() != InputFormat.AUTO) {
            return "the fields are separated by semicolons; save the file with commas as the separator (or export"
                    + " again with reinit export)";
        }
        return null;
    }

    static boolean isUtf16(byte[] head) {
        if (head.length >= 2 && ((head[0] & 0xff) == 0xFF && (head[1] & 0xff) == 0xFE
                || (head[0] & 0xff) == 0xFE && (head[1] & 0xff) == 0xFF)) {
            return true;
        }
        int pairs = head.length / 2;
        int nulEven = 0;
        int nulOdd = 0;
        for (int i = 0; i < pairs * 2; i++) {
            if (head[i] == 0) {
                if (i % 2 == 0) {
                    nulEven++;
                } else {
                    nulOdd++;
                }
            }
        }
        return pairs >= 4 && (nulOdd >= pairs * 3 / 4 && nulEven == 0 || nulEven >= pairs * 3 / 4 && nulOdd == 0);
    }

    private static byte[] head(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(HEAD_BYTES);
        } catch (IOException e) {
            return new byte[0];
        }
    }
}

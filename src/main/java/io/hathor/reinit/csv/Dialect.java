package io.hathor.reinit.csv;

/**
 * How fields are written in one file.
 *
 * @param separator field separator, ',' or TAB
 * @param quotes a field may be enclosed in double quotes
 * @param rfcQuotes inside quotes a doubled quote is a quote and the rest is literal (spreadsheets, our own files);
 *     otherwise quotes are never doubled and backslash escapes apply inside them too (MySQL OUTFILE)
 * @param escapes backslash escapes as MySQL writes them, and unquoted {@code \N} = NULL
 */
record Dialect(char separator, boolean quotes, boolean rfcQuotes, boolean escapes) {

    static Dialect outfile(char separator) {
        return new Dialect(separator, true, false, true);
    }

    static Dialect tab(char separator) {
        return new Dialect(separator, false, false, true);
    }

    static Dialect header(char separator) {
        return new Dialect(separator, true, true, true);
    }

    static Dialect ids() {
        return new Dialect(',', true, true, false);
    }
}

package io.hathor.reinit.config;

/** How the wallet file is laid out; AUTO detects it from the content. */
public enum InputFormat {
    AUTO,
    /** Headerless {@code SELECT … INTO OUTFILE} output: quoted fields, unquoted \N, backslash escapes. */
    OUTFILE,
    /** {@code mysqldump --tab} data file: unquoted, \N, backslash escapes, tab or comma separated. */
    TAB,
    /** A header row naming the columns, any order; {@code mysql --batch} output and spreadsheets. */
    HEADER,
    /** One 64-hex wallet id per line: select wallets already in the database. */
    IDS
}

package io.hathor.reinit.csv;

import java.util.Arrays;
import java.util.List;

/** Where each wallet column sits in a record; -1 when the file does not have it. */
final class ColumnLayout {
    private final int[] index = new int[Column.values().length];
    private final int width;

    private ColumnLayout(int width) {
        Arrays.fill(index, -1);
        this.width = width;
    }

    /** Headerless exports: the given column order (the table's, or the one a wallet.sql declares). */
    static ColumnLayout positional(List<Column> order) {
        ColumnLayout layout = new ColumnLayout(order.size());
        for (int i = 0; i < order.size(); i++) {
            if (order.get(i) != null) {
                layout.index[order.get(i).ordinal()] = i;
            }
        }
        return layout;
    }

    /** A header row: known names in any order, unknown ones ignored, the first of a repeated name wins. */
    static ColumnLayout fromHeader(String[] cells) {
        ColumnLayout layout = new ColumnLayout(cells.length);
        for (int i = 0; i < cells.length; i++) {
            Column c = Column.byName(cells[i]);
            if (c != null && layout.index[c.ordinal()] < 0) {
                layout.index[c.ordinal()] = i;
            }
        }
        return layout;
    }

    /** An ids list: one field, the id. */
    static ColumnLayout ids() {
        ColumnLayout layout = new ColumnLayout(1);
        layout.index[Column.ID.ordinal()] = 0;
        return layout;
    }

    boolean has(Column c) {
        return index[c.ordinal()] >= 0;
    }

    /** The raw field, or null when absent or NULL. */
    String get(String[] fields, Column c) {
        int i = index[c.ordinal()];
        return i < 0 || i >= fields.length ? null : fields[i];
    }

    /** Fields every record must have. */
    int width() {
        return width;
    }

    /** The file has a column for the shielded keys (which may still be NULL in every row). */
    boolean hasKeyColumns() {
        return has(Column.SCAN_XPRIV) || has(Column.SCAN_XPRIV_HEX);
    }

    /** Records carry only ids (no xpubkey column): they select wallets already in the database. */
    boolean idOnly() {
        return !has(Column.XPUBKEY);
    }
}

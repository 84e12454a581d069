package io.hathor.reinit.db;

import java.util.Collections;

/** Small helpers for building statements with bound parameters only. */
final class Sql {
    /** Ids per IN list: one query per ≤ 1,000 ids. */
    static final int IN_CHUNK = 1000;

    private Sql() {}

    /** "?,?,?" with {@code n} placeholders. */
    static String placeholders(int n) {
        return String.join(",", Collections.nCopies(n, "?"));
    }
}

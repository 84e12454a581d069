package io.hathor.reinit.demo;

/**
 * One table before the reset and after the re-initialization.
 *
 * @param matching rows present in both snapshots (as a multiset)
 * @param digestBefore sha256 over the sorted rows before, hex
 */
public record TableCheck(String table, int rowsBefore, int rowsAfter, int matching, String digestBefore,
        String digestAfter) {
    public boolean matches() {
        return rowsBefore == rowsAfter && matching == rowsBefore && digestBefore.equals(digestAfter);
    }
}

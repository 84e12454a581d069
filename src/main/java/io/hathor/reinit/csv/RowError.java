package io.hathor.reinit.csv;

public record RowError(String file, long line, String column, String reason) {}

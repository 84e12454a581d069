package io.hathor.reinit.csv;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Column order from the {@code wallet.sql} that {@code mysqldump --tab} writes next to {@code wallet.txt}: the .txt
 * follows the table's order, which may differ from ours when the table was altered.
 */
final class CreateTableColumns {
    private static final Pattern COLUMN_LINE = Pattern.compile("^\\s*`([^`]+)`\\s+\\w+");
    private static final long MAX_SQL_BYTES = 1024 * 1024;

    private CreateTableColumns() {}

    /** The order declared by {@code <name>.sql} next to {@code <name>.txt}, when it names our columns. */
    static Optional<List<Column>> besides(Path dataFile) {
        String name = dataFile.getFileName() == null ? "" : dataFile.getFileName().toString();
        if (!name.endsWith(".txt")) {
            return Optional.empty();
        }
        Path sql = dataFile.resolveSibling(name.substring(0, name.length() - 4) + ".sql");
        try {
            if (!Files.isRegularFile(sql) || Files.size(sql) > MAX_SQL_BYTES) {
                return Optional.empty();
            }
            return parse(Files.readString(sql, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // an unreadable .sql: the standard order applies
        }
    }

    static Optional<List<Column>> parse(String sql) {
        int create = sql.indexOf("CREATE TABLE");
        if (create < 0) {
            return Optional.empty();
        }
        List<Column> order = new ArrayList<>();
        for (String line : sql.substring(create).split("\n")) {
            if (line.startsWith(")")) {
                break;
            }
            Matcher m = COLUMN_LINE.matcher(line);
            if (m.find()) {
                order.add(Column.byName(m.group(1)));
            }
        }
        return order.contains(Column.ID) && order.contains(Column.XPUBKEY) ? Optional.of(order) : Optional.empty();
    }
}

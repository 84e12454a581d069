-- The documented export of the wallet table (run on the database host; needs the FILE privilege and a path
-- allowed by secure_file_priv). `reinit export --out FILE` writes the same format over JDBC from anywhere.
-- Output: no header, every non-NULL field in double quotes, NULL as unquoted \N, backslash escapes, LF lines.
-- It has no shielded key columns: on the shielded schema use `reinit export`, or add
-- ", HEX(scan_xpriv) AS scan_xpriv, spend_xpub, shielded_max_gap, last_used_shielded_index, ct_status" to the
-- SELECT (the table's own order, which reinit reads by its 14-column width).
SELECT id, xpubkey, status, max_gap, created_at, ready_at, retry_count, auth_xpubkey, last_used_address_index
FROM wallet
INTO OUTFILE '/var/lib/mysql-files/backups.csv'
FIELDS TERMINATED BY ',' ENCLOSED BY '"' ESCAPED BY '\\'
LINES TERMINATED BY '\n';

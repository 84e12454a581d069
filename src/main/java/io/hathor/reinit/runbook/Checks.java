package io.hathor.reinit.runbook;

import io.hathor.reinit.db.Database;
import io.hathor.reinit.db.DatabaseException;
import io.hathor.reinit.db.RunLock;
import io.hathor.reinit.db.SchemaCatalog;
import io.hathor.reinit.db.SchemaFlavor;
import io.hathor.reinit.db.ServerInspection;
import io.hathor.reinit.db.ServerInspection.ServerFacts;
import io.hathor.reinit.db.TableStats;
import io.hathor.reinit.db.TokenRepository;
import io.hathor.reinit.lambda.LoadWalletInvoker;
import io.hathor.reinit.retry.RetryPolicy;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The pre-flight check of the reset runbook: database, the server's settings weighed against the planned run,
 * privileges, schema, daemon sync, HTR row, Lambda, wallets and the run lock. Never changes anything. The main
 * command can call it as it is.
 */
public final class Checks {
    public static final String DATABASE = "database reachable";
    public static final String SERVER = "server";
    public static final String TLS = "connection encryption";
    public static final String CONNECTIONS = "connections";
    public static final String BINLOG = "binary log";
    public static final String SQL_MODE = "sql_mode";
    public static final String BUFFER_POOL = "buffer pool";
    public static final String PRIVILEGES = "privileges";
    public static final String FLAVOR = "schema flavor";
    public static final String SYNC = "sync_metadata";
    public static final String FULLNODE_LAG = "daemon caught up";
    public static final String SETTLED = "daemon settled";
    public static final String HTR = "HTR token row";
    public static final String LAMBDA = "Lambda function";
    public static final String WALLETS = "wallets";
    public static final String LOCK = "run lock";

    /** Prefix of the per-table results: "table wallet", "table address", … */
    public static final String TABLE = "table ";

    /** What a run and the commands need; DROP is TRUNCATE's privilege and only cleanup needs it. */
    enum Privilege {
        SELECT,
        INSERT,
        UPDATE,
        DELETE,
        CREATE,
        DROP
    }

    /** A name in SHOW GRANTS: in backticks or (ANSI_QUOTES) double quotes, the quote doubled inside; or bare. */
    private static final String GRANT_NAME = "(`(?:[^`]|``)*`|\"(?:[^\"]|\"\")*\"|[^\\s.`\"]+)";
    private static final Pattern GRANT_ON = Pattern.compile(
            "^GRANT (.+?) ON " + GRANT_NAME + "\\." + GRANT_NAME + " TO .*$", Pattern.DOTALL);

    private Checks() {}

    public static CheckReport run(Database database, CheckOptions options) {
        List<CheckResult> out = new ArrayList<>();
        ServerInspection server = new ServerInspection(database);
        String schema;
        try {
            schema = server.currentSchema();
            ServerFacts facts = server.facts();
            out.add(CheckResult.pass(DATABASE, "schema " + schema + ", " + facts.product()));
            out.addAll(serverSettings(facts, options.plan()));
            out.add(bufferPool(server, options.plan()));
            out.add(privileges(server, schema));
            out.add(flavor(server.schemaFlavor()));
            out.addAll(tables(server.columns()));
        } catch (DatabaseException e) {
            out.add(CheckResult.fail(DATABASE, oneLine(e)));
            return new CheckReport(out);
        }
        Long lastEventId = null;
        try {
            lastEventId = server.lastEventId();
            out.add(lastEventId == null
                    ? CheckResult.fail(SYNC, "no row with id 0: the daemon has not synced yet")
                    : CheckResult.pass(SYNC, "last_event_id " + lastEventId));
        } catch (DatabaseException e) {
            out.add(CheckResult.fail(SYNC, oneLine(e)));
        }
        out.addAll(fullnode(server, options, lastEventId));
        try {
            Long htr = new TokenRepository(database).htrTransactions();
            out.add(htr != null
                    ? CheckResult.pass(HTR, "'00' present, transactions " + htr)
                    : CheckResult.fail(HTR, "token '00' is missing: run reinit seed-htr before the daemon syncs"));
        } catch (DatabaseException e) {
            out.add(CheckResult.fail(HTR, oneLine(e)));
        }
        out.add(lambda(options));
        try {
            out.add(wallets(new TableStats(database).walletsByStatus()));
        } catch (DatabaseException e) {
            out.add(CheckResult.fail(WALLETS, oneLine(e)));
        }
        try {
            Long holder = server.lockHolder(schema);
            out.add(holder == null
                    ? CheckResult.pass(LOCK, "free (" + RunLock.nameFor(schema) + ")")
                    : CheckResult.fail(LOCK, "held by connection " + holder + ": another reinit run is active on "
                            + schema));
        } catch (DatabaseException e) {
            out.add(CheckResult.fail(LOCK, oneLine(e)));
        }
        return new CheckReport(out);
    }

    static CheckResult privileges(ServerInspection server, String schema) {
        List<String> grants;
        try {
            grants = server.grants();
        } catch (DatabaseException e) {
            return CheckResult.warn(PRIVILEGES, "unknown: SHOW GRANTS failed (" + oneLine(e) + ")");
        }
        return privileges(grants, schema);
    }

    /** Server, TLS, connections, binary log and sql_mode, weighed against the planned run. */
    static List<CheckResult> serverSettings(ServerFacts facts, RunPlan plan) {
        return List.of(
                CheckResult.pass(SERVER, facts.product() + " (" + facts.versionComment() + ")"),
                encryption(facts),
                connections(facts, plan),
                binlog(facts, plan),
                CheckResult.pass(SQL_MODE, facts.sqlMode().isEmpty() ? "(empty)" : facts.sqlMode()));
    }

    static CheckResult encryption(ServerFacts facts) {
        if (facts.encrypted()) {
            return CheckResult.pass(TLS, "TLS (" + facts.tlsCipher() + ")");
        }
        if (facts.localClient()) {
            return CheckResult.pass(TLS, "not encrypted (a connection from the server's own host)");
        }
        String fix = "not encrypted: queries and results (xpubkeys) cross the network in clear; pass --db-ssl-mode"
                + " REQUIRED";
        if (!facts.mariaDb() && facts.major() >= 8) {
            fix += " (MySQL 8 accounts use caching_sha2_password, whose first login after a server restart needs TLS"
                    + " or allowPublicKeyRetrieval=true in --db-url)";
        }
        return CheckResult.warn(TLS, fix);
    }

    /**
     * The run's peak connections plus {@link RunPlan#HEADROOM} must fit beside those open now (this check's own
     * connection aside); a window that does not fit is a FAIL naming the largest that does.
     */
    static CheckResult connections(ServerFacts facts, RunPlan plan) {
        int others = Math.max(0, facts.threadsConnected() - 1);
        int free = facts.maxConnections() - others;
        String where = "max_connections " + facts.maxConnections() + ", " + others + " in use by others";
        String need = "the run needs " + plan.connections() + " (" + plan.describe() + ") + headroom "
                + RunPlan.HEADROOM + " for the daemon and the API";
        int own = plan.poolSize() + 1;
        if (facts.maxUserConnections() > 0 && own > facts.maxUserConnections()) {
            return CheckResult.fail(CONNECTIONS, "max_user_connections " + facts.maxUserConnections()
                    + " for this account, the tool's pool and run lock need " + own + ": lower " + plan.windowFlag()
                    + " or raise the account's limit");
        }
        if (plan.connections() + RunPlan.HEADROOM <= free) {
            return CheckResult.pass(CONNECTIONS, where + "; " + need);
        }
        int fits = 0;
        for (int window = plan.window() - 1; window >= 1 && fits == 0; window--) {
            if (plan.withWindow(window).connections() + RunPlan.HEADROOM <= free) {
                fits = window;
            }
        }
        String fix = fits > 0
                ? plan.windowFlag() + " " + fits + " is the largest that fits"
                : "no " + plan.windowFlag() + " fits: raise max_connections or close other connections";
        return CheckResult.fail(CONNECTIONS, where + "; " + need + ": " + fix);
    }

    /**
     * STATEMENT binary logging refuses every InnoDB write of a READ COMMITTED transaction (error 1665): the in-process
     * loader's isolation, or every session's when the server's default isolation is READ COMMITTED.
     */
    static CheckResult binlog(ServerFacts facts, RunPlan plan) {
        if (!facts.logBin()) {
            return CheckResult.pass(BINLOG, "log_bin OFF");
        }
        String state = "log_bin ON, binlog_format " + facts.binlogFormat();
        if (!facts.statementBinlog()) {
            return CheckResult.pass(BINLOG, state);
        }
        String fix = "set binlog_format ROW (or MIXED)";
        if (facts.readCommittedByDefault()) {
            return CheckResult.fail(BINLOG, state + " with transaction_isolation " + facts.isolation()
                    + ": every load's writes fail with error 1665; " + fix + " or the isolation REPEATABLE-READ");
        }
        if (plan.direct()) {
            return CheckResult.fail(BINLOG, state + ": the in-process loader's READ COMMITTED writes fail with error"
                    + " 1665; " + fix + ", or use --loader lambda");
        }
        return CheckResult.pass(BINLOG, state + ": fine for the Lambda's loads at " + facts.isolation()
                + "; --loader direct would be refused (error 1665 at READ COMMITTED)");
    }

    /**
     * A load reads the address tables and writes the address and wallet tables; when InnoDB's buffer pool cannot
     * hold them, pages go to disk and come back. A WARN, never a FAIL: the run works, only slower. The address table
     * also grows during the run, by a row for every address a wallet owns.
     */
    private static CheckResult bufferPool(ServerInspection server, RunPlan plan) {
        try {
            return bufferPool(server.memory(), plan);
        } catch (DatabaseException e) {
            return CheckResult.warn(BUFFER_POOL, "unknown: " + oneLine(e));
        }
    }

    static CheckResult bufferPool(ServerInspection.Memory memory, RunPlan plan) {
        String sizes = "innodb_buffer_pool_size " + megabytes(memory.poolBytes())
                + ", the address and wallet tables with their indexes " + megabytes(memory.tableBytes());
        if (memory.poolBytes() >= memory.tableBytes()) {
            return CheckResult.pass(BUFFER_POOL, sizes + " (the load adds an address row per owned address)");
        }
        String effect = plan.direct() ? "the in-process loader reads pages back from disk"
                : "the loads read pages back from disk";
        return CheckResult.warn(BUFFER_POOL, sizes + ": " + effect + "; a pool that holds the tables is faster");
    }

    private static String megabytes(long bytes) {
        return (bytes + (1 << 19)) / (1 << 20) + " MB";
    }

    /** Reads the privileges on {@code schema} from SHOW GRANTS lines; unclear grants give WARN, never FAIL. */
    static CheckResult privileges(List<String> grants, String schema) {
        Set<Privilege> have = EnumSet.noneOf(Privilege.class);
        boolean unclear = false;
        for (String line : grants) {
            if (line.strip().startsWith("GRANT PROXY ON ")) {
                continue;
            }
            Matcher m = GRANT_ON.matcher(line.strip());
            if (!m.matches()) {
                unclear = true; // a role granted to the user
                continue;
            }
            String database = unquote(m.group(2)).replace("\\_", "_").replace("\\%", "%");
            boolean allTables = m.group(3).equals("*");
            boolean global = database.equals("*") && allTables;
            boolean onSchema = database.equalsIgnoreCase(schema) && allTables;
            if (!global && !onSchema) {
                if (database.contains("%") || database.equalsIgnoreCase(schema)) {
                    unclear = true; // a pattern or table-level grant
                }
                continue;
            }
            String privileges = m.group(1).toUpperCase(Locale.ROOT);
            if (privileges.startsWith("ALL")) {
                have.addAll(EnumSet.allOf(Privilege.class));
            }
            for (String p : privileges.split(",")) {
                try {
                    have.add(Privilege.valueOf(p.strip()));
                } catch (IllegalArgumentException e) {
                    // other privileges don't matter here
                }
            }
        }
        Set<Privilege> needed = EnumSet.of(Privilege.SELECT, Privilege.INSERT, Privilege.UPDATE, Privilege.DELETE,
                Privilege.CREATE);
        needed.removeAll(have);
        if (needed.equals(EnumSet.of(Privilege.CREATE))) {
            // CREATE is only needed once, for the journal tables; a user without it works once they exist.
            return CheckResult.warn(PRIVILEGES, "no CREATE on " + schema + ": fine once the journal tables"
                    + " (reinit_run, reinit_attempt) exist; the first run creates them");
        }
        if (!needed.isEmpty()) {
            String missing = needed.stream().map(Enum::name).collect(Collectors.joining(", "));
            return unclear
                    ? CheckResult.warn(PRIVILEGES, "unknown: " + missing + " not granted directly on " + schema
                            + " (roles or table grants may give them)")
                    : CheckResult.fail(PRIVILEGES, "missing on " + schema + ": " + missing);
        }
        if (!have.contains(Privilege.DROP)) {
            return CheckResult.warn(PRIVILEGES, "SELECT, INSERT, UPDATE, DELETE, CREATE granted; no DROP, so reinit"
                    + " cleanup (TRUNCATE) will be refused");
        }
        return CheckResult.pass(PRIVILEGES, "SELECT, INSERT, UPDATE, DELETE, CREATE, DROP on " + schema);
    }

    /** A name of SHOW GRANTS as the server knows it: quotes removed, doubled quotes single. */
    private static String unquote(String name) {
        if (name.length() >= 2 && (name.startsWith("`") || name.startsWith("\""))) {
            String quote = name.substring(0, 1);
            return name.substring(1, name.length() - 1).replace(quote + quote, quote);
        }
        return name;
    }

    private static CheckResult flavor(SchemaFlavor flavor) {
        return CheckResult.pass(FLAVOR, flavor == SchemaFlavor.SHIELDED
                ? "shielded (wallet.ct_status / address.bip32_account present)"
                : "legacy (no shielded columns)");
    }

    private static List<CheckResult> tables(Map<String, Set<String>> columns) {
        List<CheckResult> out = new ArrayList<>();
        for (Map.Entry<String, List<String>> required : SchemaCatalog.REQUIRED.entrySet()) {
            String table = required.getKey();
            Set<String> present = columns.get(table);
            if (present == null) {
                out.add(CheckResult.fail(TABLE + table, "missing"));
                continue;
            }
            List<String> missing = required.getValue().stream().filter(col -> !present.contains(col)).toList();
            out.add(missing.isEmpty()
                    ? CheckResult.pass(TABLE + table, required.getValue().size() + " needed columns present")
                    : CheckResult.fail(TABLE + table, "missing columns: " + String.join(", ", missing)));
        }
        Set<String> token = columns.get("token");
        if (token != null && !token.contains("version")) {
            out.add(CheckResult.warn(TABLE + "token.version", "absent (before v1.11.0): seed-htr inserts without it"));
        }
        return out;
    }

    private static List<CheckResult> fullnode(ServerInspection server, CheckOptions options, Long firstEventId) {
        if (options.fullnodeUrl() == null) {
            return List.of(CheckResult.warn(FULLNODE_LAG, "not checked: pass --fullnode-url URL"));
        }
        FullnodeClient client = new FullnodeClient(options.fullnodeUrl());
        try {
            long firstLatest = client.latestEventId();
            Thread.sleep(options.settle().toMillis());
            long latest = client.latestEventId();
            Long last = server.lastEventId();
            if (last == null) {
                return List.of(CheckResult.fail(FULLNODE_LAG, "fullnode at event " + latest
                        + ", the daemon has not synced any event"));
            }
            List<CheckResult> out = new ArrayList<>();
            long lag = latest - last;
            String where = "fullnode latest_event_id " + latest + ", daemon last_event_id " + last;
            if (lag < 0) {
                out.add(CheckResult.fail(FULLNODE_LAG, where + ": the daemon is ahead; wrong --fullnode-url or a reset"
                        + " fullnode"));
            } else if (lag > options.maxEventLag()) {
                out.add(CheckResult.fail(FULLNODE_LAG, where + ": " + lag + " behind (--max-event-lag "
                        + options.maxEventLag() + ")"));
            } else {
                out.add(CheckResult.pass(FULLNODE_LAG, where + ": " + lag + " behind (--max-event-lag "
                        + options.maxEventLag() + ")"));
            }
            long seconds = options.settle().toSeconds();
            if (firstEventId != null && last.longValue() != firstEventId.longValue()) {
                out.add(CheckResult.warn(SETTLED, "last_event_id moved " + firstEventId + " -> " + last + " within "
                        + seconds + "s (fullnode " + firstLatest + " -> " + latest + "): still syncing or new events"));
            } else {
                out.add(CheckResult.pass(SETTLED, "last_event_id unchanged over " + seconds + "s"));
            }
            return out;
        } catch (IOException e) {
            return List.of(CheckResult.fail(FULLNODE_LAG, "cannot read " + client.eventUri() + ": " + oneLine(e)));
        } catch (DatabaseException e) {
            return List.of(CheckResult.fail(FULLNODE_LAG, oneLine(e)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of(CheckResult.fail(FULLNODE_LAG, "interrupted"));
        }
    }

    private static CheckResult lambda(CheckOptions options) {
        if (options.skipLambda()) {
            return CheckResult.warn(LAMBDA, "skipped (--skip-lambda)");
        }
        if (options.lambda() == null) {
            return CheckResult.warn(LAMBDA, "skipped: no function configured (--function-name or SERVICE_NAME and"
                    + " STAGE)");
        }
        try (LoadWalletInvoker invoker = new LoadWalletInvoker(options.lambda(), RetryPolicy.defaults()
                .withMaxAttempts(2))) {
            invoker.checkReachable();
            return CheckResult.pass(LAMBDA, invoker.functionName() + " exists and may be invoked (DryRun, region "
                    + invoker.region() + ")");
        } catch (RuntimeException e) {
            return CheckResult.fail(LAMBDA, oneLine(e));
        }
    }

    private static CheckResult wallets(Map<String, Long> byStatus) {
        long total = byStatus.values().stream().mapToLong(Long::longValue).sum();
        String detail = total + " wallets: " + byStatus.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
        long creating = byStatus.getOrDefault("creating", 0L);
        return creating > 0
                ? CheckResult.warn(WALLETS, detail + " (creating wallets may be loading now)")
                : CheckResult.pass(WALLETS, detail);
    }

    static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}

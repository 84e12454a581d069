package io.hathor.reinit.loader;

import io.hathor.reinit.db.Database;
import io.hathor.reinit.db.DatabaseException;
import io.hathor.reinit.db.LoadRepository;
import io.hathor.reinit.db.LoadRepository.WalletClaim;
import io.hathor.reinit.db.SchemaFlavor;
import io.hathor.reinit.db.SchemaInspector;
import io.hathor.reinit.db.ServerSetupException;
import io.hathor.reinit.wallet.AddressDeriver;
import io.hathor.reinit.wallet.Network;
import io.hathor.reinit.wallet.WalletId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The wallet-service's transparent (legacy) wallet load, done in-process and idempotently (the era-C load without
 * the shielded pass), for one wallet or a group of wallets at once:
 * <ol>
 *   <li>one read of the wallet rows (and whether each wallet already has wallet_balance / wallet_tx_history rows);</li>
 *   <li>the gap scan, outside any transaction, one lookup per round for every wallet of the group still scanning;</li>
 *   <li>one short READ COMMITTED transaction for the group, claim then settle: upsert new addresses, claim
 *       existing rows; lock the kept addresses' address_balance rows, rebuild wallet_tx_history and
 *       wallet_balance (stale rows deleted, so a rerun gives the same rows), reading the kept addresses through
 *       the claimed (wallet_id, index) rows; raise last_used_address_index and mark ready. It never spans the
 *       derivation.</li>
 * </ol>
 * A group is all or nothing; when its load fails, each of its wallets is loaded again on its own, so one bad
 * wallet fails alone. Thread-safe: one instance serves all workers.
 */
public final class DirectLoader {
    private static final Logger LOG = LoggerFactory.getLogger(DirectLoader.class);
    private static final int MAX_ERROR_LENGTH = 300;

    private final Network network;
    private final LoadRepository repository;

    /** Detects the schema flavor once; throws when the database cannot be read. */
    public DirectLoader(Database database, Network network) {
        this.network = Objects.requireNonNull(network, "network");
        this.repository = new LoadRepository(database);
        LOG.debug("direct loader on a {} schema, network {}", repository.flavor(), network);
    }

    public SchemaFlavor flavor() {
        return repository.flavor();
    }

    /**
     * Loads one wallet whose row exists; never throws for a wallet-level failure: marks status error,
     * retry_count+1, ready_at now, and returns success=false with the error.
     *
     * @throws ServerSetupException when the server's setup refused the load (e.g. error 1665); nothing is marked
     */
    public LoadResult load(LoadRequest request) {
        return loadGroup(List.of(request)).get(0);
    }

    /**
     * Loads a group of wallets with distinct ids; returns one result per request, in request order. Never throws
     * for a wallet-level failure (see {@link #load}). The group's SQL time is shared equally by its wallets.
     */
    public List<LoadResult> loadGroup(List<LoadRequest> requests) {
        Set<String> ids = new HashSet<>();
        for (LoadRequest request : requests) {
            if (!ids.add(request.walletId())) {
                throw new IllegalArgumentException("a group holds each wallet once: " + request.walletId());
            }
        }
        LoadResult[] results = new LoadResult[requests.size()];
        List<Load> loads = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            try {
                loads.add(new Load(i, requests.get(i), network));
            } catch (RuntimeException e) {
                results[i] = failed(requests.get(i), e, new Load.Timer(), 0);
            }
        }
        if (!loads.isEmpty()) {
            try {
                loadOrThrow(loads, results);
            } catch (Exception e) {
                if (ServerSetupException.causedBySetup(e)) {
                    throw new ServerSetupException(oneLine(e), e);
                }
                if (loads.size() == 1) {
                    Load load = loads.get(0);
                    results[load.position] = failed(load.request, e, load.timer, load.derived);
                } else {
                    LOG.debug("a group of {} wallets failed to load ({}); loading each on its own", loads.size(), oneLine(e));
                    for (Load load : loads) {
                        results[load.position] = load(load.request);
                    }
                }
            }
        }
        return Arrays.asList(results);
    }

    private void loadOrThrow(List<Load> loads, LoadResult[] results) {
        long start = System.nanoTime();
        Set<String> found = repository.presentWallets(loads.stream().map(l -> l.request.walletId()).toList());
        long sqlNanos = System.nanoTime() - start;
        List<Load> present = new ArrayList<>();
        for (Load load : loads) {
            if (!found.contains(load.request.walletId())) {
                results[load.position] = failed(load.request, new IllegalStateException("wallet row not found"), load.timer, 0);
            } else {
                present.add(load);
            }
        }
        List<Load> scanning = present;
        while (!scanning.isEmpty()) {
            List<String> round = new ArrayList<>();
            for (Load load : scanning) {
                round.addAll(load.nextChunk());
            }
            start = System.nanoTime();
            Map<String, Long> rows = repository.addressTransactions(round);
            sqlNanos += System.nanoTime() - start;
            for (Load load : scanning) {
                load.scan.accept(rows);
            }
            scanning = scanning.stream().filter(l -> !l.scan.done()).toList();
        }
        List<WalletClaim> claims = new ArrayList<>(present.size());
        List<GapScan.Result> scans = new ArrayList<>(present.size());
        for (Load load : present) {
            GapScan.Result scan = load.scan.result();
            scans.add(scan);
            claims.add(new WalletClaim(load.request.walletId(), scan.newAddresses(), scan.existing(), scan.lastUsed(),
                    scan.kept().size() - 1));
        }
        start = System.nanoTime();
        repository.claimAndSettle(claims);
        sqlNanos += System.nanoTime() - start;
        long sqlShare = present.isEmpty() ? 0 : sqlNanos / present.size();
        for (int k = 0; k < present.size(); k++) {
            Load load = present.get(k);
            GapScan.Result scan = scans.get(k);
            results[load.position] = new LoadResult(load.request.walletId(), true, null, load.derived,
                    scan.newAddresses().size() + scan.existing().size(), scan.lastUsed(), load.timer.deriveNanos, sqlShare);
        }
    }

    private LoadResult failed(LoadRequest request, Exception e, Load.Timer timer, int derived) {
        if (ServerSetupException.causedBySetup(e)) {
            throw new ServerSetupException(oneLine(e), e);
        }
        String error = oneLine(e);
        LOG.warn("wallet {} failed to load: {}", request.walletId(), error);
        LOG.debug("wallet {} load failure", request.walletId(), e);
        long start = System.nanoTime();
        error = markError(request.walletId(), error);
        return LoadResult.failed(request.walletId(), error, derived, timer.deriveNanos, timer.sqlNanos + System.nanoTime() - start);
    }

    /** In its own statement, after the load's rollback; returns the error text to report. */
    private String markError(String walletId, String error) {
        try {
            if (repository.markError(walletId) == 0) {
                LOG.debug("wallet {} has no row to mark as error", walletId);
            }
            return error;
        } catch (DatabaseException e) {
            LOG.warn("wallet {}: could not mark the wallet as error: {}", walletId, oneLine(e));
            return error + " (and marking it as error failed: " + oneLine(e) + ")";
        }
    }

    /** The failure in one line: the driver's exception name for a database failure, and the server's error code. */
    static String oneLine(Throwable e) {
        Throwable shown = e instanceof DatabaseException && e.getCause() != null ? e.getCause() : e;
        String message = shown.getMessage();
        String text = message == null || message.isBlank() ? shown.getClass().getSimpleName()
                : shown.getClass().getSimpleName() + ": " + message.strip().lines().findFirst().orElse("");
        if (e instanceof DatabaseException db && db.errorCode() != 0) {
            text = text + " [" + db.errorCode() + "/" + db.sqlState() + "]";
        }
        return text.length() <= MAX_ERROR_LENGTH ? text : text.substring(0, MAX_ERROR_LENGTH - 1) + "…";
    }

    /** One wallet of a group: its request, validated; its scan and counters. Used by one thread only. */
    private static final class Load {
        final int position;
        final LoadRequest request;
        final GapScan scan;
        final Timer timer = new Timer();
        int derived;

        /** Throws when the request is invalid: maxGap below 1, an id that is not sha256d of the xpub, a bad xpub. */
        Load(int position, LoadRequest request, Network network) {
            if (request.maxGap() < 1) {
                throw new IllegalArgumentException("maxGap must be at least 1, got " + request.maxGap());
            }
            if (request.xpubkey() == null || !WalletId.of(request.xpubkey()).equals(request.walletId())) {
                throw new IllegalArgumentException("wallet id is not sha256d of the given xpubkey");
            }
            AddressDeriver deriver = AddressDeriver.forXpub(request.xpubkey(), network);
            this.position = position;
            this.request = request;
            this.scan = new GapScan(request.maxGap(), (from, count) -> {
                long start = System.nanoTime();
                String[] addresses = deriver.addresses(from, count);
                timer.deriveNanos += System.nanoTime() - start;
                derived += count;
                return addresses;
            });
        }

        List<String> nextChunk() {
            return scan.nextChunk();
        }

        static final class Timer {
            long deriveNanos;
            long sqlNanos;
        }
    }
}

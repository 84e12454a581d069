package io.hathor.reinit.run;

import io.hathor.reinit.config.RunSettings;
import io.hathor.reinit.db.ClaimState;
import io.hathor.reinit.schedule.LoadOrder;
import io.hathor.reinit.schedule.PendingTasks;
import io.hathor.reinit.schedule.WalletTask;
import io.hathor.reinit.wallet.WalletRow;
import io.hathor.reinit.wallet.WalletStatus;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The wallets of a run that need a load, held compactly. What a launch needs (the xpubkey, the maxGap to send, the
 * row's state for the compare-and-set) is written to a temporary file when the wallet is selected and read back
 * when the scheduler takes it; in memory stays the record's place in the file, 8 bytes a wallet (16 while the
 * selection runs, for the start order). Earlier runs' live invocations, a few per run, are kept whole. The file is
 * owner-only, holds no private key, and is deleted on close.
 */
final class LoadQueue implements PendingTasks, AutoCloseable {
    private static final HexFormat HEX = HexFormat.of();
    private static final WalletStatus[] STATUSES = WalletStatus.values();
    private static final int NONE = 0xFF;

    private final RunSettings.Order order;
    /** Where each taken task's row state goes until its launch takes it out. */
    private final Map<String, ClaimState> claims;
    private final List<WalletTask> adopted = new ArrayList<>();
    private final Path file;
    private final ByteArrayOutputStream record = new ByteArrayOutputStream(256);
    private DataOutputStream out;
    private FileChannel in;
    private long written;
    private int count;
    /** Each record's offset: in selection order while adding, in start order once started. */
    private long[] offsets = new long[1024];
    private long[] costs = new long[1024];
    private int taken;

    private LoadQueue(RunSettings.Order order, Map<String, ClaimState> claims, Path file) throws IOException {
        this.order = order;
        this.claims = claims;
        this.file = file;
        this.out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
    }

    /**
     * @param claims receives the row state of each task the scheduler takes (and of each adopted wallet), for the
     *     launch to compare and, when the launch is withdrawn, to put back
     */
    static LoadQueue create(RunSettings.Order order, Map<String, ClaimState> claims) {
        try {
            Path file = Files.createTempFile("reinit-loads-", ".bin");
            file.toFile().deleteOnExit();
            return new LoadQueue(order, claims, file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary file for the wallets to load", e);
        }
    }

    /** A wallet to launch; {@code cost} orders it (--order heaviest-first). */
    void add(WalletRow row, int maxGap, long cost) {
        if (out == null) {
            throw new IllegalStateException("the queue has started");
        }
        try {
            record.reset();
            DataOutputStream r = new DataOutputStream(record);
            r.write(HEX.parseHex(row.id()));
            r.writeUTF(row.xpubkey());
            r.writeInt(maxGap);
            r.writeByte(row.status().ordinal());
            r.writeInt(row.retryCount());
            r.writeBoolean(row.readyAt() != null);
            r.writeLong(row.readyAt() == null ? 0 : row.readyAt());
            r.writeBoolean(row.shielded() != null);
            if (row.shielded() != null) {
                r.writeByte(row.shielded().legacyStatus().ordinal());
                r.writeByte(row.shielded().ctStatus() == null ? NONE : row.shielded().ctStatus().ordinal());
            }
            out.writeShort(record.size());
            record.writeTo(out);
            if (count == offsets.length) {
                offsets = Arrays.copyOf(offsets, count * 2);
                costs = Arrays.copyOf(costs, count * 2);
            }
            offsets[count] = written;
            costs[count] = cost;
            count++;
            written += 2 + record.size();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the wallets to load to " + file, e);
        }
    }

    /** An earlier run's live invocation: polled from the start, launched again only after its timeout. */
    void adopt(WalletRow row, WalletTask task) {
        claims.put(row.id(), ClaimState.of(row));
        adopted.add(task);
    }

    List<WalletTask> adopted() {
        return adopted;
    }

    /** Wallets selected: to launch and adopted. */
    int size() {
        return count + adopted.size();
    }

    /** Ends the selection: puts the wallets in start order. */
    void start() {
        if (out == null) {
            return;
        }
        try {
            out.close();
            out = null;
            in = FileChannel.open(file, StandardOpenOption.READ);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the wallets to load to " + file, e);
        }
        int[] positions = LoadOrder.startPositions(order, costs, count);
        costs = null;
        long[] ordered = new long[count];
        for (int k = 0; k < count; k++) {
            ordered[k] = offsets[positions[k]];
        }
        offsets = ordered;
    }

    @Override
    public int remaining() {
        start();
        return count - taken;
    }

    @Override
    public WalletTask next() {
        start();
        if (taken == count) {
            throw new IllegalStateException("no wallet left to launch");
        }
        Entry e = read(offsets[taken++]);
        claims.put(e.task().walletId(), e.claim());
        return e.task();
    }

    /** Every wallet's id in start order (the adopted first), read back from the file. */
    void forEachId(Consumer<String> action) {
        start();
        adopted.forEach(t -> action.accept(t.walletId()));
        for (int k = 0; k < count; k++) {
            action.accept(read(offsets[k]).task().walletId());
        }
    }

    /** The file (gone after close). */
    Path file() {
        return file;
    }

    private record Entry(WalletTask task, ClaimState claim) {}

    private Entry read(long offset) {
        try {
            ByteBuffer length = ByteBuffer.allocate(2);
            readFully(length, offset);
            ByteBuffer bytes = ByteBuffer.allocate(length.getShort(0) & 0xFFFF);
            readFully(bytes, offset + 2);
            DataInputStream r = new DataInputStream(new ByteArrayInputStream(bytes.array()));
            byte[] id = new byte[32];
            r.readFully(id);
            String walletId = HEX.formatHex(id);
            String xpubkey = r.readUTF();
            int maxGap = r.readInt();
            WalletStatus status = STATUSES[r.readUnsignedByte()];
            int retryCount = r.readInt();
            boolean hasReadyAt = r.readBoolean();
            long readyAt = r.readLong();
            ClaimState.Sides sides = null;
            if (r.readBoolean()) {
                WalletStatus legacy = STATUSES[r.readUnsignedByte()];
                int ct = r.readUnsignedByte();
                sides = new ClaimState.Sides(legacy, ct == NONE ? null : STATUSES[ct]);
            }
            ClaimState claim = new ClaimState(walletId, status, retryCount, hasReadyAt ? readyAt : null, sides);
            return new Entry(new WalletTask(walletId, xpubkey, maxGap, null), claim);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the wallets to load back from " + file, e);
        }
    }

    private void readFully(ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int n = in.read(buffer, at);
            if (n < 0) {
                throw new EOFException("the file of the wallets to load ends early");
            }
            at += n;
        }
    }

    @Override
    public void close() {
        try {
            if (out != null) {
                out.close();
                out = null;
            }
            if (in != null) {
                in.close();
            }
        } catch (IOException e) {
            // closing: the file goes anyway
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file, e);
        }
    }
}

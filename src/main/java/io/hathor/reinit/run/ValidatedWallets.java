package io.hathor.reinit.run;

import io.hathor.reinit.csv.WalletRecord;
import io.hathor.reinit.wallet.ShieldedKeys;
import io.hathor.reinit.wallet.WalletStatus;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * The valid rows of the input, kept on disk instead of in memory: written once while the file is validated, then
 * read back in file order, a chunk at a time, as often as a step needs (insert, selection, failed file). The spill
 * file is created owner-only in the temporary folder and deleted on close; shielded private keys in it are sealed
 * under a key that never leaves the process.
 */
public final class ValidatedWallets implements AutoCloseable {
    private static final HexFormat HEX = HexFormat.of();
    private static final int XPUB = 1;
    private static final int STATUS = 2;
    private static final int CREATED_AT = 4;
    private static final int READY_AT = 8;
    private static final int RETRY_COUNT = 16;
    private static final int AUTH_XPUB = 32;
    private static final int LAST_USED = 64;
    private static final int KEYS = 128;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int GCM_IV_BYTES = 12;
    private static final int GCM_TAG_BITS = 128;

    private final Path file;
    private final SecretKey spillKey;
    private DataOutputStream out;
    private long count;
    private long sized;

    private ValidatedWallets(Path file) throws IOException {
        this.file = file;
        this.spillKey = newSpillKey();
        this.out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
    }

    private static SecretKey newSpillKey() {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256, RANDOM);
            return generator.generateKey();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no AES key generator in this JVM", e);
        }
    }

    public static ValidatedWallets create() {
        try {
            Path file = Files.createTempFile("reinit-wallets-", ".bin");
            file.toFile().deleteOnExit();
            return new ValidatedWallets(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary file for the validated rows", e);
        }
    }

    /** What one step does with a chunk of records. */
    @FunctionalInterface
    public interface ChunkAction<E extends Exception> {
        void accept(List<WalletRecord> chunk) throws E;
    }

    public void add(WalletRecord r) {
        try {
            int flags = (r.xpubkey() != null ? XPUB : 0) | (r.status() != null ? STATUS : 0)
                    | (r.createdAt() != null ? CREATED_AT : 0) | (r.readyAt() != null ? READY_AT : 0)
                    | (r.retryCount() != null ? RETRY_COUNT : 0) | (r.authXpubkey() != null ? AUTH_XPUB : 0)
                    | (r.lastUsedAddressIndex() != null ? LAST_USED : 0) | (r.keys() != null ? KEYS : 0);
            out.writeLong(r.line());
            out.write(HEX.parseHex(r.id()));
            out.writeByte(flags);
            out.writeInt(r.maxGap());
            if (r.xpubkey() != null) {
                out.writeUTF(r.xpubkey());
            }
            if (r.status() != null) {
                out.writeByte(r.status().ordinal());
            }
            if (r.createdAt() != null) {
                out.writeLong(r.createdAt());
            }
            if (r.readyAt() != null) {
                out.writeLong(r.readyAt());
            }
            if (r.retryCount() != null) {
                out.writeInt(r.retryCount());
            }
            if (r.authXpubkey() != null) {
                out.writeUTF(r.authXpubkey());
            }
            if (r.lastUsedAddressIndex() != null) {
                out.writeInt(r.lastUsedAddressIndex());
                sized++;
            }
            if (r.keys() != null) {
                writeKeys(r.keys());
            }
            count++;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the validated rows to " + file, e);
        }
    }

    /**
     * The shielded keys: scan_xpriv's bytes sealed with AES-GCM under a key that lives only in this process (a spill
     * file left behind by a halted JVM gives no private key away), then spend_xpub and shielded_max_gap, each with a
     * presence byte.
     */
    private void writeKeys(ShieldedKeys keys) throws IOException {
        byte[] scan = seal(keys.scanXpriv());
        out.writeInt(scan.length);
        out.write(scan);
        out.writeBoolean(keys.spendXpub() != null);
        if (keys.spendXpub() != null) {
            out.writeUTF(keys.spendXpub());
        }
        out.writeBoolean(keys.shieldedMaxGap() != null);
        if (keys.shieldedMaxGap() != null) {
            out.writeInt(keys.shieldedMaxGap());
        }
    }

    private ShieldedKeys readKeys(DataInputStream in) throws IOException {
        byte[] scan = open(in.readInt(), in);
        String spend = in.readBoolean() ? in.readUTF() : null;
        Integer gap = in.readBoolean() ? in.readInt() : null;
        return new ShieldedKeys(scan, spend, gap);
    }

    private byte[] seal(byte[] plain) {
        try {
            byte[] iv = new byte[GCM_IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, spillKey, new GCMParameterSpec(GCM_TAG_BITS, iv));
            byte[] sealed = cipher.doFinal(plain);
            byte[] outBytes = new byte[iv.length + sealed.length];
            System.arraycopy(iv, 0, outBytes, 0, iv.length);
            System.arraycopy(sealed, 0, outBytes, iv.length, sealed.length);
            return outBytes;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal a key for the spill file", e);
        }
    }

    private byte[] open(int length, DataInputStream in) throws IOException {
        byte[] sealed = new byte[length];
        in.readFully(sealed);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, spillKey, new GCMParameterSpec(GCM_TAG_BITS, sealed, 0, GCM_IV_BYTES));
            return cipher.doFinal(sealed, GCM_IV_BYTES, length - GCM_IV_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IOException("a sealed key of the spill file does not open", e);
        }
    }

    /** Ends the writing; call before reading. */
    public void finish() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the validated rows to " + file, e);
            } finally {
                out = null;
            }
        }
    }

    /** Valid rows, each id once. */
    public long count() {
        return count;
    }

    /** The spill file (gone after close). */
    Path file() {
        return file;
    }

    /** Rows that give last_used_address_index. */
    public long sized() {
        return sized;
    }

    /** Reads every record back in file order, {@code size} at a time. */
    public <E extends Exception> void forEachChunk(int size, ChunkAction<E> action) throws E {
        finish();
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            List<WalletRecord> chunk = new ArrayList<>(size);
            for (long k = 0; k < count; k++) {
                chunk.add(read(in));
                if (chunk.size() == size) {
                    action.accept(chunk);
                    chunk = new ArrayList<>(size);
                }
            }
            if (!chunk.isEmpty()) {
                action.accept(chunk);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the validated rows back from " + file, e);
        }
    }

    private WalletRecord read(DataInputStream in) throws IOException {
        long line = in.readLong();
        byte[] id = new byte[32];
        in.readFully(id);
        int flags = in.readUnsignedByte();
        int maxGap = in.readInt();
        String xpub = (flags & XPUB) != 0 ? in.readUTF() : null;
        WalletStatus status = (flags & STATUS) != 0 ? WalletStatus.values()[in.readUnsignedByte()] : null;
        Long createdAt = (flags & CREATED_AT) != 0 ? in.readLong() : null;
        Long readyAt = (flags & READY_AT) != 0 ? in.readLong() : null;
        Integer retryCount = (flags & RETRY_COUNT) != 0 ? in.readInt() : null;
        String auth = (flags & AUTH_XPUB) != 0 ? in.readUTF() : null;
        Integer lastUsed = (flags & LAST_USED) != 0 ? in.readInt() : null;
        ShieldedKeys keys = (flags & KEYS) != 0 ? readKeys(in) : null;
        return new WalletRecord(line, HEX.formatHex(id), xpub, status, maxGap, createdAt, readyAt, retryCount, auth,
                lastUsed, keys);
    }

    @Override
    public void close() {
        try {
            finish();
        } catch (UncheckedIOException e) {
            // closing after a failed write: the file goes anyway
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file, e);
        }
    }
}

package io.hathor.reinit.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The 12 real wallets of the shared test data, and CSV files made from them. */
public final class TestWallets {
    /** id, xpubkey, auth_xpubkey of one wallet. */
    public record Wallet(String label, String id, String xpubkey, String authXpubkey) {}

    private TestWallets() {}

    public static List<Wallet> all() {
        try (InputStream in = TestWallets.class.getResourceAsStream("/testdata/csv/expected-wallets.json")) {
            JsonNode root = new ObjectMapper().readTree(in);
            List<Wallet> out = new ArrayList<>();
            for (JsonNode w : root.get("wallets")) {
                out.add(new Wallet(w.get("label").asText(), w.get("id").asText(), w.get("xpubkey").asText(),
                        w.get("auth_xpubkey").asText()));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A header-format CSV of these wallets (status column ready, to show the tool ignores it). */
    public static Path csv(Path dir, String name, List<Wallet> wallets) {
        StringBuilder sb = new StringBuilder("id,xpubkey,status,max_gap,created_at,ready_at,retry_count,auth_xpubkey,"
                + "last_used_address_index\n");
        for (Wallet w : wallets) {
            sb.append(w.id()).append(',').append(w.xpubkey()).append(",ready,20,1700000000,1700000100,0,")
                    .append(w.authXpubkey()).append(",-1\n");
        }
        return write(dir.resolve(name), sb.toString());
    }

    /** One id per line, like the reference tool's failed file. */
    public static Path idList(Path dir, String name, List<Wallet> wallets) {
        StringBuilder sb = new StringBuilder();
        wallets.forEach(w -> sb.append(w.id()).append('\n'));
        return write(dir.resolve(name), sb.toString());
    }

    private static Path write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

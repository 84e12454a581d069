package io.hathor.reinit.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.hathor.reinit.csv.WalletRecord;
import io.hathor.reinit.wallet.ShieldedKeys;
import io.hathor.reinit.wallet.WalletStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValidatedWalletsTest {
    private static final String ID_A = "a".repeat(64);
    private static final String ID_B = "b".repeat(64);

    @Test
    void should_give_back_every_field_and_the_shielded_keys_byte_for_byte() throws Exception {
        // given: one row with keys (bytes that are not valid UTF-8 included), one without
        byte[] scan = "xprv-secret".getBytes(StandardCharsets.UTF_8);
        scan[0] = (byte) 0xff;
        WalletRecord keyed = new WalletRecord(2, ID_A, "xpubA", WalletStatus.READY, 20, 1_700_000_000L, null, 1,
                "authA", 41, new ShieldedKeys(scan, "xpubSpend", 30));
        WalletRecord plain = new WalletRecord(3, ID_B, "xpubB", null, 25, null, 1_700_000_500L, null, null, null,
                null);
        List<WalletRecord> back = new ArrayList<>();
        try (ValidatedWallets wallets = ValidatedWallets.create()) {
            wallets.add(keyed);
            wallets.add(plain);
            // when
            wallets.forEachChunk(1, back::addAll);
            // then: the spill file is readable by its owner only, and holds no private key in the clear
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(wallets.file())))
                    .isEqualTo("rw-------");
            byte[] spilled = Files.readAllBytes(wallets.file());
            assertThat(indexOf(spilled, "xprv-secret".substring(1).getBytes(StandardCharsets.UTF_8))).isEqualTo(-1);
        }
        assertThat(back).containsExactly(keyed, plain);
        assertThat(back.get(0).keys().scanXpriv()).isEqualTo(scan);
        assertThat(back.get(0).keys().shieldedMaxGap()).isEqualTo(30);
        assertThat(back.get(1).keys()).isNull();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}

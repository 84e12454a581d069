package io.hathor.reinit.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hathor.reinit.demo.DemoShieldedKeys;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ExtendedPrivateKeyCheckTest {
    private static final String XPRV = DemoShieldedKeys.scanXpriv(new Random(1));

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A well-formed xprv payload whose 32 key bytes are {@code key}. */
    private static String xprvWithKey(byte[] key) {
        ByteBuffer payload = ByteBuffer.allocate(78).putInt(0x0488ADE4).put((byte) 4).putInt(0).putInt(0)
                .put(new byte[32]).put((byte) 0).put(key);
        return Base58.encodeChecked(payload.array());
    }

    @Test
    void should_accept_an_extended_private_key() {
        assertThatCode(() -> ExtendedPrivateKeyCheck.check(utf8(XPRV))).doesNotThrowAnyException();
    }

    @Test
    void should_reject_an_xpub_a_bad_checksum_and_a_key_out_of_range_without_showing_the_key() {
        // given
        String xpub = DemoShieldedKeys.spendXpub(new Random(2));
        char last = XPRV.charAt(XPRV.length() - 1);
        String badChecksum = XPRV.substring(0, XPRV.length() - 1) + (last == 'a' ? 'b' : 'a');
        byte[] n = Secp256k1.N.toByteArray();
        byte[] order = java.util.Arrays.copyOfRange(n, n.length - 32, n.length);

        // when / then
        assertThatThrownBy(() -> ExtendedPrivateKeyCheck.check(utf8(xpub))).hasMessageContaining("not a private key");
        assertThatThrownBy(() -> ExtendedPrivateKeyCheck.check(utf8(badChecksum)))
                .hasMessageContaining("checksum").hasMessageNotContaining(XPRV.substring(4, 20));
        assertThatThrownBy(() -> ExtendedPrivateKeyCheck.check(utf8(xprvWithKey(new byte[32]))))
                .hasMessageContaining("out of range");
        assertThatThrownBy(() -> ExtendedPrivateKeyCheck.check(utf8(xprvWithKey(order))))
                .hasMessageContaining("out of range");
        assertThatThrownBy(() -> ExtendedPrivateKeyCheck.check(new byte[] {(byte) 0xff, 0x41}))
                .hasMessageContaining("not UTF-8");
    }

    @Test
    void should_never_print_the_scan_key_of_shielded_keys() {
        // given
        ShieldedKeys keys = new ShieldedKeys(utf8(XPRV), DemoShieldedKeys.spendXpub(new Random(3)), 20);

        // when
        String shown = keys.toString() + new WalletRow("id", "xpub", WalletStatus.READY, 20, 1, null, 0, "auth", -1,
                new ShieldedState(WalletStatus.READY, WalletStatus.READY, keys));

        // then
        assertThat(shown).doesNotContain(XPRV.substring(4, 20)).contains("secret");
    }
}

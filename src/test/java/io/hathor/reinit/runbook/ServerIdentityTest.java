package io.hathor.reinit.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServerIdentityTest {
    @Test
    void should_read_host_port_and_schema_from_every_url_shape() {
        assertThat(ServerIdentity.fromUrl("jdbc:mysql://DB.example.org/ws"))
                .isEqualTo(new ServerIdentity("db.example.org", 3306, "ws"));
        assertThat(ServerIdentity.fromUrl("jdbc:mysql://db:3307/ws?sslMode=REQUIRED"))
                .isEqualTo(new ServerIdentity("db", 3307, "ws"));
        assertThat(ServerIdentity.fromUrl("jdbc:mariadb://u@db1:3310,db2:3311/ws"))
                .isEqualTo(new ServerIdentity("db1", 3310, "ws"));
        assertThat(ServerIdentity.fromUrl("jdbc:mysql://[::1]:3308/ws")).isEqualTo(new ServerIdentity("[::1]", 3308, "ws"));
        assertThat(ServerIdentity.fromUrl("jdbc:mysql://db:port/ws")).isNull();
        assertThat(ServerIdentity.fromUrl(null)).isNull();
    }

    @Test
    void should_give_the_same_wallet_digest_in_any_order_and_another_for_another_key() {
        // given
        WalletDigest forward = new WalletDigest();
        forward.add("a", "xpubA");
        forward.add("b", "xpubB");
        WalletDigest backward = new WalletDigest();
        backward.add("b", "xpubB");
        backward.add("a", "xpubA");
        WalletDigest otherKey = new WalletDigest();
        otherKey.add("a", "xpubA");
        otherKey.add("b", "xpubC");
        // then
        assertThat(forward.hex()).hasSize(64).isEqualTo(backward.hex()).isNotEqualTo(otherKey.hex());
        assertThat(forward.wallets()).isEqualTo(2);
    }
}

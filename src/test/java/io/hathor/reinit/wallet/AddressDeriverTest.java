package io.hathor.reinit.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AddressDeriverTest {

    static Stream<JsonNode> wallets() throws Exception {
        try (InputStream in = AddressDeriverTest.class.getResourceAsStream("/testdata/address-vectors.json")) {
            JsonNode root = new ObjectMapper().readTree(in);
            return java.util.stream.StreamSupport.stream(root.get("wallets").spliterator(), false).toList().stream();
        }
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("wallets")
    void should_reproduce_wallet_id_and_addresses_on_both_networks(JsonNode wallet) {
        // given
        String xpub = wallet.get("xpubkey").asText();
        // when / then
        assertThat(WalletId.of(xpub)).isEqualTo(wallet.get("wallet_id").asText());
        ExtendedPublicKey account = ExtendedPublicKey.parse(xpub);
        assertThat(account.depth()).isEqualTo(3);
        JsonNode publicKeys = wallet.get("public_keys");
        ExtendedPublicKey change = account.child(0);
        for (int i = 0; i < publicKeys.size(); i++) {
            assertThat(Hashes.hex(change.child(i).publicKey())).isEqualTo(publicKeys.get(i).asText());
        }
        for (String net : new String[] {"mainnet", "testnet"}) {
            AddressDeriver deriver = AddressDeriver.forXpub(xpub, Network.parse(net));
            JsonNode expected = wallet.get("addresses").get(net);
            String[] actual = deriver.addresses(0, expected.size());
            for (int i = 0; i < expected.size(); i++) {
                assertThat(actual[i]).as("%s index %d", net, i).isEqualTo(expected.get(i).asText());
            }
        }
    }
}

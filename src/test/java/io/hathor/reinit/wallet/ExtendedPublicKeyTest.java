package io.hathor.reinit.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ExtendedPublicKeyTest {

    static Stream<JsonNode> cases() throws Exception {
        try (InputStream in = ExtendedPublicKeyTest.class.getResourceAsStream("/testdata/invalid-xpubs.json")) {
            JsonNode root = new ObjectMapper().readTree(in);
            return Stream.concat(
                    StreamSupport.stream(root.get("valid_controls").spliterator(), false),
                    StreamSupport.stream(root.get("cases").spliterator(), false));
        }
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("cases")
    void should_give_the_expected_verdict(JsonNode c) {
        String input = c.get("input").asText();
        String expected = c.get("expected").asText();
        if (expected.equals("invalid")) {
            assertThatThrownBy(() -> ExtendedPublicKey.parse(input))
                    .isInstanceOf(InvalidKeyException.class)
                    .hasMessageNotContaining(input.length() > 12 ? input.substring(4, 12) : "\u0000");
        } else {
            ExtendedPublicKey key = ExtendedPublicKey.parse(input);
            if (expected.equals("valid_but_wrong_level")) {
                assertThat(key.depth()).isEqualTo(4);
            } else if (c.has("depth")) {
                assertThat(key.depth()).isEqualTo(c.get("depth").asInt());
            }
        }
    }
}

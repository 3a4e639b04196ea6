package io.cachetory.memo;

import static io.cachetory.memo.KeyFixtures.args;
import static io.cachetory.memo.KeyFixtures.method;
import static io.cachetory.memo.KeyFixtures.template;
import static org.assertj.core.api.Assertions.assertThat;

import io.cachetory.memo.KeyFixtures.Service;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class HashedKeyMakerTest {

    @Test
    void keyIsAnnotationPrefixAndSixtyFourHexCharacters() {
        assertThat(template("hashed").key(args("AAPL", 7))).matches("h:[0-9a-f]{64}");
    }

    @Test
    void hashIsSha256OfTheDefaultKey() throws Exception {
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(template("unhashed").key(args("AAPL", 7)).getBytes(StandardCharsets.UTF_8)));
        assertThat(expected).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest("h:AAPL:7".getBytes(StandardCharsets.UTF_8))));
        assertThat(new HashedKeyMaker().makeKey(method(Service.class, "hashed"), args("AAPL", 7)))
                .isEqualTo(expected);
    }

    @Test
    void equalArgumentsGiveEqualKeys() {
        KeyTemplate template = template("hashed");
        assertThat(template.key(args("AAPL", 7))).isEqualTo(template("hashed").key(args(new String("AAPL"), 7)));
    }

    @Test
    void differentArgumentsGiveDifferentKeys() {
        KeyTemplate template = template("hashed");
        assertThat(template.key(args("AAPL", 7))).isNotEqualTo(template.key(args("AAPL", 8)));
        assertThat(template.key(args("a:b", 7))).isNotEqualTo(template.key(args("a\\:b", 7)));
    }
}

package io.cachetory.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BackendUrlTest {

    @Test
    void parsesEveryPartOfAFullUrl() {
        BackendUrl url = BackendUrl.parse("redis://user:s3cret@host:6380/2?timeout=2s&client-name=app");

        assertThat(url.scheme()).isEqualTo("redis");
        assertThat(url.user()).isEqualTo("user");
        assertThat(url.password()).isEqualTo("s3cret");
        assertThat(url.authority()).isEqualTo("host:6380");
        assertThat(url.path()).isEqualTo("/2");
        assertThat(url.params()).containsExactly(Map.entry("timeout", "2s"), Map.entry("client-name", "app"));
        assertThat(url.param("timeout")).isEqualTo("2s");
        assertThat(url.param("absent")).isNull();
    }

    @Test
    void parsesAUrlWithoutAuthority() {
        BackendUrl url = BackendUrl.parse("memory://");

        assertThat(url.scheme()).isEqualTo("memory");
        assertThat(url.authority()).isEmpty();
        assertThat(url.path()).isEmpty();
        assertThat(url.params()).isEmpty();
        assertThat(url.user()).isNull();
        assertThat(url.password()).isNull();
    }

    @Test
    void parsesParametersOfAUrlWithoutAuthority() {
        assertThat(BackendUrl.parse("memory://?max-size=5").params()).containsExactly(Map.entry("max-size", "5"));
    }

    @Test
    void parsesASocketPath() {
        BackendUrl url = BackendUrl.parse("redis-socket:///path/to/redis.sock?timeout=1s");

        assertThat(url.authority()).isEmpty();
        assertThat(url.path()).isEqualTo("/path/to/redis.sock");
    }

    @Test
    void parsesASentinelHostList() {
        BackendUrl url = BackendUrl.parse("redis-sentinel://h1:26379,h2:26379/0?master=mymaster");

        assertThat(url.authority()).isEqualTo("h1:26379,h2:26379");
        assertThat(url.path()).isEqualTo("/0");
        assertThat(url.param("master")).isEqualTo("mymaster");
    }

    @Test
    void readsUserInfoWithoutColonAsAPasswordAlone() {
        BackendUrl url = BackendUrl.parse("redis://s3cret@host");

        assertThat(url.user()).isNull();
        assertThat(url.password()).isEqualTo("s3cret");
    }

    @Test
    void readsAnEmptyUserAsNoUser() {
        BackendUrl url = BackendUrl.parse("redis://:s3cret@host");

        assertThat(url.user()).isNull();
        assertThat(url.password()).isEqualTo("s3cret");
    }

    @Test
    void percentDecodesThePasswordAndKeepsPlusLiteral() {
        assertThat(BackendUrl.parse("redis://u:p%40ss@host").password()).isEqualTo("p@ss");
        assertThat(BackendUrl.parse("redis://u:a+b@host").password()).isEqualTo("a+b");
    }

    @Test
    void takesTheLastAtSignAsTheEndOfTheUserInfo() {
        BackendUrl url = BackendUrl.parse("redis://u:p@ss@host:6379");

        assertThat(url.password()).isEqualTo("p@ss");
        assertThat(url.authority()).isEqualTo("host:6379");
    }

    @Test
    void lowerCasesTheScheme() {
        assertThat(BackendUrl.parse("MEMORY://").scheme()).isEqualTo("memory");
    }

    @Test
    void readsAParameterWithoutValueAsEmpty() {
        assertThat(BackendUrl.parse("redis://host/0?bad").params()).containsExactly(Map.entry("bad", ""));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"memory", "", "://host", "host:6379"})
    void rejectsTextWithoutAScheme(String text) {
        assertThatThrownBy(() -> BackendUrl.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsNull() {
        assertThatThrownBy(() -> BackendUrl.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsARepeatedParameterNamingIt() {
        assertThatThrownBy(() -> BackendUrl.parse("memory://?max-size=1&max-size=2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("max-size");
    }

    @Test
    void toStringMasksThePassword() {
        String text = BackendUrl.parse("redis://user:s3cret@host/0?bad").toString();

        assertThat(text).doesNotContain("s3cret").isEqualTo("redis://user:***@host/0?bad=");
    }

    @Test
    void toStringMasksAPasswordAlone() {
        assertThat(BackendUrl.parse("redis://s3cret@host").toString()).isEqualTo("redis://***@host");
    }

    @Test
    void toStringOfAUrlWithoutCredentialsIsTheUrl() {
        assertThat(BackendUrl.parse("redis://host:6379/0?timeout=1s").toString()).isEqualTo("redis://host:6379/0?timeout=1s");
    }

    @Test
    void repeatedParameterMessageDoesNotContainThePassword() {
        assertThatThrownBy(() -> BackendUrl.parse("redis://user:s3cret@host/0?timeout=1s&timeout=2s"))
                .isInstanceOf(IllegalArgumentException.class)
                .message()
                .doesNotContain("s3cret");
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"redis:/user:s3cret@host", "redis//user:s3cret@host/0", "user:s3cret@host"})
    void malformedUrlMessageDoesNotContainThePassword(String text) {
        assertThatThrownBy(() -> BackendUrl.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .message()
                .doesNotContain("s3cret");
    }

    @Test
    void requireOnlyRejectsAnUnknownParameterNamingItButNotThePassword() {
        BackendUrl url = BackendUrl.parse("redis://user:s3cret@host/0?bad=1");

        assertThatThrownBy(() -> url.requireOnly(Set.of("timeout")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad")
                .message()
                .doesNotContain("s3cret");
    }

    @Test
    void requireOnlyAcceptsKnownParameters() {
        BackendUrl url = BackendUrl.parse("redis://host/0?timeout=1s");

        assertThat(url.requireOnly(Set.of("timeout", "client-name"))).isSameAs(url);
    }

    @Test
    void redactMasksThePassword() {
        assertThat(BackendUrl.redact("redis://user:s3cret@host/0?bad")).isEqualTo("redis://user:***@host/0?bad");
        assertThat(BackendUrl.redact("redis://s3cret@host")).isEqualTo("redis://***@host");
        assertThat(BackendUrl.redact("redis://u:p@ss@host?timeout=1s")).isEqualTo("redis://u:***@host?timeout=1s");
    }

    @Test
    void redactLeavesAUrlWithoutCredentialsAlone() {
        assertThat(BackendUrl.redact("redis://host:6379/0?client-name=a@b")).isEqualTo("redis://host:6379/0?client-name=a@b");
        assertThat(BackendUrl.redact("memory://")).isEqualTo("memory://");
        assertThat(BackendUrl.redact(null)).isEqualTo("null");
    }

    @Test
    void redactMasksCredentialsOfTextWithoutAScheme() {
        assertThat(BackendUrl.redact("redis:/user:s3cret@host")).doesNotContain("s3cret").endsWith("@host");
    }

    @Test
    void passwordWithAnUnencodedSlashIsReadAsPasswordAndNeverShown() {
        BackendUrl url = BackendUrl.parse("redis://user:pa/ss@host:6379/0");
        assertThat(url.password()).isEqualTo("pa/ss");
        assertThat(url.authority()).isEqualTo("host:6379");
        assertThat(url.path()).isEqualTo("/0");
        assertThat(url.toString()).doesNotContain("pa/ss").doesNotContain("ss@");
        assertThat(BackendUrl.redact("redis://user:pa/ss@host:6379/0")).isEqualTo("redis://user:***@host:6379/0");
    }

    @Test
    void atSignInAQueryValueIsNotTakenForCredentials() {
        BackendUrl url = BackendUrl.parse("redis://host:6379/0?client-name=a@b");
        assertThat(url.password()).isNull();
        assertThat(url.param("client-name")).isEqualTo("a@b");
    }
    @Test
    void aPasswordGivenAsAParameterIsRefusedWithoutItsValue() {
        assertThatThrownBy(() -> Backends.fromUrl("memory://?password=s3cret"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("password")
                .hasMessageNotContaining("s3cret");
        assertThat(BackendUrl.redact("redis://host/0?password=s3cret&timeout=1s")).isEqualTo("redis://host/0?password=***&timeout=1s");
    }

    @Test
    void anUnencodedQuestionMarkInAPasswordIsNeverShown() {
        assertThat(BackendUrl.redact("redis://user:pa?ss@host:6379/0")).doesNotContain("pa").doesNotContain("ss@");
    }

    @Test
    void aBadPercentEscapeNamesThePartNotItsText() {
        assertThatThrownBy(() -> BackendUrl.parse("redis://user:se%zzcret@host/0"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("password")
                .hasMessageNotContaining("se%zz").hasMessageNotContaining("zz");
    }

    @Test
    void inProcessBackendsRefuseAHostOrPath() {
        for (String url : new String[] {"memory://host", "memory://localhost:1/0", "dummy://x", "memory://u:p@"}) {
            assertThatThrownBy(() -> Backends.fromUrl(url)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("takes no host");
        }
    }

    @Test
    void aNoopSerializerOverAByteBackendIsRefusedUpFront() {
        // memory:// holds objects, so noop:// is its default; the byte-backend case lives in the Redis module.
        assertThat(Backends.serializerUrlFor("memory://", null)).isEqualTo("noop://");
        assertThat(Backends.serializerUrlFor("memory://", "kryo://")).isEqualTo("kryo://");
    }
}

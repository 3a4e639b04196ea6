package io.cachetory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    static Stream<Arguments> validTexts() {
        return Stream.of(
                Arguments.of("500ms", Duration.ofMillis(500)),
                Arguments.of("30s", Duration.ofSeconds(30)),
                Arguments.of("5m", Duration.ofMinutes(5)),
                Arguments.of("2h", Duration.ofHours(2)),
                Arguments.of("1d", Duration.ofDays(1)),
                Arguments.of("PT5M", Duration.ofMinutes(5)),
                Arguments.of("P1DT2H", Duration.ofHours(26)),
                Arguments.of("pt0.5s", Duration.ofMillis(500)),
                Arguments.of(" 30s ", Duration.ofSeconds(30)));
    }

    @ParameterizedTest(name = "\"{0}\" is {1}")
    @MethodSource("validTexts")
    void parsesTheText(String text, Duration expected) {
        assertThat(Durations.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"abc", "5", "5x", "5 parsecs", "ms", "PTxyz", "1.5s", "99999999999999999999s", "9223372036854775807d"})
    void rejectsAnInvalidTextNamingIt(String text) {
        assertThatThrownBy(() -> Durations.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(text);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", "   "})
    void rejectsABlankText(String text) {
        assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsNull() {
        assertThatThrownBy(() -> Durations.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void answersZeroAsParsedLeavingTheCheckToTheCaller() {
        assertThat(Durations.parse("0s")).isZero();
    }

    @org.junit.jupiter.api.Test
    void aTtlBeyondWhatEveryBackendHoldsIsRefusedUpFront() {
        java.time.Duration huge = Durations.parse("300000000000d");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Durations.checkTtl(huge, "ttl"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> Cache.memory().set("k", "v", java.time.Duration.ofSeconds(Long.MAX_VALUE)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ttl");
        org.assertj.core.api.Assertions.assertThat(Durations.checkTtl(Durations.MAX_TTL, "ttl")).isEqualTo(Durations.MAX_TTL);
    }
}

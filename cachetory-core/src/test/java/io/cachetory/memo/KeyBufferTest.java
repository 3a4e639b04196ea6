package io.cachetory.memo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cachetory.annotations.Cached;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;

class KeyBufferTest {
    static KeyTemplate inner;

    /** Its key form is itself a key: rendering it builds a key on the same thread. */
    public static final class Nested {
        @Override
        public String toString() {
            return inner.key(new Object[] {"x"});
        }
    }

    /** Its key form fails half-way through rendering. */
    public static final class Failing {
        @Override
        public String toString() {
            throw new IllegalStateException("no form");
        }
    }

    public static class Methods {
        @Cached(prefix = "inner")
        public String inner(String s) {
            return s;
        }

        @Cached(prefix = "outer")
        public String outer(Nested n, String s) {
            return s;
        }

        @Cached(prefix = "failing")
        public String failing(String s, Failing f) {
            return s;
        }
    }

    private static KeyTemplate template(String name) {
        for (Method m : Methods.class.getDeclaredMethods()) {
            if (m.getName().equals(name)) {
                return KeyTemplate.of(m);
            }
        }
        throw new AssertionError(name);
    }

    @Test
    void keyBuiltWhileRenderingAnotherKeyLeavesTheOuterKeyIntact() {
        inner = template("inner");
        assertThat(template("outer").key(new Object[] {new Nested(), "s"})).isEqualTo("outer:inner\\:x:s");
    }

    @Test
    void bufferIsUsableAgainAfterARenderingFailure() {
        KeyTemplate failing = template("failing");
        assertThatThrownBy(() -> failing.key(new Object[] {"a", new Failing()})).isInstanceOf(IllegalStateException.class);
        assertThat(template("inner").key(new Object[] {"y"})).isEqualTo("inner:y");
    }

    @Test
    void consecutiveKeysDoNotShareContent() {
        KeyTemplate t = template("inner");
        String first = t.key(new Object[] {"a-rather-long-argument-" + "x".repeat(2000)});
        String second = t.key(new Object[] {"b"});
        assertThat(first).startsWith("inner:a-rather-long-argument-").hasSize(6 + 23 + 2000);
        assertThat(second).isEqualTo("inner:b");
    }
}

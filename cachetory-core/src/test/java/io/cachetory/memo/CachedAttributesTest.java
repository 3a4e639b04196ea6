package io.cachetory.memo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cachetory.annotations.CacheKey;
import io.cachetory.annotations.Cached;
import io.cachetory.annotations.Exclude;
import io.cachetory.annotations.SingleFlight;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Objects;
import org.junit.jupiter.api.Test;

class CachedAttributesTest {

    /** Never memoized: only its annotations are read. */
    static final class Fixtures {
        @Cached
        public String bare(String a) {
            return a;
        }

        @Cached(ttl = "5m", prefix = "a:7:b", cache = "quotes", ifNotExists = true, cacheNull = true, version = "v2:",
                keyMaker = HashedKeyMaker.class, exclude = NoNulls.class, singleFlight = SingleFlight.FLEET,
                refresh = "1m", staleIfError = "1h", lease = "3s")
        public String everything(@CacheKey String a, int b, @CacheKey long c) {
            return a;
        }
    }

    public static final class NoNulls implements Exclude {
        @Override
        public boolean test(String key, Object value) {
            return value == null;
        }
    }

    private static Method method(String name) {
        for (Method m : Fixtures.class.getDeclaredMethods()) {
            if (m.getName().equals(name)) {
                return m;
            }
        }
        throw new AssertionError(name);
    }

    /** Every field alike: a field added later is compared too. */
    static void assertSameAttributes(CachedAttributes actual, CachedAttributes expected) throws IllegalAccessException {
        for (Field f : CachedAttributes.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers())) {
                continue;
            }
            f.setAccessible(true);
            assertThat(Objects.deepEquals(f.get(actual), f.get(expected)))
                    .as("%s: %s vs %s", f.getName(), f.get(actual), f.get(expected)).isTrue();
        }
    }

    @Test
    void anEmptyTextReadsAsTheAnnotationsDefaults() throws Exception {
        assertSameAttributes(CachedAttributes.decode("", method("bare")), CachedAttributes.of(method("bare")));
    }

    @Test
    void everyAttributeAndCacheKeyParameterDecodesAsReflectionReadsIt() throws Exception {
        String text = "ttl:2:5mprefix:5:a:7:bcache:6:quotesifNotExists:4:truecacheNull:4:trueversion:3:v2:"
                + "keyMaker:" + HashedKeyMaker.class.getName().length() + ":" + HashedKeyMaker.class.getName()
                + "exclude:" + NoNulls.class.getName().length() + ":" + NoNulls.class.getName()
                + "singleFlight:5:FLEETrefresh:2:1mstaleIfError:2:1hlease:2:3s@CacheKey:3:0,2";
        CachedAttributes decoded = CachedAttributes.decode(text, method("everything"));

        assertSameAttributes(decoded, CachedAttributes.of(method("everything")));
        assertThat(decoded.isCacheKey(0)).isTrue();
        assertThat(decoded.isCacheKey(1)).isFalse();
        assertThat(decoded.allParametersAreKeys()).isFalse();
    }

    @Test
    void anAttributeThisRuntimeDoesNotKnowSendsItToReflection() throws Exception {
        assertSameAttributes(CachedAttributes.decode("ttl:2:9scolour:4:blue", method("everything")),
                CachedAttributes.of(method("everything")));
    }

    @Test
    void aMalformedTextIsAnErrorNamingTheMethod() {
        assertThatThrownBy(() -> CachedAttributes.decode("ttl:9:5m", method("bare")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(CachedAttributesTest.class.getName() + "$Fixtures.bare(java.lang.String)")
                .hasMessageContaining("malformed");
        assertThatThrownBy(() -> CachedAttributes.decode("singleFlight:3:ALL", method("bare")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("malformed");
    }

    @Test
    void aClassThatCannotBeLoadedIsAnErrorNamingTheAttribute() {
        assertThatThrownBy(() -> CachedAttributes.decode("keyMaker:13:com.nowhere.K", method("bare")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bare(java.lang.String)")
                .hasMessageContaining("keyMaker class com.nowhere.K");
        assertThatThrownBy(() -> CachedAttributes.decode("exclude:16:java.lang.String", method("bare")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("exclude class java.lang.String cannot be loaded as Exclude");
    }
}

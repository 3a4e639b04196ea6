package io.cachetory.memo;

import io.cachetory.annotations.CacheKey;
import io.cachetory.annotations.Cached;
import io.cachetory.annotations.KeyMaker;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Annotated methods whose key templates the key tests derive. */
final class KeyFixtures {
    private KeyFixtures() {}

    static Method method(Class<?> type, String name) {
        Method found = null;
        for (Method method : type.getDeclaredMethods()) {
            if (method.getName().equals(name)) {
                if (found != null) throw new IllegalStateException("overloaded: " + name);
                found = method;
            }
        }
        if (found == null) throw new IllegalStateException("no method " + name);
        return found;
    }

    static Method method(Class<?> type, String name, Class<?>... parameterTypes) {
        try {
            return type.getDeclaredMethod(name, parameterTypes);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    static KeyTemplate template(String name) {
        return KeyTemplate.of(method(Service.class, name));
    }

    enum Color { RED, GREEN { @Override public String toString() { return "green!"; } } }

    record Point(int x, String label) {}

    /** A final class with Object's toString: no stable form. */
    static final class Opaque {}

    /** A non-final class with Object's toString: decided per value. */
    static class OpenOpaque {}

    static final class Money {
        private final String amount;

        Money(String amount) {
            this.amount = amount;
        }

        @Override
        public String toString() {
            return amount + " EUR";
        }
    }

    public static final class Lowercase implements KeyMaker {
        @Override
        public String makeKey(Method method, Object[] args) {
            return String.valueOf(args[0]).toLowerCase();
        }
    }

    public static final class NoDefaultConstructor implements KeyMaker {
        public NoDefaultConstructor(String unused) {}

        @Override
        public String makeKey(Method method, Object[] args) {
            return "";
        }
    }

    @SuppressWarnings("unused")
    static class Service {
        @Cached(prefix = "quotes") String quote(String ticker) { return ticker; }
        @Cached(prefix = "quotes") String price(String ticker, int day) { return ticker; }
        @Cached(prefix = "all") String all() { return ""; }
        @Cached String unprefixed(String ticker) { return ticker; }
        @Cached String overloaded(String ticker, int day) { return ticker; }
        @Cached String overloaded(String ticker) { return ticker; }
        @Cached(prefix = "p") String selected(@CacheKey String ticker, int ignored, @CacheKey long day) { return ticker; }
        @Cached(prefix = "p") String strings(String a, String b) { return a; }
        @Cached(prefix = "p") String object(Object o) { return ""; }
        @Cached(prefix = "p") String objects(Object a, Object b) { return ""; }
        @Cached(prefix = "p") String number(Number n) { return ""; }
        @Cached(prefix = "p") String boxed(Integer i, Long l, Character c, Boolean b, double d) { return ""; }
        @Cached(prefix = "p") String color(Color c) { return ""; }
        @Cached(prefix = "p") String values(UUID id, LocalDate day, BigDecimal amount) { return ""; }
        @Cached(prefix = "p") String ints(int[] values) { return ""; }
        @Cached(prefix = "p") String names(String[] values) { return ""; }
        @Cached(prefix = "p") String anything(Object[] values) { return ""; }
        @Cached(prefix = "p") String list(List<?> values) { return ""; }
        @Cached(prefix = "p") String set(Set<?> values) { return ""; }
        @Cached(prefix = "p") String map(Map<?, ?> values) { return ""; }
        @Cached(prefix = "p") String optional(Optional<?> value) { return ""; }
        @Cached(prefix = "p") String point(Point p) { return ""; }
        @Cached(prefix = "p") String money(Money m) { return ""; }
        @Cached(prefix = "p") String opaque(Opaque o) { return ""; }
        @Cached(prefix = "p") String opaques(Opaque[] o) { return ""; }
        @Cached(prefix = "p") String openOpaque(OpenOpaque o) { return ""; }
        @Cached(prefix = "p") String fuzz(String s, Object a, Object b) { return ""; }
        @Cached(prefix = "made", keyMaker = Lowercase.class) String made(String ticker) { return ticker; }
        @Cached(keyMaker = Lowercase.class) String madeUnprefixed(String ticker) { return ticker; }
        @Cached(prefix = "made", keyMaker = Lowercase.class) String madeOpaque(Opaque o) { return ""; }
        @Cached(prefix = "h", keyMaker = HashedKeyMaker.class) String hashedOpaque(Opaque o) { return ""; }
        @Cached(keyMaker = NoDefaultConstructor.class) String badMaker(String ticker) { return ticker; }
        @Cached(prefix = "h", keyMaker = HashedKeyMaker.class) String hashed(String ticker, int day) { return ticker; }
        @Cached(prefix = "h") String unhashed(String ticker, int day) { return ticker; }
    }

    static Object[] args(Object... args) {
        return args;
    }

    static String show(Object[] args) {
        return Arrays.deepToString(args);
    }
}

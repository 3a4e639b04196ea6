package io.cachetory.agent;

import io.cachetory.annotations.CacheKey;
import io.cachetory.annotations.Cached;
import io.cachetory.annotations.SingleFlight;
import io.cachetory.memo.HashedKeyMaker;

/** {@code @Cached} methods whose attributes the agent reads off the class file; never called. */
final class AttributesFixture {
    private static final String HUNDRED = "0123456789012345678901234567890123456789012345678901234567890123456789"
            + "012345678901234567890123456789";
    private static final String THOUSAND = HUNDRED + HUNDRED + HUNDRED + HUNDRED + HUNDRED + HUNDRED + HUNDRED + HUNDRED
            + HUNDRED + HUNDRED;
    /** Beyond what the agent puts in a class-file constant: this one goes through reflection. */
    static final String HUGE_PREFIX = THOUSAND + THOUSAND + THOUSAND + THOUSAND + THOUSAND + THOUSAND + THOUSAND + THOUSAND
            + THOUSAND + THOUSAND + THOUSAND + THOUSAND + THOUSAND + THOUSAND + THOUSAND + THOUSAND + THOUSAND;

    @Cached
    String bare(String a) {
        return a;
    }

    @Cached(ttl = "5m", prefix = "p:12:ü€\u0000x", cache = "quotes", ifNotExists = true, cacheNull = true, version = "v2",
            keyMaker = HashedKeyMaker.class, exclude = SkipEmpty.class, singleFlight = SingleFlight.FLEET,
            refresh = "1m", staleIfError = "1h", lease = "3s")
    static String everything(@CacheKey String a, int b, @CacheKey long c, @Deprecated String d) {
        return a;
    }

    @Cached(prefix = HUGE_PREFIX)
    String huge(String a) {
        return a;
    }

    public static final class SkipEmpty implements io.cachetory.annotations.Exclude {
        @Override
        public boolean test(String key, Object value) {
            return "".equals(value);
        }
    }
}

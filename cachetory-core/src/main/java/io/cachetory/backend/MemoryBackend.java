package io.cachetory.backend;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Policy;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;

/**
 * {@code memory://?max-size=N}: an in-process store on Caffeine with a ttl per entry and a bound on
 * the number of entries (default 10000, least valuable evicted first). Stores the objects it is given
 * (no copy). Thread-safe; reads take no lock.
 */
public final class MemoryBackend<W> implements Backend<W> {
    /** Default bound on the number of entries. */
    public static final long DEFAULT_MAX_SIZE = 10_000;

    // Caffeine's nanosecond arithmetic overflows past ~150 years; "eternal" is a century.
    private static final long ETERNAL_NANOS = Duration.ofDays(36_500).toNanos();

    private final Cache<String, W> cache;
    private final Policy.VarExpiration<String, W> expiration;
    private final long maxSize;

    /** A store of at most {@link #DEFAULT_MAX_SIZE} entries on the system clock. */
    public MemoryBackend() {
        this(DEFAULT_MAX_SIZE, Ticker.systemTicker());
    }

    /**
     * @param maxSize the bound on the number of entries, positive
     * @param ticker the clock of expiry (a fake one in tests)
     */
    public MemoryBackend(long maxSize, Ticker ticker) {
        if (maxSize <= 0) {
            throw new IllegalArgumentException("max-size must be positive, got " + maxSize);
        }
        this.maxSize = maxSize;
        this.cache = Caffeine.newBuilder()
                .maximumSize(maxSize)
                .ticker(ticker)
                .expireAfter(new Expiry<String, W>() {
                    @Override
                    public long expireAfterCreate(String key, W value, long currentTime) {
                        return ETERNAL_NANOS;
                    }

                    @Override
                    public long expireAfterUpdate(String key, W value, long currentTime, long currentDuration) {
                        return currentDuration;
                    }

                    @Override
                    public long expireAfterRead(String key, W value, long currentTime, long currentDuration) {
                        return currentDuration;
                    }
                })
                .build();
        this.expiration = cache.policy().expireVariably().orElseThrow();
    }

    private static long nanos(Duration ttl) {
        if (ttl == null) {
            return ETERNAL_NANOS;
        }
        try {
            return Math.min(ttl.toNanos(), ETERNAL_NANOS);
        } catch (ArithmeticException tooLong) {
            return ETERNAL_NANOS;
        }
    }

    @Override
    public W get(String key) {
        return cache.getIfPresent(key);
    }

    @Override
    public Map<String, W> getMany(Collection<String> keys) {
        return cache.getAllPresent(keys);
    }

    @Override
    public boolean set(String key, W value, Duration ttl, boolean ifNotExists) {
        long nanos = nanos(ttl);
        if (ifNotExists) {
            return expiration.putIfAbsent(key, value, nanos, java.util.concurrent.TimeUnit.NANOSECONDS) == null;
        }
        expiration.put(key, value, nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
        return true;
    }

    @Override
    public void setMany(Map<String, ? extends W> items, Duration ttl) {
        long nanos = nanos(ttl);
        for (Map.Entry<String, ? extends W> e : items.entrySet()) {
            expiration.put(e.getKey(), e.getValue(), nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void expireIn(String key, Duration ttl) {
        if (cache.getIfPresent(key) != null) {
            expiration.setExpiresAfter(key, nanos(ttl), java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public boolean delete(String key) {
        return cache.asMap().remove(key) != null;
    }

    @Override
    public void deleteMany(Collection<String> keys) {
        cache.invalidateAll(keys);
    }

    @Override
    public void clear() {
        cache.invalidateAll();
    }

    @Override
    public void clearPrefix(String prefix) {
        cache.asMap().keySet().removeIf(k -> k.startsWith(prefix));
    }

    @Override
    public void close() {
        cache.invalidateAll();
    }

    /** Runs Caffeine's pending maintenance (evictions); for tests of the size bound. */
    public void cleanUp() {
        cache.cleanUp();
    }

    @Override
    public String toString() {
        return "memory://?max-size=" + maxSize;
    }
}

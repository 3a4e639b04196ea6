package io.cachetory.memo;

import io.cachetory.Durations;
import io.cachetory.Cache;
import io.cachetory.annotations.SingleFlight;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.Objects;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * Builds a {@link Memoized} function without annotations or bytecode, the Java form of Python
 * cachetory's {@code @cached(cache, make_key=, time_to_live=, if_not_exists=, exclude=)}:
 * <pre>{@code
 * Memoized<String, Quote> quote = Memo.of(this::fetchQuote)
 *         .cache(Cache.memory()).prefix("quotes").ttl(Duration.ofMinutes(5)).build();
 * }</pre>
 * Without {@link #cache}, the registry's {@code default} cache is used. Without {@link #key}, the key
 * is the argument's key form (a {@code String} verbatim, other classes tagged), after
 * {@code "<prefix>:"} when a prefix is given. A builder is not thread-safe; what it builds is.
 */
public final class Memo<A, R> {
    private final Function<A, R> function;
    private Cache<R> cache;
    private Function<A, Cache<R>> cacheResolver;
    private Function<A, String> key;
    private String prefix = "";
    private Duration ttl;
    private Function<String, Duration> ttlOfKey;
    private boolean ifNotExists;
    private boolean cacheNull;
    private BiPredicate<String, ? super R> exclude;
    private String version = "";
    private Type returns = Object.class;
    private SingleFlight singleFlight = SingleFlight.JVM;
    private Duration refresh;
    private Duration staleIfError;
    private Duration lease;

    private Memo(Function<A, R> function) {
        this.function = Objects.requireNonNull(function, "function");
    }

    /**
     * The key form Cachetory gives one argument — what a {@code Memo.of} function without
     * {@code .key(…)} puts after its prefix, and what a {@code @Cached} method puts for a parameter
     * declared as {@code Object}: a string as it is (a {@code :} or {@code \\} escaped), any other
     * value tagged with its type so that {@code 1}, {@code 1L} and {@code "1"} differ; records,
     * collections, maps and arrays by their elements (README, "Keys"). For integrations that key
     * their own entries as memoization does (the Spring starter's {@code CachetoryCacheManager}).
     *
     * @throws IllegalArgumentException for an argument with no stable key form (its class overrides
     *     neither {@code toString()} nor is a value type), naming its class
     */
    public static String keyOf(Object argument) {
        StringBuilder sb = new StringBuilder();
        CachingFunction.ARGUMENT.render(sb, argument);
        return sb.toString();
    }

    /** Starts building a memoized form of {@code function}. */
    public static <A, R> Memo<A, R> of(Function<A, R> function) {
        return new Memo<>(function);
    }

    /** Stores in this cache. */
    public Memo<A, R> cache(Cache<R> cache) {
        this.cache = Objects.requireNonNull(cache, "cache");
        this.cacheResolver = null;
        return this;
    }

    /** Chooses the cache per argument; a resolver answering {@code null} skips the cache for that call. */
    public Memo<A, R> cache(Function<A, Cache<R>> resolver) {
        this.cacheResolver = Objects.requireNonNull(resolver, "resolver");
        this.cache = null;
        return this;
    }

    /** Derives the key from the argument instead of the default key form. */
    public Memo<A, R> key(Function<A, String> key) {
        this.key = Objects.requireNonNull(key, "key");
        return this;
    }

    /** Prepends {@code "<prefix>:"} to every key. */
    public Memo<A, R> prefix(String prefix) {
        this.prefix = Objects.requireNonNull(prefix, "prefix");
        return this;
    }

    /** @param ttl positive, or null for eternal entries */
    public Memo<A, R> ttl(Duration ttl) {
        Durations.checkTtl(ttl, "ttl");
        this.ttl = ttl;
        this.ttlOfKey = null;
        return this;
    }

    /** Computes the ttl from the key (null = eternal), as Python's {@code time_to_live} callable. */
    public Memo<A, R> ttl(Function<String, Duration> ttlOfKey) {
        this.ttlOfKey = Objects.requireNonNull(ttlOfKey, "ttlOfKey");
        this.ttl = null;
        return this;
    }

    /** Never overwrite an entry another writer stored first. */
    public Memo<A, R> ifNotExists(boolean ifNotExists) {
        this.ifNotExists = ifNotExists;
        return this;
    }

    /** Store {@code null} results too (as a marker); by default they are not stored. */
    public Memo<A, R> cacheNull(boolean cacheNull) {
        this.cacheNull = cacheNull;
        return this;
    }

    /** Leaves out of the cache the results for which {@code exclude.test(key, result)} is true. */
    public Memo<A, R> exclude(BiPredicate<String, ? super R> exclude) {
        this.exclude = Objects.requireNonNull(exclude, "exclude");
        return this;
    }

    /**
     * The version of the results, for changes their structure cannot show (a field whose meaning
     * changed but not its type): over a cache that stores bytes it goes into the tag of every key
     * ({@code <prefix>#<tag>:<key>}), so bumping it retires the entries of the old version without
     * touching them. Default {@code ""}.
     */
    public Memo<A, R> version(String version) {
        this.version = Objects.requireNonNull(version, "version");
        return this;
    }

    /**
     * The declared type of the results (a {@code Class}, or a {@code ParameterizedType} for a generic
     * one), whose structure goes into the key tag over a cache that stores bytes, as a
     * {@code @Cached} method's return type does: with the same type, prefix, key and version, a
     * {@code Memo} and a {@code @Cached} method share entries. Default {@code Object.class} (a lambda's
     * result type is erased at run time); a value whose classes changed is still never returned, only
     * the keys of two releases are then not kept apart.
     */
    public Memo<A, R> returns(Type type) {
        this.returns = Objects.requireNonNull(type, "type");
        return this;
    }

    /**
     * Who shares a load on a miss: this JVM's callers ({@link SingleFlight#JVM}, the default) or every
     * JVM sharing the cache's backend ({@link SingleFlight#FLEET}: one caller takes a lease in the
     * backend and loads, the others wait at most {@link #lease} for its value; over a backend without
     * leases, such as {@code memory://}, this is per JVM).
     */
    public Memo<A, R> singleFlight(SingleFlight singleFlight) {
        this.singleFlight = Objects.requireNonNull(singleFlight, "singleFlight");
        return this;
    }

    /**
     * Refresh-ahead: a hit on an entry older than {@code refresh} returns it at once and starts one
     * background reload (one per fleet under {@link SingleFlight#FLEET}). Needs a fixed {@link
     * #ttl(Duration)} longer than it (checked by {@link #build}).
     *
     * @param refresh positive, or null for off
     */
    public Memo<A, R> refresh(Duration refresh) {
        this.refresh = refresh;
        return this;
    }

    /**
     * Stale-if-error: entries are kept {@code staleIfError} beyond the ttl; a call after the ttl loads,
     * and if the function throws, the stale value is returned instead. Needs a fixed {@link
     * #ttl(Duration)} (checked by {@link #build}).
     *
     * @param staleIfError positive, or null for off
     */
    public Memo<A, R> staleIfError(Duration staleIfError) {
        this.staleIfError = staleIfError;
        return this;
    }

    /** @param lease how long a {@link SingleFlight#FLEET} lease lives at most; positive, or null for 10 seconds */
    public Memo<A, R> lease(Duration lease) {
        this.lease = lease;
        return this;
    }

    /**
     * @return the memoized function
     * @throws IllegalArgumentException on an invalid combination: refresh not shorter than the ttl,
     *     refresh or staleIfError without a fixed ttl, a non-positive duration
     */
    @SuppressWarnings("unchecked")
    public Memoized<A, R> build() {
        BiPredicate<String, Object> excludeAny = exclude == null ? null : (BiPredicate<String, Object>) (BiPredicate<String, ?>) exclude;
        StorePolicy policy = new StorePolicy(ttl, ttlOfKey, ifNotExists, cacheNull, excludeAny, CachedMethod.rawClass(returns));
        LoadProtection protection = LoadProtection.of("Memo.of(" + (prefix.isEmpty() ? "" : "prefix '" + prefix + "'") + ").build()",
                singleFlight, ttl, ttlOfKey != null, refresh, staleIfError, lease);
        // as a @Cached method's return type: its classes may be read back
        java.lang.reflect.Type declared = returns == Object.class ? null : KeyTag.storedType(returns);
        return new CachingFunction<>(function, cache, cacheResolver, key, prefix, KeyTag.ofReturnType(returns, version),
                policy, CachedMethods.global().defaultRegistry(), protection, declared);
    }
}

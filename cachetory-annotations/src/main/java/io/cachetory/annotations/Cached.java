package io.cachetory.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Memoizes a method: its result is stored in a named cache under a key derived from its arguments,
 * and later calls with equal arguments return the stored result without running the body.
 *
 * <p>The annotation takes effect through a Cachetory proxy ({@code Cachetory.create}/{@code
 * Cachetory.proxy}) or the Cachetory Java agent; on a plain object it does nothing.
 *
 * <p>Misconfiguration (an unparsable {@link #ttl()}, an unknown {@link #cache()}, a {@link
 * #keyMaker()} or {@link #exclude()} without a public no-arg constructor, a {@link #refresh()} not
 * shorter than the ttl, a {@link #refresh()} or {@link #staleIfError()} without a ttl) fails loudly with an
 * {@link IllegalArgumentException} naming the method.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Cached {
    /**
     * Time to live of an entry: {@code ""} (eternal), {@code "500ms"}, {@code "30s"}, {@code "5m"},
     * {@code "2h"}, {@code "1d"} or ISO-8601 such as {@code "PT5M"}. Must be positive.
     */
    String ttl() default "";

    /** Key prefix; {@code ""} means the method's identity, e.g. {@code com.example.QuoteService.quote}. */
    String prefix() default "";

    /** Name of the cache in the registry; {@code "default"} is in memory unless configured. */
    String cache() default "default";

    /** Never overwrite an existing entry (Redis {@code SET NX}). */
    boolean ifNotExists() default false;

    /** Store {@code null} results too (as a marker); by default they are not cached. */
    boolean cacheNull() default false;

    /**
     * The version of the method's results, for changes their structure cannot show (a field whose
     * meaning or unit changed but not its type). Over a cache that stores bytes (Redis, any
     * serializer but {@code noop://}) it goes into the tag of every key ({@code <prefix>#<tag>:<args>},
     * with the return type's structure), so bumping it retires this method's entries without
     * touching those of JVMs still running the old version. {@code ""} means none.
     */
    String version() default "";

    /** Custom key derivation; {@code KeyMaker.class} means the default key. */
    Class<? extends KeyMaker> keyMaker() default KeyMaker.class;

    /** Decides per result whether to skip storing it; {@code Exclude.class} means store everything. */
    Class<? extends Exclude> exclude() default Exclude.class;

    /**
     * Who shares a load on a miss: {@link SingleFlight#JVM} (this JVM's callers) or
     * {@link SingleFlight#FLEET} (every JVM sharing the backend, through a lease in the backend).
     */
    SingleFlight singleFlight() default SingleFlight.JVM;

    /**
     * Refresh-ahead: a hit on an entry older than this returns the stored value at once and starts
     * one background reload (one per fleet under {@link SingleFlight#FLEET}) that overwrites the entry
     * when it succeeds; a failed reload keeps the old entry. {@code ""} = off. Needs a {@link #ttl()}
     * longer than it.
     */
    String refresh() default "";

    /**
     * Stale-if-error: entries are kept this long beyond {@link #ttl()}; a call after the ttl runs the
     * body, and if the body throws, the stale value is returned instead of the exception. Past
     * ttl + staleIfError the exception propagates. {@code ""} = off. Needs a {@link #ttl()}.
     */
    String staleIfError() default "";

    /**
     * How long a {@link SingleFlight#FLEET} lease lives at most (it ends earlier when its holder
     * stores the value); waiters wait at most this long for the holder. {@code ""} = 10 seconds.
     */
    String lease() default "";
}

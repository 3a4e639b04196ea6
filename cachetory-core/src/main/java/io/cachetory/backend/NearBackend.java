package io.cachetory.backend;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A {@link Backend} that can keep DECODED values of recent reads and writes in this JVM (a "near"
 * layer in front of the store), kept coherent with the store by the backend itself.
 *
 * <p>Because the layer holds decoded values, it sits above the serializer: the facade made by
 * {@link io.cachetory.Cache#of} notices a backend whose {@link #keepsNear()} is true and then answers
 * {@code get} from {@link #getNear} first (no I/O, no deserialization), reads misses through
 * {@link #readForNear} and hands their decoded values back, and writes through {@link #setNear}. The
 * backend keeps the layer coherent with its own {@code set}, {@code setMany}, {@code expireIn},
 * {@code delete}, {@code deleteMany}, {@code clear} and {@code clearPrefix} (each drops what it
 * touches at once), and with other clients' writes as its store reports them. A backend whose
 * {@code keepsNear()} is false is used as a plain {@link Backend}.
 *
 * <p>Implementations are thread-safe.
 *
 * @param <W> what the backend stores
 */
public interface NearBackend<W> extends Backend<W> {
    /**
     * How far beyond a {@link #laggingNanoClock()} reading an entry's deadline must lie for a near
     * layer to serve the entry without reading {@link System#nanoTime()}: 1 s.
     */
    long LAGGING_CLOCK_TRUSTED_NANOS = CoarseClock.TRUSTED_NANOS;

    /**
     * A clock for the expiry check of a near layer's hit, which a real clock read would dominate:
     * the {@link System#nanoTime()} reading that the daemon thread {@code cachetory-clock} (shared
     * with {@code memory://}) publishes every 50 ms. It never leads the real clock and lags it by a
     * tick plus however long that thread waits to be scheduled, so a layer may trust it only to say
     * that a deadline more than {@link #LAGGING_CLOCK_TRUSTED_NANOS} beyond it has not come; for a
     * nearer deadline it must read the real clock. The thread starts on the first reading and ends
     * once no clock it published to (nor memory backend) is reachable. The returned clock is
     * thread-safe; each call makes a new one (keep it for the layer's lifetime).
     */
    static LongSupplier laggingNanoClock() {
        return new CoarseClockReading();
    }

    /** @return whether this backend keeps a near layer (fixed for its lifetime) */
    boolean keepsNear();

    /**
     * @return the decoded value kept near for the key, or {@code null} when none is kept or the
     *     layer is not in use right now; never does I/O
     */
    Object getNear(String key);

    /** As {@link #get}, one round trip, with a way to keep the decoded value near. */
    NearRead<W> readForNear(String key);

    /**
     * As {@link #set}, and when stored keeps {@code value} (the decoded form of {@code data}) near,
     * so that this JVM reads its own write without a round trip.
     */
    boolean setNear(String key, W data, Object value, Duration ttl, boolean ifNotExists);

    /**
     * The asynchronous face of this very backend: the same connections and the same near layer, so
     * that a cache opened with both faces reads through either what it wrote through the other at
     * once (two separately built backends would keep two layers, coherent only by the store's
     * invalidations). Closing either face closes both. The default, {@code null}, means it has none:
     * build the asynchronous backend separately.
     */
    default AsyncNearBackend<W> asyncFace() {
        return null;
    }
}

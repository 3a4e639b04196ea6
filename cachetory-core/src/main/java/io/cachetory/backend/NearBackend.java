package io.cachetory.backend;

import java.time.Duration;

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

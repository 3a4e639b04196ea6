package io.cachetory.backend;

/**
 * One read from the store made through a {@link NearBackend} or {@link AsyncNearBackend}: the stored
 * data, and a way to hand back its decoded form so that the backend's near layer may keep it.
 *
 * <p>The backend decides whether {@link #keep} keeps anything: it never keeps a value that an
 * invalidation seen after the read was sent may have made stale, nor one read while the layer was
 * not in use. Instances are used by one caller; {@link #keep} is safe to call from any thread.
 *
 * @param <W> what the backend stores ({@code byte[]} for Redis)
 */
public interface NearRead<W> {
    /** @return the stored data, or {@code null} when the key is missing */
    W data();

    /**
     * Offers the decoded form of {@link #data()} to the near layer. Later near hits answer with this
     * very instance, so it must be the value the caller returns (callers share it).
     */
    void keep(Object value);
}

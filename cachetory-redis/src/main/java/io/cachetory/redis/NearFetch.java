package io.cachetory.redis;

import io.cachetory.backend.NearRead;

/**
 * A read made for the near layer: the bytes, and what keeping their decoded form needs (the stamp
 * taken before sending, and the deadline from the key's Redis ttl). Without a stamp (no near layer,
 * not armed, or no ttl known) {@link #keep} keeps nothing. Immutable; thread-safe.
 */
final class NearFetch implements NearRead<byte[]> {
    private final NearLayer layer;
    private final String key;
    private final byte[] data;
    private final NearLayer.Stamp stamp;
    private final long deadline;

    NearFetch(NearLayer layer, String key, byte[] data, NearLayer.Stamp stamp, long deadline) {
        this.layer = layer;
        this.key = key;
        this.data = data;
        this.stamp = stamp;
        this.deadline = deadline;
    }

    @Override
    public byte[] data() {
        return data;
    }

    @Override
    public void keep(Object value) {
        if (stamp != null && data != null && value != null) {
            layer.keepRead(key, value, stamp, deadline);
        }
    }
}

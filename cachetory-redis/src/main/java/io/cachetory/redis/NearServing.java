package io.cachetory.redis;

import io.cachetory.backend.AsyncNearBackend;
import io.cachetory.backend.NearRead;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The near half of {@link AsyncNearBackend} for a Redis backend, answered by its {@link NearAccess}:
 * a near read is {@code GET} + {@code PTTL} on the connection serving the key, a kept write the
 * {@link NearCommands#SET_AND_TRACK} script, each falling back to the backend's plain
 * {@code get}/{@code set}. The standalone and the cluster backend differ only in
 * {@link #server()}.
 */
interface NearServing extends AsyncNearBackend<byte[]> {
    NearAccess nearAccess();

    /** @return the near layer, or null when the URL has no {@code near} */
    default NearLayer near() {
        return nearAccess().layer;
    }

    /** The connection a key's commands go to (the one server, or the node serving the key). */
    NearAccess.Server server();

    @Override
    default boolean keepsNear() {
        return nearAccess().keeps();
    }

    @Override
    default Object getNear(String key) {
        return nearAccess().get(key);
    }

    @Override
    default CompletableFuture<NearRead<byte[]>> readForNear(String key) {
        return nearAccess().read(key, server(), () -> get(key));
    }

    @Override
    default CompletableFuture<Boolean> setNear(String key, byte[] data, Object value, Duration ttl, boolean ifNotExists) {
        return nearAccess().write(key, data, value, ttl, ifNotExists, server(), () -> set(key, data, ttl, ifNotExists));
    }
}

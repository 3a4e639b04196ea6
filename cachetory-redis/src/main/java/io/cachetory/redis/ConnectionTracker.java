package io.cachetory.redis;

import io.lettuce.core.api.StatefulConnection;

/**
 * Keeps server-assisted client-side caching on the connection a {@link RedisConnector} made, for a
 * near layer: told of each connection the connector adopts, and of the connector's close.
 * Implementations are thread-safe; {@link #adopt} runs on a Lettuce I/O thread and must not block.
 *
 * @param <C> the kind of connection (one server's, or a cluster's)
 */
interface ConnectionTracker<C extends StatefulConnection<String, byte[]>> {
    /** The connector made a new connection and reads go through it from now on. */
    void adopt(C connection);

    /** Stops serving; the connection itself is closed by its owner. */
    void close();
}

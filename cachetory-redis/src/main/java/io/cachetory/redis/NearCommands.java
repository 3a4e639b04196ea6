package io.cachetory.redis;

import io.cachetory.backend.NearRead;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The Redis side of a {@link NearLayer}: the commands a backend sends to read a key for the layer
 * and to write a key this JVM keeps, each bracketed by the layer's stamps. Written against
 * {@link RedisClusterAsyncCommands}, which standalone, sentinel-found and cluster connections all
 * offer, so any Redis backend whose connection is tracked (see {@link TrackedConnection}) can use it.
 * Thread-safe.
 */
final class NearCommands {
    /**
     * {@code SET} and a read of the key in one atomic step: the read makes the server track the key
     * for this client again (its own write untracked it), with no other client's write in between,
     * so a value this JVM keeps after writing it is invalidated by the next foreign write.
     */
    static final String SET_AND_TRACK = "local r = redis.call('SET', KEYS[1], unpack(ARGV))\n"
            + "redis.call('PTTL', KEYS[1])\n"
            + "return r";
    private static final byte[] PX = "PX".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NX = "NX".getBytes(StandardCharsets.US_ASCII);

    private final NearLayer layer;

    NearCommands(NearLayer layer) {
        this.layer = layer;
    }

    NearLayer layer() {
        return layer;
    }

    /** @return a read of the key for the layer, stamped now; or {@code null} when the layer is not armed (read plainly) */
    Read beginRead(String key) {
        NearLayer.Stamp stamp = layer.stamp(key);
        return stamp == null ? null : new Read(key, stamp, layer.now());
    }

    /** The answer of a plain read: nothing will be kept. */
    NearRead<byte[]> plain(String key, byte[] data) {
        return new NearFetch(layer, key, data, null, 0);
    }

    /**
     * Drops what the layer keeps for the key and makes reads of it in flight unable to keep theirs.
     *
     * @return a write that keeps {@code value} once stored; or {@code null} when the layer is not
     *     armed (write plainly)
     */
    Write beginWrite(String key, byte[] data, Object value, Duration ttl, boolean ifNotExists) {
        NearLayer.Stamp stamp = layer.beforeWrite(key);
        if (stamp == null) {
            return null;
        }
        long sentAt = layer.now();
        long deadline = ttl == null ? sentAt + NearLayer.ETERNAL : sentAt + nanos(ttl);
        return new Write(key, data, value, ttl, ifNotExists, stamp, deadline);
    }

    private static long nanos(Duration ttl) {
        try {
            return Math.min(ttl.toNanos(), NearLayer.ETERNAL);
        } catch (ArithmeticException tooLong) {
            return NearLayer.ETERNAL;
        }
    }

    /** A read for the layer: {@code GET} then {@code PTTL}, pipelined (one round trip). */
    final class Read {
        private final String key;
        private final NearLayer.Stamp stamp;
        private final long sentAt;

        private Read(String key, NearLayer.Stamp stamp, long sentAt) {
            this.key = key;
            this.stamp = stamp;
            this.sentAt = sentAt;
        }

        /**
         * Sends both commands on the connection the key's invalidations arrive on. The {@code GET}
         * goes first, so a change of the key after it is announced before the {@code PTTL} reply.
         */
        CompletionStage<NearRead<byte[]>> send(RedisClusterAsyncCommands<String, byte[]> commands) {
            RedisFuture<byte[]> value = commands.get(key);
            RedisFuture<Long> pttl = commands.pttl(key);
            return value.thenCombine(pttl, (data, ms) -> {
                if (ms == null || ms < -1) {
                    return plain(key, data);
                }
                long deadline = ms == -1 ? sentAt + NearLayer.ETERNAL : sentAt + ms * 1_000_000L;
                return new NearFetch(layer, key, data, stamp, deadline);
            });
        }
    }

    /** A write this JVM keeps: {@link #SET_AND_TRACK}, then the value kept if stored and still current. */
    final class Write {
        private final String key;
        private final byte[] data;
        private final Object value;
        private final Duration ttl;
        private final boolean ifNotExists;
        private final NearLayer.Stamp stamp;
        private final long deadline;

        private Write(String key, byte[] data, Object value, Duration ttl, boolean ifNotExists, NearLayer.Stamp stamp, long deadline) {
            this.key = key;
            this.data = data;
            this.value = value;
            this.ttl = ttl;
            this.ifNotExists = ifNotExists;
            this.stamp = stamp;
            this.deadline = deadline;
        }

        /** @return whether the value was stored; on failure the key is dropped from the layer */
        CompletionStage<Boolean> send(RedisClusterAsyncCommands<String, byte[]> commands) {
            List<byte[]> args = new ArrayList<>(4);
            args.add(data);
            if (ttl != null) {
                args.add(PX);
                args.add(Long.toString(AsyncRedisBackend.millis(ttl)).getBytes(StandardCharsets.US_ASCII));
            }
            if (ifNotExists) {
                args.add(NX);
            }
            RedisFuture<String> reply = commands.eval(SET_AND_TRACK, ScriptOutputType.STATUS, new String[] {key}, args.toArray(new byte[0][]));
            return reply.whenComplete((r, e) -> {
                if (e == null && "OK".equals(r)) {
                    layer.keepWritten(key, value, stamp, deadline);
                } else {
                    layer.invalidate(key);
                }
            }).thenApply("OK"::equals);
        }
    }
}

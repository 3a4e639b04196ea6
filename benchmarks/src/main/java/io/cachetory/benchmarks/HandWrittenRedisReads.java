package io.cachetory.benchmarks;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.lettuce.core.KeyValue;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What a careful developer writes by hand over Lettuce and Kryo, the baseline of the Redis and Redis
 * Cluster benchmarks: a read-through {@code GET} + Kryo, 100 single {@code GET}s, one {@code MGET}.
 * Not thread-safe (one benchmark thread).
 */
final class HandWrittenRedisReads {
    private final RedisClusterCommands<byte[], byte[]> redis;
    private final Kryo kryo = new Kryo();
    /** How often {@link #quote} computed its value (1 after the warm-up miss when every later call hit). */
    int bodyRuns;

    HandWrittenRedisReads(RedisClusterCommands<byte[], byte[]> redis) {
        this.redis = redis;
        kryo.setRegistrationRequired(false);
    }

    byte[] write(Object value) {
        Output out = new Output(256, -1);
        kryo.writeClassAndObject(out, value);
        return out.toBytes();
    }

    void set(byte[] key, Object value) {
        redis.set(key, write(value));
    }

    /** The hand-written read-through: GET, Kryo, on a miss compute and SET. */
    Quote quote(String ticker, int day) {
        byte[] key = ("raw:" + ticker + ":" + day).getBytes(StandardCharsets.UTF_8);
        byte[] data = redis.get(key);
        if (data != null) {
            return (Quote) kryo.readClassAndObject(new Input(data));
        }
        bodyRuns++;
        Quote q = Quote.sample(ticker, day);
        redis.set(key, write(q));
        return q;
    }

    List<Object> gets(byte[][] keys) {
        List<Object> values = new ArrayList<>(keys.length);
        for (byte[] key : keys) {
            byte[] data = redis.get(key);
            if (data != null) {
                values.add(kryo.readClassAndObject(new Input(data)));
            }
        }
        return values;
    }

    List<Object> mget(byte[][] keys) {
        List<Object> values = new ArrayList<>(keys.length);
        for (KeyValue<byte[], byte[]> kv : redis.mget(keys)) {
            if (kv.hasValue()) {
                values.add(kryo.readClassAndObject(new Input(kv.getValue())));
            }
        }
        return values;
    }
}

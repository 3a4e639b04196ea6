package io.cachetory.redis;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisScriptingAsyncCommands;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * The two Lua scripts of fleet leases, each one atomic round trip touching only the lease's key (so
 * they run on a cluster too, on the node of that key's slot).
 */
final class LeaseScripts {
    /** Answers the holder's token; sets ours with PX when nobody holds the lease. */
    private static final String TRY_LEASE = "local h = redis.call('GET', KEYS[1]) "
            + "if h then return h end "
            + "redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) return ARGV[1]";
    /** Deletes the lease only if our token still holds it: never the next holder's lease. */
    private static final String RELEASE = "if redis.call('GET', KEYS[1]) == ARGV[1] "
            + "then return redis.call('DEL', KEYS[1]) else return 0 end";

    private LeaseScripts() {}

    static CompletionStage<String> tryLease(RedisScriptingAsyncCommands<String, byte[]> redis, String key, String token, Duration lease) {
        Objects.requireNonNull(key, "key");
        byte[] mine = token.getBytes(StandardCharsets.UTF_8);
        byte[] ms = Long.toString(Math.max(1, lease.toMillis())).getBytes(StandardCharsets.US_ASCII);
        return redis.<byte[]>eval(TRY_LEASE, ScriptOutputType.VALUE, new String[] {key}, mine, ms)
                .thenApply(holder -> new String(holder, StandardCharsets.UTF_8));
    }

    static CompletionStage<Boolean> release(RedisScriptingAsyncCommands<String, byte[]> redis, String key, String token) {
        Objects.requireNonNull(key, "key");
        byte[] mine = token.getBytes(StandardCharsets.UTF_8);
        return redis.<Long>eval(RELEASE, ScriptOutputType.INTEGER, new String[] {key}, mine).thenApply(n -> n != null && n > 0);
    }
}

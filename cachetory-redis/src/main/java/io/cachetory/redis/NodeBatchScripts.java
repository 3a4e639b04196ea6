package io.cachetory.redis;

/**
 * The Lua scripts that let one command carry a whole batch to one cluster node. Redis Cluster
 * refuses {@code MGET}/{@code MSET}/{@code UNLINK} over keys of different slots, even on the same
 * node; a script flagged {@code allow-cross-slot-keys} (Redis 7.0+) may touch any key the node
 * serves. The keys travel as arguments, not as declared keys, so that the node (not the slot of a
 * first key) decides where the script runs; a key the node does not serve makes the script fail
 * ("non local key"), and the caller then falls back to Lettuce's per-slot routing.
 *
 * <p>{@link #GET} is flagged {@code no-writes} so that a replica (after {@code READONLY}) runs it too.
 */
final class NodeBatchScripts {
    private NodeBatchScripts() {}

    /** ARGV = keys; answers their values in order, nil for a missing key. */
    static final String GET = "#!lua flags=no-writes,allow-cross-slot-keys\n"
            + "local r = {}\n"
            + "for i = 1, #ARGV do r[i] = redis.call('GET', ARGV[i]) end\n"
            + "return r\n";

    /** ARGV = ttl in milliseconds ({@code 0}: none), then key, value, key, value…; answers the count. */
    static final String SET = "#!lua flags=allow-cross-slot-keys\n"
            + "local ms = ARGV[1]\n"
            + "for i = 2, #ARGV, 2 do\n"
            + "  if ms == '0' then redis.call('SET', ARGV[i], ARGV[i + 1])\n"
            + "  else redis.call('SET', ARGV[i], ARGV[i + 1], 'PX', ms) end\n"
            + "end\n"
            + "return (#ARGV - 1) / 2\n";

    /** ARGV = keys; unlinks each, answers how many existed. */
    static final String UNLINK = "#!lua flags=allow-cross-slot-keys\n"
            + "local n = 0\n"
            + "for i = 1, #ARGV do n = n + redis.call('UNLINK', ARGV[i]) end\n"
            + "return n\n";
}

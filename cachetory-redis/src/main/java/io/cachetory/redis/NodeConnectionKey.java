package io.cachetory.redis;

import io.lettuce.core.ReadFrom;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.protocol.ConnectionIntent;
import java.util.ArrayList;
import java.util.List;

/**
 * One node connection of a cluster connection, named as Lettuce's slot routing names it: host,
 * port and intent (a {@code READ} connection is a separate, {@code READONLY} one). Immutable.
 */
record NodeConnectionKey(String host, int port, ConnectionIntent intent) {

    /**
     * The node connections that commands go to under {@code readFrom}: the write connection of
     * every master serving slots and, when reads may go elsewhere, the read connections of those
     * masters and of every replica not marked failed.
     */
    static List<NodeConnectionKey> inUse(Iterable<RedisClusterNode> nodes, ReadFrom readFrom) {
        List<NodeConnectionKey> keys = new ArrayList<>();
        for (RedisClusterNode node : nodes) {
            boolean master = node.is(RedisClusterNode.NodeFlag.UPSTREAM) || node.is(RedisClusterNode.NodeFlag.MASTER);
            String host = node.getUri().getHost();
            int port = node.getUri().getPort();
            if (master && !node.hasNoSlots()) {
                keys.add(new NodeConnectionKey(host, port, ConnectionIntent.WRITE));
                if (readFrom != ReadFrom.UPSTREAM) {
                    keys.add(new NodeConnectionKey(host, port, ConnectionIntent.READ));
                }
            } else if (!master && readFrom != ReadFrom.UPSTREAM && !node.is(RedisClusterNode.NodeFlag.FAIL)) {
                keys.add(new NodeConnectionKey(host, port, ConnectionIntent.READ));
            }
        }
        return keys;
    }

    @Override
    public String toString() {
        return host + ":" + port + (intent == ConnectionIntent.READ ? " (read)" : "");
    }
}

package io.cachetory.redis;

import io.lettuce.core.ReadFrom;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.TrackingArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.push.PushMessage;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.push.RedisClusterPushListener;
import io.lettuce.core.cluster.event.ClusterTopologyChangedEvent;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;

/**
 * Feeds a {@link NearLayer} from the node connections of a Redis Cluster connection with
 * server-assisted client-side caching. Lettuce enables nothing of the kind on node connections, and
 * a keyless {@code CLIENT TRACKING} sent through the cluster connection reaches one node only,
 * while each key's invalidations come from the node that serves it. So {@code CLIENT TRACKING ON
 * NOLOOP} is sent on every node connection that commands go to (each master's and, when
 * {@code read-from} lets reads go elsewhere, the read connections of masters and replicas), over
 * RESP3, and again after each of them reconnects and after each topology change.
 *
 * <p>The layer serves only while every one of those connections has confirmed tracking since its
 * last disconnect (a generation per connection, bumped on each disconnect): a disconnect of any of
 * them empties the layer and stops it at once, and so does a topology change that brings a node
 * connection not yet confirmed. Invalidations arrive as push messages on the node connections and
 * reach this listener through the cluster connection; a {@code null} key list drops everything.
 *
 * <p>Registered as the cluster client's connection-state listener (told of every node
 * connection's disconnects and reconnects) and as the cluster connection's push listener.
 * Thread-safe; callbacks run on Lettuce's threads and do no blocking work.
 */
final class TrackedClusterConnection
        implements ConnectionTracker<StatefulRedisClusterConnection<String, byte[]>>, RedisClusterPushListener, RedisConnectionStateListener {
    private static final Logger LOG = LoggerFactory.getLogger(TrackedClusterConnection.class);
    /** How soon enabling tracking is tried again after it failed (a node still connecting, say). */
    static final Duration RETRY = Duration.ofMillis(200);

    /** The tracking state of one node connection; fields guarded by the tracker's lock. */
    private static final class Node {
        final StatefulRedisConnection<String, byte[]> connection;
        /** Bumped on every disconnect of the connection. */
        long generation;
        /** The generation at which the server last confirmed tracking; -1 before. */
        long confirmed = -1;

        Node(StatefulRedisConnection<String, byte[]> connection) {
            this.connection = connection;
        }

        boolean tracked() {
            return confirmed == generation && connection.isOpen();
        }
    }

    private final NearLayer layer;
    private final String display;
    private final ReadFrom readFrom;
    private final Object lock = new Object();
    private final Map<NodeConnectionKey, Node> nodes = new ConcurrentHashMap<>();
    private volatile StatefulRedisClusterConnection<String, byte[]> current;
    private volatile Disposable topologyEvents;
    private volatile boolean closed;
    /** Set while a retry is scheduled: failures of several nodes at once schedule one retry, not one each. */
    private final AtomicBoolean retryScheduled = new AtomicBoolean();

    TrackedClusterConnection(NearLayer layer, String display, ReadFrom readFrom) {
        this.layer = layer;
        this.display = display;
        this.readFrom = readFrom;
    }

    @Override
    public void adopt(StatefulRedisClusterConnection<String, byte[]> connection) {
        synchronized (lock) {
            if (closed) {
                return;
            }
            current = connection;
            nodes.clear();
            layer.streamLost();
            if (topologyEvents == null) {
                // the event bus is shared by every client of this JVM: a change elsewhere only costs a check
                topologyEvents = SharedClientResources.get().eventBus().get()
                        .filter(ClusterTopologyChangedEvent.class::isInstance)
                        .subscribe(e -> onTopologyChanged());
            }
        }
        connection.addListener((RedisClusterPushListener) this);
        track();
    }

    /** Nodes may have come or gone: stop serving if one in use is not confirmed, and enable it. */
    private void onTopologyChanged() {
        StatefulRedisClusterConnection<String, byte[]> c = current;
        if (c == null) {
            return;
        }
        List<NodeConnectionKey> inUse = NodeConnectionKey.inUse(c.getPartitions(), readFrom);
        synchronized (lock) {
            if (layer.armed() && !allTracked(inUse)) {
                layer.streamLost();
                LOG.debug("near cache of {}: topology changed, emptied until every node confirms tracking", display);
            }
        }
        track();
    }

    /** Makes sure every node connection in use exists and has tracking enabled; arms the layer when all confirm. */
    private void track() {
        StatefulRedisClusterConnection<String, byte[]> c = current;
        if (c == null || closed) {
            return;
        }
        for (NodeConnectionKey key : NodeConnectionKey.inUse(c.getPartitions(), readFrom)) {
            c.getConnectionAsync(key.host(), key.port(), key.intent()).whenComplete((connection, e) -> {
                if (e != null) {
                    LOG.debug("near cache of {}: no connection to {} yet ({})", display, key, e.toString());
                    retryLater();
                    return;
                }
                Node node;
                boolean confirmed;
                synchronized (lock) {
                    node = nodes.get(key);
                    if (node == null || node.connection != connection) {
                        node = new Node(connection);
                        nodes.put(key, node);
                    }
                    confirmed = node.tracked();
                }
                if (confirmed) {
                    maybeArm();
                } else {
                    enable(key, node);
                }
            });
        }
    }

    private void enable(NodeConnectionKey key, Node node) {
        long g;
        synchronized (lock) {
            g = node.generation;
        }
        node.connection.async().clientTracking(TrackingArgs.Builder.enabled().noloop()).whenComplete((ok, e) -> {
            if (e != null) {
                LOG.debug("near cache of {}: CLIENT TRACKING on {} failed ({}); reads go to Redis meanwhile", display, key, e.toString());
                retryLater();
                return;
            }
            synchronized (lock) {
                if (node.generation == g && nodes.get(key) == node) {
                    node.confirmed = g;
                }
            }
            maybeArm();
        });
    }

    private void retryLater() {
        if (!closed && retryScheduled.compareAndSet(false, true)) {
            SharedClientResources.get().eventExecutorGroup().schedule(() -> {
                retryScheduled.set(false);
                track();
            }, RETRY.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private boolean allTracked(List<NodeConnectionKey> inUse) {
        for (NodeConnectionKey key : inUse) {
            Node node = nodes.get(key);
            if (node == null || !node.tracked()) {
                return false;
            }
        }
        return !inUse.isEmpty();
    }

    /** Serves again once every node connection in use has confirmed tracking since its last disconnect. */
    private void maybeArm() {
        StatefulRedisClusterConnection<String, byte[]> c = current;
        if (c == null) {
            return;
        }
        List<NodeConnectionKey> inUse = NodeConnectionKey.inUse(c.getPartitions(), readFrom);
        synchronized (lock) {
            if (closed || current != c || layer.armed() || !allTracked(inUse)) {
                return;
            }
            layer.streamArmed();
        }
        LOG.debug("near cache of {}: tracking armed on {} node connections", display, inUse.size());
    }

    @Override
    public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress socketAddress) {
        for (Map.Entry<NodeConnectionKey, Node> e : nodes.entrySet()) {
            if (e.getValue().connection == connection) {
                enable(e.getKey(), e.getValue());
            }
        }
    }

    @Override
    public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
        boolean ours = false;
        synchronized (lock) {
            for (Node node : nodes.values()) {
                if (node.connection == connection) {
                    node.generation++;
                    ours = true;
                }
            }
            if (ours) {
                layer.streamLost();
            }
        }
        if (ours) {
            LOG.debug("near cache of {}: a node connection was lost, emptied until tracking is back", display);
            // a connection Lettuce closed because its node left the topology is no longer waited for
            maybeArm();
        }
    }

    @Override
    public void onPushMessage(RedisClusterNode node, PushMessage message) {
        TrackedConnection.applyInvalidation(layer, message);
    }

    @Override
    public void close() {
        Disposable events;
        synchronized (lock) {
            closed = true;
            current = null;
            nodes.clear();
            layer.streamLost();
            events = topologyEvents;
            topologyEvents = null;
        }
        if (events != null) {
            events.dispose();
        }
    }
}

package io.cachetory.redis;

import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.TrackingArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.push.PushListener;
import io.lettuce.core.api.push.PushMessage;
import io.lettuce.core.codec.StringCodec;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds a {@link NearLayer} from one standalone (or sentinel-found) Redis connection with
 * server-assisted client-side caching: {@code CLIENT TRACKING ON NOLOOP} over RESP3, so that the
 * server pushes an {@code invalidate} message on this very connection whenever a key this client
 * read is written, deleted, given another expiry, evicted or expired, or the database is flushed.
 *
 * <p>Tracking is state of one server connection, lost with it: on every disconnect the layer is
 * emptied and stops serving at once; on every (re)connect tracking is enabled again, and the layer
 * serves again only once the server has confirmed it on the connection the backend reads through,
 * with no disconnect in between. {@code NOLOOP} spares this client the echo of its own writes (the
 * backend drops and keeps its own keys itself). A {@code null} key list means "flush everything".
 *
 * <p>Registered as the client's connection-state listener and as the connection's push listener.
 * Thread-safe; callbacks run on Lettuce's I/O threads and do no blocking work.
 */
final class TrackedConnection
        implements ConnectionTracker<StatefulRedisConnection<String, byte[]>>, PushListener, RedisConnectionStateListener {
    private static final Logger LOG = LoggerFactory.getLogger(TrackedConnection.class);

    private final NearLayer layer;
    private final String display;
    /** Bumped on every disconnect: a tracking confirmation from an older connection state is ignored. */
    private final AtomicLong generation = new AtomicLong();
    /** How long after a refused CLIENT TRACKING it is asked again on the same connection. */
    static final Duration RETRY = Duration.ofSeconds(1);
    /** Refusals since tracking was last armed: the first is a warning, the retries are not. */
    private final AtomicInteger trackingFailures = new AtomicInteger();
    private volatile StatefulRedisConnection<String, byte[]> current;

    TrackedConnection(NearLayer layer, String display) {
        this.layer = layer;
        this.display = display;
    }

    @Override
    public void adopt(StatefulRedisConnection<String, byte[]> connection) {
        generation.incrementAndGet();
        layer.streamLost();
        connection.addListener((PushListener) this);
        current = connection;
        enable(connection);
    }

    private void enable(StatefulRedisConnection<String, byte[]> connection) {
        long g = generation.get();
        connection.async().clientTracking(TrackingArgs.Builder.enabled().noloop()).whenComplete((ok, e) -> {
            boolean same = generation.get() == g && current == connection && connection.isOpen();
            if (e != null) {
                if (trackingFailures.getAndIncrement() == 0) {
                    LOG.warn("near cache of {} not in use: CLIENT TRACKING failed ({}); reads go to Redis, retrying every {} s",
                            display, e.toString(), RETRY.toSeconds());
                } else {
                    LOG.debug("near cache of {}: CLIENT TRACKING failed again ({})", display, e.toString());
                }
                if (same) {
                    // the connection stays up (say an ACL that refused the command changes): ask again
                    CompletableFuture.delayedExecutor(RETRY.toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
                        if (generation.get() == g && current == connection && connection.isOpen()) {
                            enable(connection);
                        }
                    });
                }
            } else if (same) {
                trackingFailures.set(0);
                layer.streamArmed();
                LOG.debug("near cache of {}: tracking armed", display);
            }
        });
    }

    @Override
    public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress socketAddress) {
        StatefulRedisConnection<String, byte[]> c = current;
        if (c != null && connection == c) {
            enable(c);
        }
    }

    @Override
    public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
        StatefulRedisConnection<String, byte[]> c = current;
        if (c != null && connection == c) {
            generation.incrementAndGet();
            layer.streamLost();
            LOG.debug("near cache of {}: connection lost, emptied until tracking is back", display);
        }
    }

    @Override
    public void onPushMessage(PushMessage message) {
        applyInvalidation(layer, message);
    }

    /** Applies an {@code invalidate} push message to the layer (a {@code null} key list drops all); ignores others. */
    static void applyInvalidation(NearLayer layer, PushMessage message) {
        if (!"invalidate".equals(message.getType())) {
            return;
        }
        List<Object> content = message.getContent(StringCodec.UTF8::decodeKey);
        Object keys = content.size() > 1 ? content.get(1) : null;
        if (keys instanceof List) {
            for (Object key : (List<?>) keys) {
                layer.invalidate(String.valueOf(key));
            }
        } else {
            layer.invalidateAll();
        }
    }

    @Override
    public void close() {
        generation.incrementAndGet();
        current = null;
        layer.streamLost();
    }
}

package io.cachetory.redis;

import io.cachetory.BackendException;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.ReadFrom;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.protocol.ProtocolVersion;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns one Lettuce client ({@link RedisClient}, or {@link RedisClusterClient} for a cluster) and the
 * one shared connection (UTF-8 keys, {@code byte[]} values) of a backend. Connects lazily and
 * without blocking on first use; after a failed connect attempt, calls within the next
 * {@link #RETRY_AFTER_FAILURE} fail at once with that failure, and the first call after it tries
 * again (a failure is never cached for good). Once connected, Lettuce reconnects by itself
 * (auto-reconnect, backoff capped at 1 s) and rejects commands while disconnected, so callers fail
 * fast instead of queueing. Connecting (TCP and handshake together) and each command
 * are bounded by the URL's {@code timeout}. Thread-safe.
 */
final class RedisConnector<C extends StatefulConnection<String, byte[]>> {
    private static final Logger LOG = LoggerFactory.getLogger(RedisConnector.class);

    static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);
    static final Duration RETRY_AFTER_FAILURE = Duration.ofMillis(250);
    /**
     * How often a cluster client re-reads the topology even when nothing went wrong; MOVED/ASK
     * redirects and reconnect attempts trigger a re-read sooner, at most once per
     * {@link #ADAPTIVE_REFRESH_GAP}, so a promoted replica is found within about a second.
     */
    static final Duration PERIODIC_REFRESH = Duration.ofSeconds(5);
    static final Duration ADAPTIVE_REFRESH_GAP = Duration.ofMillis(500);

    private final RedisSettings settings;
    private final AbstractRedisClient client;
    private final Supplier<CompletionStage<C>> connect;
    /** Whether a connection found closed is replaced (a cluster connection heals by itself instead). */
    private final boolean replaceWhenClosed;
    private final Object lock = new Object();
    private volatile CompletableFuture<C> current;
    private volatile long failedAtNanos;
    /** Lettuce's own future of the latest connect attempt (it may outlive our bounded wait). */
    private CompletableFuture<?> rawAttempt;
    private boolean closed;
    /** Set when an operation or connect attempt failed: Lettuce may still have handshake timers pending. */
    private volatile boolean troubled;

    /** Told of every connection this connector adopts; or null. */
    private final ConnectionTracker<C> tracker;

    private RedisConnector(RedisSettings settings, AbstractRedisClient client, Supplier<CompletionStage<C>> connect, boolean replaceWhenClosed,
            ConnectionTracker<C> tracker) {
        this.settings = settings;
        this.client = client;
        this.connect = connect;
        this.replaceWhenClosed = replaceWhenClosed;
        this.tracker = tracker;
    }

    /**
     * One daemon thread that starts connections as backends are built, so that a cold JVM's one-time
     * client start-up (Netty, TLS, class loading: a second or more on a busy machine) happens before
     * the first call rather than inside its {@code timeout}. Never blocks the builder; a failed start
     * is what a first call would have met, and the first call after {@link #RETRY_AFTER_FAILURE}
     * tries again.
     */
    private static final java.util.concurrent.Executor EARLY_CONNECT = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "cachetory-redis-connect");
        t.setDaemon(true);
        return t;
    });

    /** Starts connecting in the background; returns at once. */
    RedisConnector<C> startConnecting() {
        EARLY_CONNECT.execute(() -> {
            try {
                connectionSlow();
            } catch (RuntimeException e) {
                LOG.debug("early connect to Redis at {} failed: {}", settings.display(), settings.scrub(String.valueOf(e)));
            }
        });
        return this;
    }

    /** A connector to one server (directly, over TLS or a socket, or the master the sentinels name). */
    static RedisConnector<StatefulRedisConnection<String, byte[]>> standalone(RedisSettings settings) {
        return standalone(settings, null);
    }

    /**
     * As {@link #standalone(RedisSettings)}, with client-side caching on each connection when
     * {@code tracker} is given (then RESP3 is required).
     */
    static RedisConnector<StatefulRedisConnection<String, byte[]>> standalone(RedisSettings settings, TrackedConnection tracker) {
        // RedisClient.create only builds objects: no thread, no socket.
        RedisClient client = RedisClient.create(SharedClientResources.get());
        ClientOptions.Builder options = clientOptionsBuilder(settings.timeout());
        if (tracker != null) {
            // invalidations arrive as RESP3 push messages on the connection itself
            options.protocolVersion(ProtocolVersion.RESP3);
            client.addListener(tracker);
        }
        client.setOptions(options.build());
        return new RedisConnector<>(settings, client, () -> client.connectAsync(CODEC, settings.uri()), true, tracker)
                .startConnecting();
    }

    /**
     * A connector to a Redis Cluster found from the URL's seeds on first use. Lettuce routes each
     * command by slot, follows MOVED/ASK, and re-reads the topology periodically and on redirects
     * and reconnects; node connections reject commands while disconnected, as a single server's do.
     */
    static RedisConnector<StatefulRedisClusterConnection<String, byte[]>> cluster(RedisSettings settings) {
        return cluster(settings, null);
    }

    /**
     * As {@link #cluster(RedisSettings)}, with client-side caching on the node connections when
     * {@code tracker} is given (then RESP3 is required on every node connection).
     */
    static RedisConnector<StatefulRedisClusterConnection<String, byte[]>> cluster(RedisSettings settings, TrackedClusterConnection tracker) {
        // Building the client makes no thread and no socket; the topology is read on first use.
        RedisClusterClient client = RedisClusterClient.create(SharedClientResources.get(), settings.uris());
        client.setOptions(clusterClientOptions(settings.timeout(), tracker != null));
        if (tracker != null) {
            // told of every node connection's disconnects and reconnects
            client.addListener(tracker);
        }
        // The topology is read first, without blocking (connectAsync alone insists on it being known).
        return new RedisConnector<>(settings, client, () -> client.refreshPartitionsAsync()
                .thenCompose(topology -> client.connectAsync(CODEC))
                .thenCompose(c -> {
                    c.setReadFrom(settings.readFrom());
                    return connectNodes(c, settings.readFrom()).handle((ignored, e) -> c);
                }), false, tracker).startConnecting();
    }

    /**
     * Opens the connections to every node commands will go to. Lettuce opens a node's connection on
     * the first command for it and, when commands are rejected while disconnected, rejects that
     * first command too; so a fresh cluster connection would fail its first command per node. A
     * node that cannot be reached now is left to fail (fast) on use. Connections are keyed by host
     * and port, as Lettuce's slot routing keys them, so that these are the ones it uses.
     */
    private static CompletableFuture<Void> connectNodes(StatefulRedisClusterConnection<String, byte[]> c, ReadFrom readFrom) {
        List<CompletableFuture<?>> nodes = new ArrayList<>();
        for (NodeConnectionKey key : NodeConnectionKey.inUse(c.getPartitions(), readFrom)) {
            nodes.add(c.getConnectionAsync(key.host(), key.port(), key.intent()));
        }
        return CompletableFuture.allOf(nodes.toArray(new CompletableFuture<?>[0]));
    }

    static ClusterClientOptions clusterClientOptions(Duration timeout) {
        return clusterClientOptions(timeout, false);
    }

    /** @param resp3 whether node connections speak RESP3 (invalidations arrive as push messages on them) */
    static ClusterClientOptions clusterClientOptions(Duration timeout, boolean resp3) {
        ClusterTopologyRefreshOptions refresh = ClusterTopologyRefreshOptions.builder()
                .enablePeriodicRefresh(PERIODIC_REFRESH)
                .enableAllAdaptiveRefreshTriggers()
                .adaptiveRefreshTriggersTimeout(ADAPTIVE_REFRESH_GAP)
                // One failed reconnect is enough to suspect a failover: re-read the topology then.
                .refreshTriggersReconnectAttempts(1)
                .closeStaleConnections(true)
                .dynamicRefreshSources(true)
                .build();
        ClientOptions.Builder base = clientOptionsBuilder(timeout);
        if (resp3) {
            base.protocolVersion(ProtocolVersion.RESP3);
        }
        return ClusterClientOptions.builder(base.build())
                .topologyRefreshOptions(refresh)
                .build();
    }

    static ClientOptions clientOptions(Duration timeout) {
        return clientOptionsBuilder(timeout).build();
    }

    private static ClientOptions.Builder clientOptionsBuilder(Duration timeout) {
        return ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(timeout).keepAlive(true).tcpNoDelay(true).build())
                .timeoutOptions(TimeoutOptions.enabled(timeout));
    }

    RedisSettings settings() {
        return settings;
    }

    /**
     * @return the shared connection, possibly still being made (then a view of that attempt that
     *     fails after {@code timeout}, while the attempt itself goes on and is adopted if it succeeds
     *     later, as on a cold JVM); never blocks
     */
    CompletableFuture<C> connection() {
        CompletableFuture<C> f = current;
        if (f == null || !usable(f)) {
            f = connectionSlow();
        }
        if (f.isDone()) {
            return f;
        }
        return f.copy().orTimeout(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    private CompletableFuture<C> connectionSlow() {
        synchronized (lock) {
            if (closed) {
                return CompletableFuture.failedFuture(new BackendException("Redis backend " + settings.display() + " is closed"));
            }
            CompletableFuture<C> f = current;
            if (f != null && usable(f)) {
                return f;
            }
            if (f != null && f.isCompletedExceptionally()
                    && System.nanoTime() - failedAtNanos < RETRY_AFTER_FAILURE.toNanos()) {
                return f;
            }
            if (f != null && f.isDone() && !f.isCompletedExceptionally()) {
                // Closed under us (not by close()): drop it and make a new one.
                f.join().closeAsync();
            }
            CompletableFuture<C> attempt = new CompletableFuture<>();
            current = attempt;
            failedAtNanos = System.nanoTime(); // provisional; rewritten when the attempt fails
            attempt.whenComplete((c, e) -> {
                if (e != null) {
                    failedAtNanos = System.nanoTime();
                    LOG.debug("cannot connect to Redis at {}: {}", settings.display(), settings.scrub(String.valueOf(e)));
                } else {
                    LOG.debug("connected to Redis at {}", settings.display());
                }
            });
            CompletableFuture<C> raw;
            try {
                raw = connect.get().toCompletableFuture();
            } catch (RuntimeException e) {
                attempt.completeExceptionally(e);
                return attempt;
            }
            rawAttempt = raw;
            raw.whenComplete((c, e) -> {
                if (e != null) {
                    attempt.completeExceptionally(e);
                } else if (!attempt.complete(c)) {
                    // Abandoned (closed, or the backstop below fired): do not leak it.
                    c.closeAsync();
                } else if (tracker != null) {
                    tracker.adopt(c);
                }
            });
            // Lettuce bounds the TCP connect and the handshake by the timeout each; this backstop
            // only keeps a lost attempt from blocking new ones for good.
            attempt.orTimeout(settings.timeout().multipliedBy(3).plusSeconds(1).toMillis(), TimeUnit.MILLISECONDS);
            return attempt;
        }
    }

    private boolean usable(CompletableFuture<C> f) {
        return !f.isDone() || (!f.isCompletedExceptionally() && (!replaceWhenClosed || f.join().isOpen()));
    }

    /**
     * Runs one operation on the connection. The answer is a fresh future that fails only with
     * {@link BackendException} naming the operation and the URL (password masked).
     */
    <T> CompletableFuture<T> run(String op, Function<C, ? extends CompletionStage<T>> command) {
        CompletableFuture<T> out = new CompletableFuture<>();
        connection().whenComplete((c, e) -> {
            if (e != null) {
                out.completeExceptionally(failure(op, e, true));
                return;
            }
            CompletionStage<T> stage;
            try {
                stage = command.apply(c);
            } catch (RuntimeException ex) {
                out.completeExceptionally(failure(op, ex, false));
                return;
            }
            stage.whenComplete((v, ex) -> {
                if (ex != null) {
                    out.completeExceptionally(failure(op, ex, false));
                } else {
                    out.complete(v);
                }
            });
        });
        return out;
    }

    /** Translates any failure into a {@link BackendException} that never holds the password. */
    BackendException failure(String op, Throwable e, boolean connecting) {
        troubled = true;
        Throwable cause = unwrap(e);
        if (cause instanceof BackendException && !mentionsPasswordAnywhere(cause)) {
            return (BackendException) cause;
        }
        String what;
        if (cause instanceof TimeoutException || cause instanceof RedisCommandTimeoutException) {
            what = (connecting ? "connecting timed out after " : "timed out after ") + settings.timeout().toMillis() + " ms";
        } else {
            what = (connecting ? "cannot connect: " : "") + describe(cause);
            Throwable root = cause;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            if (root != cause) {
                what += " (" + describe(root) + ")";
            }
        }
        String message = "Redis " + op + " failed on " + settings.display() + ": " + settings.scrub(what);
        if (mentionsPasswordAnywhere(cause)) {
            return new BackendException(message);
        }
        return new BackendException(message, cause);
    }

    private static String describe(Throwable t) {
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    private boolean mentionsPasswordAnywhere(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (settings.mentionsPassword(c.getMessage())) {
                return true;
            }
        }
        return false;
    }

    static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /**
     * Waits for a future of this connector for at most {@code bound}: never longer, whatever the
     * server does. Used by the synchronous backend.
     */
    <T> T await(String op, CompletableFuture<T> future, Duration bound) {
        try {
            return bound == null ? future.get() : future.get(bound.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(false);
            throw new BackendException("Redis " + op + " on " + settings.display() + " interrupted", e);
        } catch (TimeoutException e) {
            future.cancel(false);
            throw failure(op, e, false);
        } catch (ExecutionException | CancellationException e) {
            throw failure(op, e, false);
        }
    }

    /** Closes the connection and the client; idempotent. Does not wait for the server. */
    void close() {
        if (tracker != null) {
            tracker.close();
        }
        CompletableFuture<C> f;
        CompletableFuture<?> raw;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            f = current;
            current = null;
            raw = rawAttempt;
        }
        if (f != null) {
            // A connect still in flight: its connection is closed on arrival (attempt already done).
            f.completeExceptionally(new BackendException("Redis backend " + settings.display() + " is closed"));
            if (!replaceWhenClosed && f.isDone() && !f.isCompletedExceptionally()) {
                // A cluster connection closes its node connections itself; left to the client's
                // shutdown, they would be closed twice, each time with a warning in the log.
                try {
                    f.join().close();
                } catch (RuntimeException e) {
                    LOG.debug("closing Redis connection for {}: {}", settings.display(), settings.scrub(String.valueOf(e)));
                }
            }
        }
        if ((raw != null && !raw.isDone()) || troubled) {
            // After failures Lettuce may still run a (re)connect handshake whose timeout fires up to
            // one timeout later; shutting the client down under it makes Netty log errors. So shut
            // down once that has passed, without making the caller wait.
            Executor later = CompletableFuture.delayedExecutor(settings.timeout().toMillis() + 200, TimeUnit.MILLISECONDS);
            later.execute(() -> client.shutdownAsync(0, 2, TimeUnit.SECONDS));
        } else {
            shutdownClient();
        }
    }

    private void shutdownClient() {
        try {
            // Closes every connection the client made, ours included.
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        } catch (RuntimeException e) {
            LOG.debug("closing Redis client for {}: {}", settings.display(), settings.scrub(String.valueOf(e)));
        }
    }
}

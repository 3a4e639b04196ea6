package io.cachetory.redis;

import io.cachetory.BackendException;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.ConnectionFuture;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.protocol.ProtocolVersion;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns one {@link RedisClient} and the one shared connection (UTF-8 keys, {@code byte[]} values)
 * of a backend. Connects lazily and without blocking on first use; after a failed connect attempt,
 * calls within the next {@link #RETRY_AFTER_FAILURE} fail at once with that failure, and the first
 * call after it tries again (a failure is never cached for good). Once connected, Lettuce reconnects
 * by itself (auto-reconnect, backoff capped at 1 s) and rejects commands while disconnected, so
 * callers fail fast instead of queueing. Connecting (TCP and handshake together) and each command
 * are bounded by the URL's {@code timeout}. Thread-safe.
 */
final class RedisConnector {
    private static final Logger LOG = LoggerFactory.getLogger(RedisConnector.class);

    static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);
    static final Duration RETRY_AFTER_FAILURE = Duration.ofMillis(250);

    private final RedisSettings settings;
    private final RedisClient client;
    private final Object lock = new Object();
    private volatile CompletableFuture<StatefulRedisConnection<String, byte[]>> current;
    private volatile long failedAtNanos;
    /** Lettuce's own future of the latest connect attempt (it may outlive our bounded wait). */
    private CompletableFuture<?> rawAttempt;
    private boolean closed;
    /** Set when an operation or connect attempt failed: Lettuce may still have handshake timers pending. */
    private volatile boolean troubled;

    /** Told of every connection this connector adopts, and of its disconnects and reconnects; or null. */
    private final TrackedConnection tracker;

    RedisConnector(RedisSettings settings) {
        this(settings, null);
    }

    /** @param tracker enables client-side caching on each connection (then RESP3 is required); or null */
    RedisConnector(RedisSettings settings, TrackedConnection tracker) {
        this.settings = settings;
        this.tracker = tracker;
        // RedisClient.create only builds objects: no thread, no socket.
        this.client = RedisClient.create(SharedClientResources.get());
        ClientOptions.Builder options = clientOptionsBuilder(settings.timeout());
        if (tracker != null) {
            // invalidations arrive as RESP3 push messages on the connection itself
            options.protocolVersion(ProtocolVersion.RESP3);
            this.client.addListener(tracker);
        }
        this.client.setOptions(options.build());
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
    CompletableFuture<StatefulRedisConnection<String, byte[]>> connection() {
        CompletableFuture<StatefulRedisConnection<String, byte[]>> f = current;
        if (f == null || !usable(f)) {
            f = connectionSlow();
        }
        if (f.isDone()) {
            return f;
        }
        return f.copy().orTimeout(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    private CompletableFuture<StatefulRedisConnection<String, byte[]>> connectionSlow() {
        synchronized (lock) {
            if (closed) {
                return CompletableFuture.failedFuture(new BackendException("Redis backend " + settings.display() + " is closed"));
            }
            CompletableFuture<StatefulRedisConnection<String, byte[]>> f = current;
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
            CompletableFuture<StatefulRedisConnection<String, byte[]>> attempt = new CompletableFuture<>();
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
            ConnectionFuture<StatefulRedisConnection<String, byte[]>> raw;
            try {
                raw = client.connectAsync(CODEC, settings.uri());
            } catch (RuntimeException e) {
                attempt.completeExceptionally(e);
                return attempt;
            }
            rawAttempt = raw.toCompletableFuture();
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

    private static boolean usable(CompletableFuture<StatefulRedisConnection<String, byte[]>> f) {
        return !f.isDone() || (!f.isCompletedExceptionally() && f.join().isOpen());
    }

    /**
     * Runs one operation on the connection. The answer is a fresh future that fails only with
     * {@link BackendException} naming the operation and the URL (password masked).
     */
    <T> CompletableFuture<T> run(String op, Function<StatefulRedisConnection<String, byte[]>, ? extends CompletionStage<T>> command) {
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
        CompletableFuture<StatefulRedisConnection<String, byte[]>> f;
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

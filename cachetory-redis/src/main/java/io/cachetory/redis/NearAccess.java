package io.cachetory.redis;

import io.cachetory.backend.NearRead;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.time.Duration;
import java.util.Collection;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Redis backend's side of its near layer, the same over one server and over a cluster: serves
 * what is kept, reads ({@code GET} + {@code PTTL}) and writes ({@link NearCommands#SET_AND_TRACK})
 * through the server so that what is kept stays coherent, and drops what this JVM's own changes
 * touch before they are sent and again once answered (a read racing the change may have kept it).
 * Without {@code near=} in the URL every method is a pass-through. Thread-safe.
 */
final class NearAccess {
    private static final Logger LOG = LoggerFactory.getLogger(NearAccess.class);

    /** Runs one command on the connection serving its key (a method reference to the backend's connector). */
    interface Server {
        <T> CompletableFuture<T> run(String op, Function<RedisClusterAsyncCommands<String, byte[]>, ? extends CompletionStage<T>> command);
    }

    /** The near layer, or null without {@code near=}. */
    final NearLayer layer;
    private final NearCommands commands;
    private final String display;
    private final RedisSettings settings;
    /** Set once the server refused {@link NearCommands#SET_AND_TRACK}: writes then go as a plain {@code SET}. */
    private volatile boolean scriptRefused;

    NearAccess(RedisSettings settings) {
        RedisSettings.NearSettings near = settings.near();
        this.settings = settings;
        this.display = settings.display();
        this.layer = near == null ? null : NearLayer.onSystemClock(near.maxEntries(), near.ttl());
        this.commands = layer == null ? null : new NearCommands(layer);
    }

    boolean keeps() {
        return layer != null;
    }

    Object get(String key) {
        return layer == null ? null : layer.get(key);
    }

    /** The value and how long it may be kept near, in one round trip; {@code plainGet} without a near layer. */
    CompletableFuture<NearRead<byte[]>> read(String key, Server server, Supplier<CompletableFuture<byte[]>> plainGet) {
        Objects.requireNonNull(key, "key");
        NearCommands.Read read = commands == null ? null : commands.beginRead(key);
        if (read == null) {
            return plainGet.get().thenApply(data -> new NearFetch(layer, key, data, null, 0));
        }
        return server.run("GET", read::send);
    }

    /** Writes and, when stored, keeps {@code value} near; {@code plainSet} without a near layer or script. */
    CompletableFuture<Boolean> write(String key, byte[] data, Object value, Duration ttl, boolean ifNotExists, Server server,
                                     Supplier<CompletableFuture<Boolean>> plainSet) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(data, "data");
        NearCommands.Write write = commands == null || scriptRefused ? null : commands.beginWrite(key, data, value, ttl, ifNotExists);
        if (write == null) {
            return plainSet.get();
        }
        return server.run("SET", write::send).handle((stored, e) -> {
            if (e == null) {
                return CompletableFuture.completedFuture(stored);
            }
            Throwable failure = RedisConnector.unwrap(e);
            if (refusesScripts(failure.getCause())) {
                // the server refused the script (EVAL not allowed to this user, scripting disabled):
                // store plainly from now on; values are then kept near once read back
                scriptRefused = true;
                LOG.warn("near cache of {}: the server refused EVAL ({}); writes are not kept near", display,
                        settings.scrub(String.valueOf(failure.getCause().getMessage())));
                return plainSet.get();
            }
            return CompletableFuture.<Boolean>failedFuture(failure);
        }).thenCompose(f -> f);
    }

    /** A refusal of {@code EVAL} itself (ACL, renamed or disabled command), not a failure of this one write. */
    static boolean refusesScripts(Throwable cause) {
        if (!(cause instanceof RedisCommandExecutionException) || cause.getMessage() == null) {
            return false;
        }
        String message = cause.getMessage().toLowerCase(java.util.Locale.ROOT);
        return message.startsWith("noperm") || message.contains("'eval'") || message.contains("script");
    }

    /** This JVM is about to change the keys: nothing kept near for them may be served from now on. */
    void drop(Collection<String> keys) {
        if (layer != null) {
            keys.forEach(layer::invalidate);
        }
    }

    /** ...and once the server answered (or failed), drop them again. */
    <T> CompletableFuture<T> droppingAfter(CompletableFuture<T> op, Collection<String> keys) {
        return layer == null ? op : op.whenComplete((v, e) -> keys.forEach(layer::invalidate));
    }

    /** Drops everything kept near, sends the operation, and drops everything again once it is answered. */
    <T> CompletableFuture<T> droppingAll(Supplier<CompletableFuture<T>> op) {
        if (layer == null) {
            return op.get();
        }
        layer.invalidateAll();
        return op.get().whenComplete((v, e) -> layer.invalidateAll());
    }
}
